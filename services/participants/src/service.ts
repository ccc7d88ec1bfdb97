import { auditLogResolver } from '../../kit/src/audit-log.resolver.js';
import { FieldCipher } from '../../kit/src/field-cipher.js';
import type { ServiceDefinition } from '../../kit/src/service-runtime.js';
import { buildSubgraph } from '../../kit/src/subgraph-schema.js';
import { createParticipantActivities } from './activities.js';
import { MouParticipantsResolver, MunicipalityParticipantsResolver, ownerReferences } from './federation/owners.resolver.js';
import { Initial1763700000000 } from './migrations/1763700000000-initial.js';
import { ParticipantRegionCode1763800000000 } from './migrations/1763800000000-participant-region-code.js';
import { AuditAndAppRole1763900000000 } from './migrations/1763900000000-audit-and-app-role.js';
import { EncryptNik1764000000000 } from './migrations/1764000000000-encrypt-nik.js';
import { PeopleAndEnrolments1765100000000 } from './migrations/1765100000000-people-and-enrolments.js';
import { PersonEntity } from './person/person.entity.js';
import { personReference, PersonResolver } from './person/person.resolver.js';
import { PersonService } from './person/person.service.js';
import { CoverageService } from './coverage/coverage.service.js';
import { CoverageFigures } from './coverage/coverage-figures.js';
import { ParticipantEntity } from './participant/participant.entity.js';
import { PARTICIPANT_TEXT_RULES } from './participant/participant.inputs.js';
import { ParticipantPages } from './participant/participant.pages.js';
import { participantReference, ParticipantResolver } from './participant/participant.resolver.js';
import { ParticipantService } from './participant/participant.service.js';

const AuditLogResolver = auditLogResolver('participants', 'participantsAuditLog');

/** People, enrolments and coverage. Owns the `participants` schema. */
export const participantsService: ServiceDefinition = {
  name: 'participants',
  database: {
    schema: 'participants',
    entities: [ParticipantEntity, PersonEntity],
    migrations: [Initial1763700000000, ParticipantRegionCode1763800000000, AuditAndAppRole1763900000000, EncryptNik1764000000000, PeopleAndEnrolments1765100000000],
  },
  async subgraph({ dataSource, temporal, queues, secrets }) {
    const cipher = new FieldCipher(secrets);
    const participants = new ParticipantService(dataSource, temporal, queues, cipher);
    const people = new PersonService(dataSource, cipher);
    const pages = new ParticipantPages(dataSource);
    return buildSubgraph({
      resolvers: [
        new AuditLogResolver(dataSource),
        new ParticipantResolver(participants, people, new CoverageService(dataSource)),
        new PersonResolver(people),
        new MunicipalityParticipantsResolver(pages, new CoverageFigures(dataSource)),
        new MouParticipantsResolver(pages),
      ],
      references: { ...ownerReferences, ...participantReference(participants), ...personReference(people) },
      textRules: PARTICIPANT_TEXT_RULES,
    });
  },
  activities: createParticipantActivities,
};
