import { DEFAULT_SUPERVISOR_THRESHOLD } from '../../../domain/claims/approval.js';
import { env } from '../../kit/src/config.js';
import type { ServiceDefinition } from '../../kit/src/service-runtime.js';
import { buildSubgraph } from '../../kit/src/subgraph-schema.js';
import { auditLogResolver } from '../../kit/src/audit-log.resolver.js';
import { createClaimActivities } from './activities.js';
import { ClaimEntity } from './claim/claim.entity.js';
import { claimReference, ClaimResolver } from './claim/claim.resolver.js';
import { CLAIM_TEXT_RULES } from './claim/claim.inputs.js';
import { ClaimService } from './claim/claim.service.js';
import { ParticipantClaimsResolver, participantStubReference } from './federation/participant.resolver.js';
import { Initial1763700000000 } from './migrations/1763700000000-initial.js';
import { ClaimRegionCode1763800000000 } from './migrations/1763800000000-claim-region-code.js';
import { AuditAndAppRole1763900000000 } from './migrations/1763900000000-audit-and-app-role.js';
import { PayoutEntity } from './payout/payout.entity.js';
import { PayoutService } from './payout/payout.service.js';
import { PayoutsAndLedger1765400000000 } from './migrations/1765400000000-payouts-and-ledger.js';
import { FieldCipher } from '../../kit/src/field-cipher.js';
import { LedgerResolver } from './ledger/ledger.resolver.js';
import { LedgerService } from './ledger/ledger.service.js';
import { ReconciliationService } from './ledger/reconciliation.service.js';
import { BatchFileProvider } from './payout/batch-file-provider.js';
import { HeirPayoutService } from './payout/heir-payout.service.js';
import { fundBankAccount } from './payout/payment-provider-config.js';
import { ClaimPayoutResolver } from './payout/payout.resolver.js';
import { PAYOUT_TEXT_RULES } from './payout/payout.inputs.js';
import { PayoutRecords } from './payout/payout.records.js';
import { payoutCallbackRoutes } from './payout/payout-callback.js';
import { ClaimDetailResolver } from './claim/claim-detail.resolver.js';
import { ClaimDocumentResolver } from './document/document.resolver.js';
import { ClaimInboxResolver } from './inbox/inbox.resolver.js';
import { ClaimHolidayResolver } from './sla/holiday.resolver.js';
import { DocumentService } from './document/document.service.js';
import { InboxService } from './inbox/inbox.service.js';
import { HolidayService } from './sla/holiday.service.js';
import { ClaimsComplete1765300000000 } from './migrations/1765300000000-claims-complete.js';
import { ClaimStatusesMerged1765450000000 } from './migrations/1765450000000-claim-statuses-merged.js';
import { Holidays2026Decree1766300000000 } from './migrations/1766300000000-holidays-2026-decree.js';
import { DocumentFiles1766350000000 } from './migrations/1766350000000-document-files.js';
import { ClaimLeads1766350000001 } from './migrations/1766350000001-claim-leads.js';
import { ClaimLeadResolver } from './lead/lead.resolver.js';
import { LeadService } from './lead/lead.service.js';
import { documentRoutes } from './document/document.http.js';
import { storageFromEnv } from '../../kit/src/storage/storage.js';
import { ClaimInboxAllCities1766500000000 } from './migrations/1766500000000-claim-inbox-all-cities.js';
import { Holidays2027FixedDays1767900000000 } from './migrations/1767900000000-holidays-2027-fixed-days.js';
import { ScholarshipInstalments1767000000000 } from './migrations/1767000000000-scholarship-instalments.js';
import type { ScholarshipClock } from './scholarship/scholarship.records.js';
import { ClaimScholarshipResolver } from './scholarship/scholarship.resolver.js';
import { ScholarshipService } from './scholarship/scholarship.service.js';
import { SCHOLARSHIP_TEXT_RULES } from './scholarship/scholarship.type.js';
import { ClaimKpiAggregates1767200000000 } from './migrations/1767200000000-claim-kpi-aggregates.js';
import { ClaimInboxFilterIndexes1767200000001 } from './migrations/1767200000001-claim-inbox-filter-indexes.js';

