import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../domain/calendar.js';
import { addBillingMonths, monthOf } from '../../domain/contributions/billing-month.js';
import { writeStatementFile } from '../../domain/payouts/batch-file.js';
import type { Identity } from '../../services/kit/src/identity.js';
import { errorCode, mustQuery } from '../harness/graphql.js';
import { until, useTestSystem } from '../harness/suite.js';
import { op } from '../fixtures/operations.js';
import { settled } from '../fixtures/claims-city.js';
import { ACTORS, cityWithActiveMou, completeDocuments, jkmClaim, metroToday, SITI } from '../fixtures/scenario.js';
import { slaScaleStep } from './claims-acceptance.scale.js';

// Issue 15's acceptance, one step per sentence, through the gateway only (the database is written
// once: the arrears step moves an enrolment's start back, as the billing journey does). The claims
// service's SLA clocks start on the day `slaDay` names (the real day when null), so a payment
// clock can start on a past day and its breach be seen now, with no waiting.
let slaDay: string | null = null;
process.env['LINDUNG_RATE_LIMIT_PER_MINUTE'] = '0'; // the city with many claims is seeded by one caseworker desk
const suite = useTestSystem('claims-acceptance', { claimsSlaClock: () => (slaDay ? new Date(`${slaDay}T03:00:00Z`) : new Date()) });
const q = (name: string, variables: Record<string, unknown>, who: Identity) => mustQuery(suite.gateway, op(name), variables, who);
// Mutations that run a workflow: on a busy machine one may answer ACCEPTED_PENDING, and is sent again with its Idempotency-Key.
const m = (name: string, variables: Record<string, unknown>, who: Identity) => settled(suite.gateway, name, variables, who);
const PONTIANAK = (subject: string, role: 'city_operator' | 'caseworker'): Identity => ({ subject, roles: [role], cities: ['61.71'], clientId: null });

let metroMou: string;
beforeAll(async () => {
  metroMou = (await cityWithActiveMou(suite.gateway, '18.72')).mouId;
});
afterAll(() => {
  delete process.env['LINDUNG_RATE_LIMIT_PER_MINUTE'];
});

let serial = 500;
async function metroParticipant(extra: Record<string, unknown> = {}): Promise<string> {
  serial++;
  const input = { mouId: metroMou, ...SITI, nik: `18720145068${String(serial).padStart(5, '0')}`, fullName: `Peserta ${serial}`, ...extra };
  return (await m('EnrolParticipant', { input }, ACTORS.operator)).enrolParticipant.participant.id as string;
}
const claimDetail = async (id: string) => (await q('ClaimDetail', { id }, ACTORS.supervisor)).claim;
const statusIs = (id: string, status: string) => until(`claim ${id} ${status}`, async () => ((await claimDetail(id)).status === status ? claimDetail(id) : undefined));
const payoutsOf = async (id: string) =>
  (await q('ClaimPayouts', { id }, ACTORS.supervisor)).claim.heirPayouts as { heirId: string; amount: string; reference: string; status: string }[];
const PARTICIPANT_CLAIMS = 'query ParticipantClaims($id: ID!) { participant(id: $id) { id claims { id status } } }';
const claimsOf = async (participantId: string, who: Identity = ACTORS.admin) =>
  (await mustQuery(suite.gateway, PARTICIPANT_CLAIMS, { id: participantId }, who)).participant.claims as unknown[];

const account = (n: string) => ({ bankName: 'BNI', bankAccount: n, accountHolder: 'Budi Santoso' });
const FAMILY = [
  { name: 'Budi Santoso', relationship: 'SPOUSE', phone: '081234567890', ...account('0123456789012') },
  { name: 'Rina Santoso', relationship: 'CHILD', birthDate: '2014-05-01', educationLevel: 'SMP', ...account('0123456789013') },
  { name: 'Sari Santoso', relationship: 'CHILD', birthDate: '2018-02-01', educationLevel: 'TK_SD', ...account('0123456789014') },
];

