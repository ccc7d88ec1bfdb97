import type { ServiceDefinition } from '../../kit/src/service-runtime.js';
import { buildSubgraph } from '../../kit/src/subgraph-schema.js';
import { createClaimActivities } from './activities.js';
import { ClaimEntity } from './claim/claim.entity.js';
import { claimReference, ClaimResolver } from './claim/claim.resolver.js';
import { ClaimService } from './claim/claim.service.js';
import { ParticipantClaimsResolver, participantStubReference } from './federation/participant.resolver.js';
import { Initial1763700000000 } from './migrations/1763700000000-initial.js';
import { PayoutEntity } from './payout/payout.entity.js';
import { PayoutService } from './payout/payout.service.js';

/** Claims, heirs, approvals and payouts. Owns the `claims` schema. */
export const claimsService: ServiceDefinition = {
  name: 'claims',
  database: { schema: 'claims', entities: [ClaimEntity, PayoutEntity], migrations: [Initial1763700000000] },
  async subgraph({ dataSource, temporal, queues }) {
    const claims = new ClaimService(dataSource, temporal, queues);
    return buildSubgraph({
      resolvers: [new ClaimResolver(claims, new PayoutService(dataSource)), new ParticipantClaimsResolver(claims)],
      references: { ...participantStubReference, ...claimReference(claims) },
    });
  },
  activities: createClaimActivities,
};
