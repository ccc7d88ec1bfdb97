import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ROLES, type Role } from '../../domain/access.js';
import type { Identity } from '../../services/kit/src/identity.js';
import { permissionTable } from '../../infra/schema/permissions.js';
import { buildSchemaArtefacts } from '../../infra/schema/emit.js';
import { graphql } from '../harness/graphql.js';
import { startTestSystem, type TestSystem } from '../harness/system.js';

// Every cell of the README's role × operation table, called through the gateway. Allowed calls
// use harmless input (an unknown id, an invalid code) so they change nothing; refused ones must
// answer FORBIDDEN before any rule runs.
const NOBODY = '00000000-0000-4000-8000-000000000000';
const CALLS: Record<string, string> = {
  'Query.municipality': `{ municipality(id: "${NOBODY}") { id } }`,
  'Query.municipalityByCode': `{ municipalityByCode(code: "18.72") { id } }`,
  'Query.municipalities': `{ municipalities { id } }`,
  'Query.mou': `{ mou(id: "${NOBODY}") { id } }`,
  'Query.participant': `{ participant(id: "${NOBODY}") { id } }`,
  'Query.participantsByNik': `{ participantsByNik(nik: "1872014506800001") { id } }`,
  'Query.person': `{ person(id: "${NOBODY}") { id } }`,
  'Query.personByNik': `{ personByNik(nik: "1872014506800001") { id } }`,
  'Query.claim': `{ claim(id: "${NOBODY}") { id } }`,
  'Query.municipalitiesAuditLog': `{ municipalitiesAuditLog(first: 1) { id } }`,
  'Query.participantsAuditLog': `{ participantsAuditLog(first: 1) { id } }`,
  'Query.claimsAuditLog': `{ claimsAuditLog(first: 1) { id } }`,
  'Mutation.createMunicipality': `mutation { createMunicipality(input: { code: "bad", name: "X", province: "Y", timeZone: "Asia/Jakarta" }) { id } }`,
  'Query.mousExpiringWithin': `{ mousExpiringWithin(days: 30) { nodes { daysLeft } } }`,
  'Query.mouRenewalPipeline': `{ mouRenewalPipeline { status count } }`,
  'Query.mouBudgetUtilisation': `{ mouBudgetUtilisation(mouId: "${NOBODY}") { fiscalYear } }`,
  'Query.mouQuotaUse': `{ mouQuotaUse(mouId: "${NOBODY}") { quota } }`,
  'Query.notifications': `{ notifications(first: 1) { id } }`,
  'Query.webhooks': `{ webhooks { id } }`,
  'Query.webhookDeliveries': `{ webhookDeliveries(first: 1) { id } }`,
  'Mutation.acknowledgeNotification': `mutation { acknowledgeNotification(id: "${NOBODY}") { id } }`,
  'Mutation.registerWebhook': `mutation { registerWebhook(input: { url: "ftp://nowhere" }) { secret } }`,
  'Query.contributionInvoice': `{ contributionInvoice(id: "${NOBODY}") { id } }`,
  'Query.contributionInvoices': `{ contributionInvoices(mouId: "${NOBODY}") { nodes { id } } }`,
  'Query.contributionFigures': `{ contributionFigures(fiscalYear: 2026, asOf: "2026-01-01", mouId: "${NOBODY}") { billed } }`,
  'Mutation.recordContributionPayment': `mutation { recordContributionPayment(input: { invoiceId: "${NOBODY}", amount: "1", paidOn: "2026-01-01", reference: "A" }) { id } }`,
  'Mutation.issueCreditNote': `mutation { issueCreditNote(input: { invoiceId: "${NOBODY}", participantIds: ["${NOBODY}"], reason: "A" }) { id } }`,
  'Mutation.runBilling': `mutation { runBilling(mouId: "${NOBODY}", month: "2026-01") { invoiceId } }`,
  'Mutation.endEnrolment': `mutation { endEnrolment(input: { participantId: "${NOBODY}", lastCoveredDay: "2026-01-01", reason: "A" }) { id } }`,
  'Mutation.updateMunicipality': `mutation { updateMunicipality(input: { id: "${NOBODY}", name: "X" }) { id } }`,
  'Mutation.createMou': `mutation { createMou(input: { municipalityId: "${NOBODY}", citySignatory: "A", bpjsOffice: "B", bpjsSignatory: "C", validFrom: "2026-01-01", validTo: "2026-12-31", quota: 1, groups: [{ group: OTHER, quota: 1 }], budgetLines: [{ fiscalYear: 2026, amount: "1" }], programs: [JKM] }) { id } }`,
  'Mutation.signMou': `mutation { signMou(input: { mouId: "${NOBODY}", party: CITY, signatory: "A", signedOn: "2026-01-01" }) { id } }`,
  'Mutation.addMouAddendum': `mutation { addMouAddendum(input: { mouId: "${NOBODY}", effectiveFrom: "2026-01-01", signedOn: "2026-01-01", reason: "A", quota: 2 }) { id } }`,
  'Mutation.renewMou': `mutation { renewMou(input: { mouId: "${NOBODY}" }) { id } }`,
  'Mutation.terminateMou': `mutation { terminateMou(input: { mouId: "${NOBODY}", reason: "A" }) { id } }`,
  'Mutation.enrolParticipant': `mutation { enrolParticipant(input: { mouId: "${NOBODY}", nik: "123", fullName: "A", birthDate: "1980-01-01", sex: M, motherMaidenName: "B", address: "C", occupationGroup: OTHER }) { warnings { code } } }`,
  'Mutation.submitClaim': `mutation { submitClaim(input: { participantId: "${NOBODY}", program: JKM, incidentDate: "2026-01-05", heir: { name: "A", relationship: SPOUSE } }) { id } }`,
  'Mutation.verifyClaimDocuments': `mutation { verifyClaimDocuments(claimId: "${NOBODY}") { id } }`,
  'Mutation.approveClaim': `mutation { approveClaim(claimId: "${NOBODY}") { id } }`,
  'Mutation.rejectClaim': `mutation { rejectClaim(claimId: "${NOBODY}", reasonCode: "OTHER") { id } }`,
  'Mutation.setPayoutAccount': `mutation { setPayoutAccount(input: { claimId: "${NOBODY}", heirId: "${NOBODY}", bankCode: "009", accountNumber: "0123456789", holderName: "A B" }) { id } }`,
  'Mutation.verifySchoolCertificate': `mutation { verifySchoolCertificate(input: { claimId: "${NOBODY}", heirId: "${NOBODY}", schoolYear: 2027, storageKey: "a/b.pdf", checksum: "sha256:${'0'.repeat(64)}" }) { id } }`,
  'Mutation.endScholarship': `mutation { endScholarship(input: { claimId: "${NOBODY}", heirId: "${NOBODY}", reason: MARRIED }) { id } }`,
  'Mutation.setScholarshipPayoutAccount': `mutation { setScholarshipPayoutAccount(input: { claimId: "${NOBODY}", heirId: "${NOBODY}", bankCode: "009", accountNumber: "0123456789", holderName: "A B" }) { id } }`,
  'Mutation.reconcileBankStatement': `mutation { reconcileBankStatement(input: { regionCode: "18.72", statement: "not a statement" }) { id } }`,
  'Query.journal': `{ journal(first: 1) { hasNextPage } }`,
  'Query.ledgerBalances': `{ ledgerBalances { balanced } }`,
  'Query.bankReconciliation': `{ bankReconciliation(id: "${NOBODY}") { id } }`,
  'Query.bankReconciliations': `{ bankReconciliations(first: 1) { id } }`,
  'Query.payoutBatchFile': `{ payoutBatchFile(regionCode: "18.72", valueDate: "2026-01-01") { count } }`,
  'Query.enrolmentImport': `{ enrolmentImport(batchId: "0000000000000000000000000000000000000000") { batchId } }`,
  'Query.enrolmentImportRows': `{ enrolmentImportRows(batchId: "0000000000000000000000000000000000000000") { rowNumber } }`,
  'Mutation.reviewImportRow': `mutation { reviewImportRow(input: { batchId: "0000000000000000000000000000000000000000", rowNumber: 2, decision: ACCEPT }) { rowNumber } }`,
  'Mutation.cancelEnrolmentImport': `mutation { cancelEnrolmentImport(batchId: "0000000000000000000000000000000000000000") { batchId } }`,
  'Mutation.recordClaimDocument': `mutation { recordClaimDocument(claimId: "${NOBODY}", input: { type: "NPWP", storageKey: "a/b.pdf", checksum: "sha256:${'0'.repeat(64)}" }) { id } }`,
  'Mutation.reviewClaimDocument': `mutation { reviewClaimDocument(claimId: "${NOBODY}", type: "NPWP", verified: true) { id } }`,
  'Mutation.requestClaimDocuments': `mutation { requestClaimDocuments(claimId: "${NOBODY}", note: "KK") { id } }`,
  'Mutation.resubmitClaimDocuments': `mutation { resubmitClaimDocuments(claimId: "${NOBODY}") { id } }`,
  'Mutation.cancelClaim': `mutation { cancelClaim(claimId: "${NOBODY}", note: "x") { id } }`,
  'Mutation.reopenClaim': `mutation { reopenClaim(claimId: "${NOBODY}", reason: "x") { id } }`,
  'Mutation.takeClaim': `mutation { takeClaim(claimId: "${NOBODY}") { id } }`,
  'Mutation.convertClaimLead': `mutation { convertClaimLead(leadId: "${NOBODY}", claimId: "${NOBODY}") { id } }`,
  'Mutation.dismissClaimLead': `mutation { dismissClaimLead(leadId: "${NOBODY}", reason: "x") { id } }`,
  'Mutation.recordDeathNotices': `mutation { recordDeathNotices(notices: [{ nik: "123", dateOfDeath: "2026-01-01" }]) { outcome } }`,
  'Mutation.assignClaim': `mutation { assignClaim(claimId: "${NOBODY}", assignee: "a") { id } }`,
  'Mutation.setClaimHoliday': `mutation { setClaimHoliday(day: "2026-01-02", name: "x", kind: "NOPE", regionCode: "18.72") { day } }`,
  'Query.claimInbox': `{ claimInbox(first: 1) { hasNextPage } }`,
  'Query.claimKpis': `{ claimKpis(year: 2026) { paidCount } }`,
  'Query.claimNotifications': `{ claimNotifications(first: 1) { id } }`,
  'Query.claimHolidays': `{ claimHolidays(year: 2026) { day } }`,
};

let system: TestSystem;
let table: ReturnType<typeof permissionTable>;

beforeAll(async () => {
  system = await startTestSystem('permissions');
  table = (await buildSchemaArtefacts()).permissions;
});
afterAll(async () => {
  await system?.stop();
});

const person = (role: Role): Identity => ({ subject: `${role}.test`, roles: [role], cities: ['18.72'], clientId: `${role}-app` });

describe('role × operation table', () => {
  it('has a call for every operation, and the README shows the table the code declares', () => {
    expect(table.map((row) => row.operation).sort()).toEqual(Object.keys(CALLS).sort());
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const row of table) expect(readme).toContain(`\`${row.operation}\``);
  });

  it('allows exactly the marked cells and refuses every other with FORBIDDEN', async () => {
    const mismatches: string[] = [];
    for (const row of table) {
      for (const role of ROLES) {
        const result = await graphql(system.gatewayUrl, CALLS[row.operation]!, {}, person(role));
        const forbidden = result.errors?.some((e) => e.extensions?.code === 'FORBIDDEN') ?? false;
        if (forbidden === row.roles.includes(role)) mismatches.push(`${row.operation} as ${role}: ${forbidden ? 'refused' : 'allowed'} (${JSON.stringify(result.errors ?? null)})`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