describe('issue 15 acceptance: claims to payout through the gateway', () => {
  let jkmParticipant: string;
  let jkmClaimId: string;
  let jkkClaimId: string;

  it('pays a JKM claim for a covered participant with a spouse and two children Rp 42,000,000, to the first-order heirs with its breakdown, and the ledger shows it', async () => {
    jkmParticipant = await metroParticipant();
    const { submitClaim } = await m('SubmitClaim', { input: { ...jkmClaim(jkmParticipant), heir: null, heirs: FAMILY } }, ACTORS.caseworker);
    jkmClaimId = submitClaim.id;
    await completeDocuments(suite.gateway, jkmClaimId);
    expect((await m('VerifyClaimDocuments', { claimId: jkmClaimId }, ACTORS.verifier)).verifyClaimDocuments.status).toBe('AWAITING_APPROVAL');
    expect((await m('ApproveClaim', { claimId: jkmClaimId }, ACTORS.supervisor)).approveClaim.status).toMatch(/APPROVED|PAID/);
    const paid = await statusIs(jkmClaimId, 'PAID');

    expect(paid).toMatchObject({ ruleVersion: 'JKM/PP-82-2019', benefit: { regulation: 'PP 82/2019', total: '42000000' } });
    expect(paid.benefit.components.map((c: any) => [c.code, c.amount])).toEqual([
      ['LUMP_SUM', '20000000'],
      ['PERIODIC', '12000000'],
      ['FUNERAL', '10000000'],
    ]);
    expect(paid.heirs.map((h: any) => [h.name, h.relationship, h.legalOrder, h.share, h.amount])).toEqual([
      ['Budi Santoso', 'SPOUSE', 1, '1/3', '14000000'],
      ['Rina Santoso', 'CHILD', 1, '1/3', '14000000'],
      ['Sari Santoso', 'CHILD', 1, '1/3', '14000000'],
    ]);
    const heirPayouts = await payoutsOf(jkmClaimId);
    expect(heirPayouts.map((p) => [p.heirId, p.amount]).sort()).toEqual(paid.heirs.map((h: any) => [h.id, '14000000']).sort());
    // The ledger: the benefit booked as payable once, and one payout per heir sent from it.
    const { journal } = await q('Journal', { regionCode: '18.72', first: 100 }, ACTORS.supervisor);
    const entries = journal.nodes.filter((e: any) => e.claimId === jkmClaimId);
    const total = (kind: string) => entries.filter((e: any) => e.kind === kind).map((e: any) => e.lines.find((l: any) => l.side === 'DEBIT').amount);
    expect(total('BENEFIT_APPROVED')).toEqual(['42000000']);
    expect(total('PAYOUT_SENT')).toEqual(['14000000', '14000000', '14000000']);
    expect(entries.filter((e: any) => e.kind === 'PAYOUT_SENT').map((e: any) => e.payoutId)).toHaveLength(3);
  });

  it('pays a JKK claim 12 months of incapacity and a disability benefit computed from the declared income of the enrolment', async () => {
    const participantId = await metroParticipant({ declaredMonthlyIncome: '2500000' });
    const { participant } = await mustQuery(suite.gateway, 'query($id: ID!) { participant(id: $id) { declaredMonthlyIncome } }', { id: participantId }, ACTORS.operator);
    expect(participant.declaredMonthlyIncome).toBe('2500000');
    // The form says what happened; it has no income field: the income is the enrolment's.
    const jkk = { outcome: 'PARTIAL_DISABILITY', incapacityMonths: 12, disabilities: ['ONE_EYE'], medicalReceipts: ['3500000'] };
    const input = { participantId, program: 'JKK', incidentDate: metroToday(), heir: { name: 'Siti Aminah', relationship: 'SPOUSE', ...account('0222333444') }, jkk };
    const { submitClaim } = await m('SubmitClaim', { input }, ACTORS.caseworker);
    jkkClaimId = submitClaim.id;
    // 12 × Rp 2.5 m at 100%, and one eye: 35% × 80 × Rp 2.5 m.
    expect(submitClaim.benefit.components.map((c: any) => [c.code, c.amount])).toEqual([
      ['MEDICAL', '3500000'],
      ['TEMPORARY_INCAPACITY', String(12 * 2_500_000)],
      ['PARTIAL_DISABILITY', String((35 * 80 * 2_500_000) / 100)],
    ]);
    await completeDocuments(suite.gateway, jkkClaimId);
    await m('VerifyClaimDocuments', { claimId: jkkClaimId }, ACTORS.verifier);
    await m('ApproveClaim', { claimId: jkkClaimId }, ACTORS.supervisor);
    const paid = await statusIs(jkkClaimId, 'PAID');
    expect(paid).toMatchObject({ ruleVersion: 'JKK/PP-82-2019', benefit: { total: '103500000' } });
    expect((await payoutsOf(jkkClaimId)).map((p) => p.amount)).toEqual(['103500000']);
  });

  it('refuses claims for uncovered dates, arrears, wrong heir order, a second death and self-approval, each with its code, writing nothing', async () => {
    const fresh = await metroParticipant();
    const refused = async (input: Record<string, unknown>) => errorCode(suite.gateway, op('SubmitClaim'), { input }, ACTORS.caseworker);
    expect(await refused(jkmClaim(fresh, addDays(metroToday(), -400)))).toMatchObject({ code: 'NOT_ELIGIBLE', reason: 'BEFORE_START' });
    expect(await refused({ ...jkmClaim(fresh), heir: null, heirs: [FAMILY[0], { name: 'Pak Hasan', relationship: 'PARENT' }] })).toMatchObject({
      code: 'NOT_ELIGIBLE',
      reason: 'HEIR_ORDER',
      field: 'heirs',
    });
    expect(await claimsOf(fresh)).toEqual([]);
    // The JKM paid in the first step: the person died once.
    expect(await refused(jkmClaim(jkmParticipant))).toMatchObject({ code: 'NOT_ELIGIBLE', reason: 'SECOND_JKM' });
    expect(await claimsOf(jkmParticipant)).toHaveLength(1);

    // Arrears: a Pontianak worker enrolled four months ago whose city paid none of the four months billed since.
    const { mouId } = await cityWithActiveMou(suite.gateway, '61.71');
    const { enrolParticipant } = await q(
      'EnrolParticipant',
      { input: { mouId, ...SITI, nik: '6171014506800001', fullName: 'Rahmawati' } },
      PONTIANAK('operator.pontianak', 'city_operator'),
    );
    const worker = enrolParticipant.participant as { id: string };
    const thisMonth = monthOf(metroToday());
    const start = `${addBillingMonths(thisMonth, -4)}-01`;
    // No mutation enrols in the past: the start is moved back in the database, as the billing journey does.
    await suite.db.query(`UPDATE participants.enrolment SET coverage_from = $2 WHERE mou_id = $1`, [mouId, start]);
    await suite.db.query(`UPDATE participants.enrolment_status_period s SET valid_from = $2 FROM participants.enrolment e WHERE e.id = s.enrolment_id AND e.mou_id = $1`, [
      mouId,
      start,
    ]);
    for (let i = -4; i <= -1; i++) await m('RunBilling', { mouId, month: addBillingMonths(thisMonth, i) }, ACTORS.admin);
    expect((await q('Participant', { id: worker.id }, ACTORS.admin)).participant.status).toBe('INACTIVE');
    const pontianakCaseworker = PONTIANAK('caseworker.pontianak', 'caseworker');
    expect(await errorCode(suite.gateway, op('SubmitClaim'), { input: jkmClaim(worker.id) }, pontianakCaseworker)).toMatchObject({
      code: 'NOT_ELIGIBLE',
      reason: 'INACTIVE_ARREARS',
    });
    expect(await claimsOf(worker.id)).toEqual([]);

    // Self-approval: neither the caseworker who filed it nor the one who verified it may approve.
    const { submitClaim } = await m('SubmitClaim', { input: jkmClaim(fresh) }, ACTORS.caseworker);
    await completeDocuments(suite.gateway, submitClaim.id);
    await m('VerifyClaimDocuments', { claimId: submitClaim.id }, ACTORS.verifier);
    const approveAs = (who: Identity) => errorCode(suite.gateway, op('ApproveClaim'), { claimId: submitClaim.id }, who);
    expect(await approveAs(ACTORS.caseworker)).toMatchObject({ code: 'FOUR_EYES' });
    // Also when the one who filed or verified it holds the supervisor's role.
    expect(await approveAs({ ...ACTORS.supervisor, subject: ACTORS.caseworker.subject })).toMatchObject({ code: 'FOUR_EYES' });
    expect(await approveAs({ ...ACTORS.supervisor, subject: ACTORS.verifier.subject })).toMatchObject({ code: 'FOUR_EYES' });
    const still = await claimDetail(submitClaim.id);
    expect(still.status).toBe('AWAITING_APPROVAL');
    expect(still.timeline.filter((e: any) => e.action === 'APPROVE')).toEqual([]);
  });

  it('records an SLA breach when documents sit past 3 working days across a weekend and a holiday', async () => {
    const { submitClaim } = await m('SubmitClaim', { input: jkmClaim(await metroParticipant()) }, ACTORS.caseworker);
    await completeDocuments(suite.gateway, submitClaim.id);
    // Documents complete on Thursday 13 August 2026: Friday 14 is day 1, the weekend and Monday 17
    // (Independence Day) are off, so Tuesday 18 is day 2 and Wednesday 19 the deadline.
    slaDay = '2026-08-13';
    try {
      await m('VerifyClaimDocuments', { claimId: submitClaim.id }, ACTORS.verifier);
    } finally {
      slaDay = null;
    }
    const breached = await until('the breach', async () => {
      const claim = await claimDetail(submitClaim.id);
      // The timeline and the clock are read by two queries: wait until both show the breach.
      return claim.timeline.some((e: any) => e.action === 'SLA_BREACHED') && claim.sla[0]?.breachedAt ? claim : undefined;
    });
    expect(breached.sla).toEqual([expect.objectContaining({ step: 'PAYMENT', startedOn: '2026-08-13', warnOn: '2026-08-18', dueOn: '2026-08-19', risk: 'BREACHED', metOn: null })]);
    expect(breached.sla[0].escalatedAt).toEqual(expect.any(String));
    expect(breached.sla[0].breachedAt).toEqual(expect.any(String));
    const { claimNotifications } = await q('ClaimNotifications', {}, ACTORS.supervisor);
    expect(
      claimNotifications
        .filter((n: any) => n.claimId === submitClaim.id)
        .map((n: any) => n.kind)
        .sort(),
    ).toEqual(['SLA_AT_RISK', 'SLA_BREACHED']);
    const { claimInbox } = await q('ClaimInbox', { filter: { regionCode: '18.72', slaRisk: 'BREACHED' } }, ACTORS.caseworker);
    expect(claimInbox.items.map((c: any) => c.id)).toEqual([submitClaim.id]);
    const { claimKpis } = await q('ClaimKpis', { year: 2026 }, ACTORS.manager);
    expect(claimKpis.find((k: any) => k.regionCode === '18.72' && k.program === 'JKM')).toMatchObject({ slaBreaches: 1 });
  });

  it('keeps a ledger that sums to zero, and reconciliation of a statement file finds exactly the planted differences', async () => {
    const [a, b, c] = (await payoutsOf(jkmClaimId)).map((p) => p.reference) as [string, string, string];
    const [d] = (await payoutsOf(jkkClaimId)).map((p) => p.reference) as [string];
    const day = metroToday();
    const statement = writeStatementFile([
      { postingDate: day, reference: a, description: 'TRF BUDI SANTOSO', debit: 14_000_000n, credit: 0n },
      { postingDate: day, reference: b, description: 'TRF RINA SANTOSO', debit: 13_500_000n, credit: 0n }, // wrong amount
      { postingDate: day, reference: a, description: 'TRF BUDI SANTOSO', debit: 14_000_000n, credit: 0n }, // duplicated
      { postingDate: day, reference: c, description: 'TRF SARI SANTOSO', debit: 14_000_000n, credit: 0n },
      { postingDate: day, reference: 'LDG9999999999', description: 'TRF TIDAK DIKENAL', debit: 5_000_000n, credit: 0n }, // unknown
      { postingDate: day, reference: 'APBD', description: 'SETORAN PEMKOT METRO', debit: 0n, credit: 200_000_000n }, // a credit: not ours to match
    ]); // d (the JKK payout) is missing
    const { reconcileBankStatement: found } = await q('ReconcileBankStatement', { input: { regionCode: '18.72', statement } }, ACTORS.supervisor);
    expect(found.counts).toEqual({ MATCHED: 2, WRONG_AMOUNT: 1, DUPLICATED: 1, UNKNOWN: 1, MISSING: 1 });
    expect(found.items.map((i: any) => [i.outcome, i.line, i.reference])).toEqual([
      ['MATCHED', 2, a],
      ['WRONG_AMOUNT', 3, b],
      ['DUPLICATED', 4, a],
      ['MATCHED', 5, c],
      ['UNKNOWN', 6, 'LDG9999999999'],
      ['MISSING', null, d],
    ]);
    expect(found.items[1]).toMatchObject({ expected: '14000000', actual: '13500000' });

    const { ledgerBalances } = await q('LedgerBalances', { regionCode: '18.72' }, ACTORS.manager);
    const signed = ledgerBalances.accounts.map((x: any) => (x.side === 'DEBIT' ? BigInt(x.balance) : -BigInt(x.balance)));
    expect(signed.reduce((sum: bigint, v: bigint) => sum + v, 0n)).toBe(0n);
    expect(ledgerBalances).toMatchObject({ balanced: true, totalDebits: ledgerBalances.totalCredits });
    const by = Object.fromEntries(ledgerBalances.accounts.map((x: any) => [x.account, `${x.side} ${x.balance}`]));
    // Approved 42 m + 103.5 m, all sent; two transfers (a, c) confirmed by the statement.
    expect(by).toEqual({ BENEFIT_EXPENSE: 'DEBIT 145500000', BENEFITS_PAYABLE: 'DEBIT 0', PAYOUTS_IN_TRANSIT: 'CREDIT 117500000', FUND_BANK: 'CREDIT 28000000' });
  });

  it('shows the right inbox and KPI counts for a city with many claims (120 by default, 300 with LINDUNG_ACCEPTANCE_CITY_CLAIMS=300)', { timeout: 600_000 }, async () => {
    await slaScaleStep(suite, (day) => {
      slaDay = day;
    });
  });
});
