import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { addDays } from '../../domain/calendar.js';
import { errorCode, graphql, mustQuery } from '../harness/graphql.js';
import { startTestSystem, type TestSystem } from '../harness/system.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, completeDocuments, documentFile, enrol, enterPayoutAccount, jkmClaim, metroToday, metroWithActiveMou, payoutAccount, SITI } from '../fixtures/scenario.js';
import { SlaRecords } from '../../services/claims/src/sla/sla.records.js';
import { payoutLines } from '../../services/claims/src/heir/heir.records.js';

// Issue 15 through the gateway, on real PostgreSQL and Temporal: heirs in legal order, documents,
// four eyes, JKK from the declared income, coded refusals, and an SLA breach on the calendar.
let system: TestSystem;
let gateway: string;
let db: pg.Client;
let mouId: string;

beforeAll(async () => {
  system = await startTestSystem('claims-journey');
  gateway = system.gatewayUrl;
  db = new pg.Client({ connectionString: system.db.url });
  await db.connect();
  mouId = (await metroWithActiveMou(gateway)).mouId;
});
afterAll(async () => {
  await db?.end();
  await system?.stop();
});

let nikSerial = 100;
async function newParticipant(): Promise<string> {
  nikSerial++;
  return (await enrol(gateway, mouId, { ...SITI, nik: `18720145068${String(nikSerial).padStart(5, '0')}`, fullName: `Peserta ${nikSerial}` })).id;
}

async function waitForStatus(claimId: string, status: string): Promise<Record<string, any>> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { claim } = await mustQuery(gateway, op('ClaimDetail'), { id: claimId }, ACTORS.caseworker);
    if (claim.status === status) return claim;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`claim ${claimId} never reached ${status}`);
}

const FAMILY = [
  { name: 'Budi Santoso', relationship: 'SPOUSE', phone: '081234567890', bankName: 'BRI', bankAccount: '0123456789012', accountHolder: 'Budi Santoso' },
  { name: 'Rina Santoso', relationship: 'CHILD', birthDate: '2014-05-01', educationLevel: 'SMP' },
  { name: 'Sari Santoso', relationship: 'CHILD', birthDate: '2018-02-01', educationLevel: 'TK_SD' },
];