const AuditLogResolver = auditLogResolver('claims', 'claimsAuditLog');

/** Rupiah above which a claim needs a supervisor (LINDUNG_SUPERVISOR_THRESHOLD, default Rp 20,000,000). */
function supervisorThreshold(): bigint {
  return BigInt(env('LINDUNG_SUPERVISOR_THRESHOLD', DEFAULT_SUPERVISOR_THRESHOLD.toString()));
}

/** Claims, heirs, approvals and payouts. Owns the `claims` schema. */
export const claimsService: ServiceDefinition = {
  name: 'claims',
  database: {
    schema: 'claims',
    entities: [ClaimEntity, PayoutEntity],
    migrations: [
      Initial1763700000000,
      ClaimRegionCode1763800000000,
      AuditAndAppRole1763900000000,
      ClaimsComplete1765300000000,
      PayoutsAndLedger1765400000000,
      ClaimStatusesMerged1765450000000,
      Holidays2026Decree1766300000000,
      DocumentFiles1766350000000,
      ClaimLeads1766350000001,
      ClaimInboxAllCities1766500000000,
      ScholarshipInstalments1767000000000,
      ClaimKpiAggregates1767200000000,
      ClaimInboxFilterIndexes1767200000001,
      Holidays2027FixedDays1767900000000,
    ],
  },
  async subgraph({ dataSource, temporal, queues, secrets }) {
    const cipher = new FieldCipher(secrets);
    const claims = new ClaimService(dataSource, temporal, queues, cipher, supervisorThreshold());
    const batchFiles = new BatchFileProvider(dataSource, cipher);
    const lines = new PayoutRecords(dataSource, cipher, batchFiles);
    const heirPayouts = new HeirPayoutService(dataSource, temporal, claims, cipher, batchFiles, fundBankAccount(), (claimId) => lines.listPayoutLines(claimId));
    const documents = new DocumentService(dataSource);
    const scholarships = new ScholarshipService(dataSource, temporal, claims, lines);
    const callbackSecret = process.env['LINDUNG_PAYOUT_CALLBACK_SECRET'];
    const subgraph = buildSubgraph({
      resolvers: [
        new AuditLogResolver(dataSource),
        new ClaimResolver(claims, new PayoutService(dataSource)),
        new ParticipantClaimsResolver(claims),
        new ClaimPayoutResolver(heirPayouts),
        new LedgerResolver(new LedgerService(dataSource), new ReconciliationService(dataSource)),
        new ClaimLeadResolver(new LeadService(dataSource)),
        new ClaimDetailResolver(claims, cipher),
        new ClaimDocumentResolver(claims, documents),
        new ClaimInboxResolver(claims, new InboxService(dataSource)),
        new ClaimHolidayResolver(new HolidayService(dataSource)),
        new ClaimScholarshipResolver(scholarships),
      ],
      references: { ...participantStubReference, ...claimReference(claims) },
      textRules: { ...CLAIM_TEXT_RULES, ...PAYOUT_TEXT_RULES, ...SCHOLARSHIP_TEXT_RULES },
    });
    // Claim document files upload and download beside /graphql (document.http.ts).
    const routes = documentRoutes(documents, storageFromEnv(), undefined, { assertCanReceive: (claimId, caller) => scholarships.assertCanReceiveCertificate(claimId, caller) });
    return { ...(await subgraph), routes, ...(callbackSecret ? { callbacks: payoutCallbackRoutes(dataSource, callbackSecret) } : {}) };
  },
  activities: createClaimActivities,
};

/**
 * The claims service whose SLA clocks start on the day `now` gives, in the city's calendar: an
 * end-to-end test starts a payment clock on a past day and sees the breach the workflow records,
 * without waiting days. Everything else runs on the real clock.
 */
export function claimsServiceWithSlaClock(now: () => Date, scholarship?: ScholarshipClock): ServiceDefinition {
  return { ...claimsService, activities: (deps) => createClaimActivities(deps, { slaNow: now, ...(scholarship ? { scholarship } : {}) }) };
}
