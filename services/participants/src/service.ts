import type { ServiceDefinition } from '../../kit/src/service-runtime.js';
import { buildSubgraph } from '../../kit/src/subgraph-schema.js';
import { createParticipantActivities } from './activities.js';
import { MouParticipantsResolver, MunicipalityParticipantsResolver, ownerReferences } from './federation/owners.resolver.js';
import { Initial1763700000000 } from './migrations/1763700000000-initial.js';
import { ParticipantEntity } from './participant/participant.entity.js';
import { ParticipantPages } from './participant/participant.pages.js';
import { participantReference, ParticipantResolver } from './participant/participant.resolver.js';
import { ParticipantService } from './participant/participant.service.js';

/** People, enrolments and coverage. Owns the `participants` schema. */
export const participantsService: ServiceDefinition = {
  name: 'participants',
  database: { schema: 'participants', entities: [ParticipantEntity], migrations: [Initial1763700000000] },
  async subgraph({ dataSource, temporal, queues }) {
    const participants = new ParticipantService(dataSource, temporal, queues);
    const pages = new ParticipantPages(dataSource);
    return buildSubgraph({
      resolvers: [new ParticipantResolver(participants), new MunicipalityParticipantsResolver(pages), new MouParticipantsResolver(pages)],
      references: { ...ownerReferences, ...participantReference(participants) },
    });
  },
  activities: createParticipantActivities,
};