describe('claims journey (issue 15) through the gateway', () => {
  let jkmClaimId: string;

  it('pays a JKM claim Rp 42,000,000 to a spouse and two children in equal shares, after documents and a second person’s approval', async () => {
    const participantId = await newParticipant();
    const { submitClaim } = await mustQuery(gateway, op('SubmitClaim'), { input: { ...jkmClaim(participantId), heir: null, heirs: FAMILY } }, ACTORS.caseworker);
    jkmClaimId = submitClaim.id;
    expect(submitClaim.benefit).toMatchObject({ regulation: 'PP 82/2019', total: '42000000' });

    // Verification refuses until the checklist is complete.
    expect(await errorCode(gateway, op('VerifyClaimDocuments'), { claimId: jkmClaimId }, ACTORS.verifier)).toMatchObject({
      code: 'INVALID_TRANSITION',
      reason: 'DOCUMENTS_INCOMPLETE',
    });
    // A rejected document needs a reason, and a new file replaces it.
    await mustQuery(gateway, op('RecordClaimDocument'), { claimId: jkmClaimId, input: documentFile(jkmClaimId, 'DEATH_CERTIFICATE') }, ACTORS.verifier);
    expect(await errorCode(gateway, op('ReviewClaimDocument'), { claimId: jkmClaimId, type: 'DEATH_CERTIFICATE', verified: false }, ACTORS.verifier)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    const rejected = await mustQuery(gateway, op('ReviewClaimDocument'), { claimId: jkmClaimId, type: 'DEATH_CERTIFICATE', verified: false, reason: 'Illegible' }, ACTORS.verifier);
    expect(rejected.reviewClaimDocument.documents.find((d: any) => d.type === 'DEATH_CERTIFICATE')).toMatchObject({ state: 'REJECTED', rejectionReason: 'Illegible' });
    await mustQuery(gateway, op('RequestClaimDocuments'), { claimId: jkmClaimId, note: 'A legible death certificate' }, ACTORS.verifier);
    await mustQuery(gateway, op('RecordClaimDocument'), { claimId: jkmClaimId, input: documentFile(jkmClaimId, 'DEATH_CERTIFICATE') }, ACTORS.verifier);
    await mustQuery(gateway, op('ResubmitClaimDocuments'), { claimId: jkmClaimId, note: 'brought to the branch' }, ACTORS.verifier);
    await completeDocuments(gateway, jkmClaimId);
    await mustQuery(gateway, op('VerifyClaimDocuments'), { claimId: jkmClaimId }, ACTORS.verifier);
    // Budi gave his account on the claim form and is paid to it; the children's part goes to the
    // account the caseworker enters from the guardian's savings book (setPayoutAccount).
    const { claim: filed } = await mustQuery(gateway, op('ClaimDetail'), { id: jkmClaimId }, ACTORS.caseworker);
    const children = (filed.heirs as { id: string; name: string }[]).filter((h) => h.name !== 'Budi Santoso');
    expect(children).toHaveLength(2);
    for (const child of children) {
      await mustQuery(gateway, op('SetPayoutAccount'), { input: { ...payoutAccount(jkmClaimId, '0987654321', child.id), holderName: 'Budi Santoso' } }, ACTORS.caseworker);
    }

    // Self-approval and the verifier's approval are refused; the supervisor, a third person, approves.
    expect(await errorCode(gateway, op('ApproveClaim'), { claimId: jkmClaimId }, ACTORS.caseworker)).toMatchObject({ code: 'FOUR_EYES' });
    expect(await errorCode(gateway, op('ApproveClaim'), { claimId: jkmClaimId }, ACTORS.verifier)).toMatchObject({ code: 'FOUR_EYES' });
    await mustQuery(gateway, op('ApproveClaim'), { claimId: jkmClaimId }, ACTORS.supervisor);
    const paid = await waitForStatus(jkmClaimId, 'PAID');

    expect(paid.ruleVersion).toBe('JKM/PP-82-2019');
    expect(paid.benefit.components.map((c: any) => [c.code, c.amount])).toEqual([
      ['LUMP_SUM', '20000000'],
      ['PERIODIC', '12000000'],
      ['FUNERAL', '10000000'],
    ]);
    expect(paid.heirs.map((h: any) => [h.name, h.legalOrder, h.share, h.amount])).toEqual([
      ['Budi Santoso', 1, '1/3', '14000000'],
      ['Rina Santoso', 1, '1/3', '14000000'],
      ['Sari Santoso', 1, '1/3', '14000000'],
    ]);
    expect(paid.heirs[0].bankAccount).toBe('0123456789012');
    // The payout contract's listPayoutLines: one line per heir share, rupiah as digits.
    const lines = await payoutLines(system.services.claims.deps.dataSource, jkmClaimId);
    expect(lines.map((l) => [l.heirId, l.instalment, l.amount])).toEqual(paid.heirs.map((h: any) => [h.id, 1, '14000000']));
    expect(paid.payouts.reduce((sum: bigint, p: any) => sum + BigInt(p.amount), 0n)).toBe(42_000_000n);
    // Budi's line was paid to the account on his heir record: no account was entered for him.
    const entered = (await db.query(`SELECT heir_id FROM claims.payout_account WHERE claim_id = $1`, [jkmClaimId])).rows.map((r) => r.heir_id);
    expect(entered.sort()).toEqual(children.map((c) => c.id).sort());
    const sent = (await db.query(`SELECT heir_id, status FROM claims.payout WHERE claim_id = $1`, [jkmClaimId])).rows;
    expect(sent).toHaveLength(3);
    expect(sent.every((p) => p.status === 'SENT' || p.status === 'CONFIRMED')).toBe(true);
    expect(paid.sla).toEqual([expect.objectContaining({ step: 'PAYMENT', risk: 'MET', metOn: metroToday() })]);
    expect(paid.timeline.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['SUBMIT', 'DOCUMENT_REJECT', 'REQUEST_DOCUMENTS', 'RESUBMIT_DOCUMENTS', 'VERIFY_DOCUMENTS', 'APPROVE', 'PAY']),
    );
    // Bank accounts are stored encrypted and masked for managers.
    const { rows } = await db.query(`SELECT bank_account_enc FROM claims.claim_heir WHERE claim_id = $1 AND position = 1`, [jkmClaimId]);
    expect(rows[0].bank_account_enc).toMatch(/^v1:/);
    const managerView = await mustQuery(gateway, op('ClaimDetail'), { id: jkmClaimId }, ACTORS.manager);
    expect(managerView.claim.heirs[0].bankAccount).toBe('••••9012');
  });

  it('refuses a second death of the same person, an uncovered date and heirs out of legal order, with their reasons', async () => {
    const { claim } = await mustQuery(gateway, 'query($id: ID!) { claim(id: $id) { participantId } }', { id: jkmClaimId }, ACTORS.caseworker);
    expect(await errorCode(gateway, op('SubmitClaim'), { input: jkmClaim(claim.participantId) }, ACTORS.caseworker)).toMatchObject({ code: 'NOT_ELIGIBLE', reason: 'SECOND_JKM' });
    const participantId = await newParticipant();
    expect(await errorCode(gateway, op('SubmitClaim'), { input: jkmClaim(participantId, addDays(metroToday(), -400)) }, ACTORS.caseworker)).toMatchObject({
      code: 'NOT_ELIGIBLE',
      reason: 'BEFORE_START',
    });
    const wrongOrder = { ...jkmClaim(participantId), heir: null, heirs: [FAMILY[0], { name: 'Pak Hasan', relationship: 'PARENT' }] };
    expect(await errorCode(gateway, op('SubmitClaim'), { input: wrongOrder }, ACTORS.caseworker)).toMatchObject({ code: 'NOT_ELIGIBLE', reason: 'HEIR_ORDER', field: 'heirs' });
    // The database keeps four eyes too: the submitter can never appear among the approvers.
    await expect(db.query(`INSERT INTO claims.claim_approval (claim_id, approver) VALUES ($1, $2)`, [jkmClaimId, ACTORS.caseworker.subject])).rejects.toThrow(/four eyes/);
  });

  it('pays a JKK claim: 12 months of incapacity and a partial disability from the enrolment’s declared income', async () => {
    const participantId = await newParticipant();
    const input = {
      participantId,
      program: 'JKK',
      incidentDate: metroToday(),
      heir: { name: 'Siti Aminah', relationship: 'SPOUSE' },
      jkk: { outcome: 'PARTIAL_DISABILITY', incapacityMonths: 12, disabilities: ['ONE_EYE'], medicalReceipts: ['3500000'] },
    };
    const { submitClaim } = await mustQuery(gateway, op('SubmitClaim'), { input }, ACTORS.caseworker);
    // Today's enrolments carry the city package's basis, Rp 1,000,000: 12 × 1 m + 35% × 80 × 1 m + receipts.
    expect(submitClaim.benefit.components.map((c: any) => [c.code, c.amount])).toEqual([
      ['MEDICAL', '3500000'],
      ['TEMPORARY_INCAPACITY', '12000000'],
      ['PARTIAL_DISABILITY', '28000000'],
    ]);
    await completeDocuments(gateway, submitClaim.id);
    await mustQuery(gateway, op('VerifyClaimDocuments'), { claimId: submitClaim.id }, ACTORS.verifier);
    // One heir and no account on the form: the caseworker enters it (the heir on the form has the claim's id).
    await enterPayoutAccount(gateway, submitClaim.id);
    await mustQuery(gateway, op('ApproveClaim'), { claimId: submitClaim.id }, ACTORS.supervisor);
    const paid = await waitForStatus(submitClaim.id, 'PAID');
    expect(paid).toMatchObject({ ruleVersion: 'JKK/PP-82-2019', benefit: { total: '43500000' } });
  });

  it('rejects, reopens (supervisors only) and cancels a claim; a cancelled claim does not block a new one', async () => {
    const participantId = await newParticipant();
    const { submitClaim } = await mustQuery(gateway, op('SubmitClaim'), { input: jkmClaim(participantId) }, ACTORS.caseworker);
    await mustQuery(gateway, op('RejectClaim'), { claimId: submitClaim.id, reasonCode: 'DOCUMENTS_INVALID' }, ACTORS.verifier);
    await waitForStatus(submitClaim.id, 'REJECTED');
    expect(await errorCode(gateway, op('ReopenClaim'), { claimId: submitClaim.id, reason: 'x' }, ACTORS.caseworker)).toMatchObject({ code: 'FORBIDDEN' });
    const { reopenClaim } = await mustQuery(gateway, op('ReopenClaim'), { claimId: submitClaim.id, reason: 'The heir brought the originals' }, ACTORS.supervisor);
    expect(reopenClaim.status).toBe('AWAITING_VERIFICATION');
    await mustQuery(gateway, op('CancelClaim'), { claimId: submitClaim.id, note: 'Withdrawn by the family' }, ACTORS.verifier);
    expect((await waitForStatus(submitClaim.id, 'CANCELLED')).timeline.map((e: any) => e.action)).toEqual(expect.arrayContaining(['REJECT', 'REOPEN', 'CANCEL']));
    // A cancelled claim does not count as the person's death claim.
    const again = await mustQuery(gateway, op('SubmitClaim'), { input: jkmClaim(participantId) }, ACTORS.caseworker);
    expect(again.submitClaim.status).toBe('AWAITING_VERIFICATION');
  });

  it('records an SLA breach when documents sit past 3 working days across a weekend and holidays, and shows it in the inbox, notifications and KPIs', async () => {
    const participantId = await newParticipant();
    const { submitClaim } = await mustQuery(gateway, op('SubmitClaim'), { input: jkmClaim(participantId) }, ACTORS.caseworker);
    // A city manager adds a local day off (editable calendar) on top of the seeded 2026 decree.
    await mustQuery(gateway, op('SetClaimHoliday'), { day: '2026-03-25', name: 'Hari jadi Kota Metro (example)', kind: 'PUBLIC_HOLIDAY', regionCode: '18.72' }, ACTORS.manager);
    // Documents complete on Tuesday 17 March 2026 (clock as of that day): 18 leave, 19 Nyepi, 20–21 Idul Fitri,
    // 22 Sunday, 23–24 leave, 25 the city's day → 26, 27, 30 March.
    const sla = new SlaRecords(system.services.claims.deps.dataSource, () => new Date('2026-03-17T03:00:00Z'));
    const clock = await sla.startClock({ claimId: submitClaim.id, step: 'PAYMENT' });
    expect(clock).toMatchObject({ warnOn: '2026-03-27', dueOn: '2026-03-30' });
    await sla.raiseAlert({ claimId: submitClaim.id, step: 'PAYMENT', kind: 'BREACHED' });
    await sla.raiseAlert({ claimId: submitClaim.id, step: 'PAYMENT', kind: 'BREACHED' }); // once only

    const { claim } = await mustQuery(gateway, op('ClaimDetail'), { id: submitClaim.id }, ACTORS.supervisor);
    expect(claim.sla).toEqual([expect.objectContaining({ step: 'PAYMENT', dueOn: '2026-03-30', risk: 'BREACHED', breachedAt: expect.any(String) })]);
    expect(claim.timeline.filter((e: any) => e.action === 'SLA_BREACHED')).toHaveLength(1);
    const { claimNotifications } = await mustQuery(gateway, op('ClaimNotifications'), {}, ACTORS.supervisor);
    expect(claimNotifications.filter((n: any) => n.claimId === submitClaim.id)).toEqual([expect.objectContaining({ kind: 'SLA_BREACHED', recipientRole: 'supervisor' })]);
    const { claimInbox } = await mustQuery(gateway, op('ClaimInbox'), { filter: { slaRisk: 'BREACHED', regionCode: '18.72' } }, ACTORS.caseworker);
    expect(claimInbox.items.map((c: any) => c.id)).toContain(submitClaim.id);
    const { claimKpis } = await mustQuery(gateway, op('ClaimKpis'), { year: 2026 }, ACTORS.manager);
    expect(claimKpis.find((k: any) => k.program === 'JKM' && k.regionCode === '18.72')).toMatchObject({ slaBreaches: 1, lossRatio: null });
  });

  it('lists the inbox in keyset pages, filtered by status and assignee, and lets a caseworker take an unassigned case once', async () => {
    const all: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const { claimInbox }: any = await mustQuery(gateway, op('ClaimInbox'), { first: 2, after }, ACTORS.caseworker);
      all.push(...claimInbox.items.map((c: any) => c.id));
      if (!claimInbox.hasNextPage) break;
      after = claimInbox.endCursor;
    }
    const { rows } = await db.query(`SELECT id FROM claims.claim ORDER BY submitted_at, id`);
    expect(all).toEqual(rows.map((r) => r.id));
    const open = (await mustQuery(gateway, op('ClaimInbox'), { filter: { status: 'AWAITING_VERIFICATION', unassigned: true } }, ACTORS.caseworker)).claimInbox.items[0];
    expect((await mustQuery(gateway, op('TakeClaim'), { claimId: open.id }, ACTORS.verifier)).takeClaim.assignee).toBe(ACTORS.verifier.subject);
    expect(await errorCode(gateway, op('TakeClaim'), { claimId: open.id }, ACTORS.caseworker)).toMatchObject({ code: 'CONFLICT' });
    const mine = await mustQuery(gateway, op('ClaimInbox'), { filter: { assignee: ACTORS.verifier.subject } }, ACTORS.caseworker);
    expect(mine.claimInbox.items.map((c: any) => c.id)).toEqual([open.id]);
    expect((await graphql(gateway, op('ClaimInbox'), { filter: { status: 'NOPE' } }, ACTORS.caseworker)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
