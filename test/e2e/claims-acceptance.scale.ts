import { expect } from 'vitest';
import { addDays, compareLocalDates } from '../../domain/calendar.js';
import { startSlaClock } from '../../domain/claims/sla.js';
import { monthOf } from '../../domain/contributions/billing-month.js';
import type { Identity } from '../../services/kit/src/identity.js';
import { mustQuery } from '../harness/graphql.js';
import { until, type SystemSuite } from '../harness/suite.js';
import { advance, enrolAndFile, inboxIds, inPool, percentile, settled, SORONG, type ClaimFate, type SeededClaim } from '../fixtures/claims-city.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, cityWithActiveMou, todayInSorong } from '../fixtures/scenario.js';

// The last acceptance sentence: Kota Sorong with many claims in every state, seeded
// through the gateway (enrolment, filing, documents, verification, approval, payout workflows),
// and the inbox filters and KPIs checked against what was seeded.
// Shares of each state among 300 claims; AWAITING_VERIFICATION takes what is left. At a load
// average near 25 on two cores, 300 claims took 3 minutes to seed (filing is 600 workflows), so the
// default is CITY_CLAIMS = 120 (about a minute there); LINDUNG_ACCEPTANCE_CITY_CLAIMS=300 runs the full count.
const SHARES: [ClaimFate, number][] = [
  ['PAID_JKM', 30],
  ['PAID_JKK', 10],
  ['REJECTED', 20],
  ['CANCELLED', 10],
  ['DOCUMENTS_REQUESTED', 10],
  ['AWAITING_APPROVAL', 40],
  ['AT_RISK', 15],
  ['BREACHED', 15],
  ['ASSIGNED', 30],
  ['TAKEN', 20],
];
const CITY_CLAIMS = Number(process.env['LINDUNG_ACCEPTANCE_CITY_CLAIMS'] ?? 120);
const WIDTH = 10;
const CLAIM_TIMES = `query ClaimTimes($id: ID!) { claim(id: $id) { id submittedAt benefit { total } timeline { action at } } }`;

/** The fates of `total` claims, interleaved (round robin) so the inbox's oldest-first order does not group them. */
function interleaved(total: number): ClaimFate[] {
  const counts = new Map<ClaimFate, number>(SHARES.map(([fate, share]) => [fate, Math.max(1, Math.round((share * total) / 300))]));
  counts.set('AWAITING_VERIFICATION', total - [...counts.values()].reduce((a, b) => a + b, 0));
  const out: ClaimFate[] = [];
  while (out.length < total) {
    for (const [fate, n] of counts) {
      if (n === 0) continue;
      out.push(fate);
      counts.set(fate, n - 1);
    }
  }
  return out;
}

export async function slaScaleStep(suite: SystemSuite, setSlaDay: (day: string | null) => void): Promise<void> {
  const gateway = suite.gateway;
  const q = (name: string, variables: Record<string, unknown>, who: Identity) => mustQuery(gateway, op(name), variables, who);
  const today = todayInSorong();
  const year = Number(today.slice(0, 4));
  const { mouId } = await cityWithActiveMou(gateway, '96.71');
  const fates = interleaved(CITY_CLAIMS);
  const count = (...wanted: ClaimFate[]) => fates.filter((f) => wanted.includes(f)).length;

  // Baseline: one claim filed and paid alone; then the others through the same paths, WIDTH at a time.
  const t0 = Date.now();
  const first = await enrolAndFile(gateway, mouId, fates[0]!, 1, today);
  await advance(gateway, first);
  await until('the first claim paid', async () => ((await q('ClaimDetail', { id: first.id }, SORONG.supervisor)).claim.status === 'PAID' ? true : undefined));
  const baselineMs = Date.now() - t0;
  const t1 = Date.now();
  const rest = await inPool(fates.slice(1), WIDTH, (fate, i) => enrolAndFile(gateway, mouId, fate, i + 2, today));
  const claims: SeededClaim[] = [first, ...rest];
  const filedMs = Date.now() - t1;
  // This month's contributions, billed before the paid deaths end their enrolments.
  const billing = await q('RunBilling', { mouId, month: monthOf(today) }, ACTORS.admin);
  expect(billing.runBilling.lines).toBeGreaterThanOrEqual(CITY_CLAIMS - 1); // the first claim's death may end its enrolment first
  await inPool(rest, WIDTH, (claim) => advance(gateway, claim));
  // Documents completed on a past day: a Thursday before Independence Day (breached), and the
  // latest day whose clock is at risk today.
  const holidays = new Set<string>();
  for (const y of [year - 1, year, year + 1]) for (const h of (await q('ClaimHolidays', { year: y, regionCode: '96.71' }, SORONG.manager)).claimHolidays) holidays.add(h.day);
  let atRiskDay = today;
  for (let k = 1; k <= 15; k++) {
    const day = addDays(today, -k);
    const clock = startSlaClock(day, { workingDays: 3, warnBefore: 1 }, holidays);
    if (compareLocalDates(clock.warnOn, today) <= 0 && compareLocalDates(today, clock.dueOn) <= 0) {
      atRiskDay = day;
      break;
    }
  }
  expect(atRiskDay).not.toBe(today);
  for (const [fate, day] of [
    ['BREACHED', '2026-08-13'],
    ['AT_RISK', atRiskDay],
  ] as const) {
    setSlaDay(day);
    try {
      await inPool(
        claims.filter((c) => c.fate === fate),
        WIDTH,
        // An answer after the deadline is ACCEPTED_PENDING; the retry stays inside this day's window.
        (c) => settled(gateway, 'VerifyClaimDocuments', { claimId: c.id }, SORONG.verifier),
      );
    } finally {
      setSlaDay(null);
    }
  }
  const ids = (...wanted: ClaimFate[]) =>
    claims
      .filter((c) => wanted.includes(c.fate))
      .map((c) => c.id)
      .sort();
  const inbox = async (filter: Record<string, unknown>, who: Identity = SORONG.caseworker) => (await inboxIds(gateway, { regionCode: '96.71', ...filter }, who)).sort();
  await until('every approved claim paid', async () => ((await inbox({ status: 'PAID' })).length === count('PAID_JKM', 'PAID_JKK') ? true : undefined), 180_000);
  await until('every escalation and breach notified', async () => {
    const { claimNotifications } = await q('ClaimNotifications', { first: 100 }, SORONG.supervisor);
    const kinds = claimNotifications.map((n: { kind: string }) => n.kind);
    const breached = kinds.filter((k: string) => k === 'SLA_BREACHED').length;
    return breached === count('BREACHED') && kinds.filter((k: string) => k === 'SLA_AT_RISK').length === count('AT_RISK', 'BREACHED') ? true : undefined;
  });
  const seededMs = Date.now() - t1;
  const readsFrom = Date.now();

  // The inbox: the whole city, then each filter alone and combined, as exact sets.
  const all = await inboxIds(gateway, { regionCode: '96.71' }, SORONG.caseworker);
  expect(all).toHaveLength(CITY_CLAIMS);
  expect([...all].sort()).toEqual(claims.map((c) => c.id).sort());
  expect(await inbox({ status: 'PAID' })).toEqual(ids('PAID_JKM', 'PAID_JKK'));
  expect(await inbox({ status: 'REJECTED' })).toEqual(ids('REJECTED'));
  expect(await inbox({ status: 'CANCELLED' })).toEqual(ids('CANCELLED'));
  expect(await inbox({ status: 'DOCUMENTS_REQUESTED' })).toEqual(ids('DOCUMENTS_REQUESTED'));
  expect(await inbox({ status: 'AWAITING_APPROVAL' })).toEqual(ids('AWAITING_APPROVAL', 'AT_RISK', 'BREACHED'));
  expect(await inbox({ status: 'AWAITING_VERIFICATION' })).toEqual(ids('ASSIGNED', 'TAKEN', 'AWAITING_VERIFICATION'));
  expect(await inbox({ slaRisk: 'MET' })).toEqual(ids('PAID_JKM', 'PAID_JKK'));
  expect(await inbox({ slaRisk: 'ON_TRACK' })).toEqual(ids('AWAITING_APPROVAL'));
  expect(await inbox({ slaRisk: 'AT_RISK' })).toEqual(ids('AT_RISK'));
  expect(await inbox({ slaRisk: 'BREACHED' })).toEqual(ids('BREACHED'));
  expect(await inbox({ assignee: SORONG.verifier.subject })).toEqual(ids('ASSIGNED'));
  expect(await inbox({ assignee: SORONG.caseworker.subject })).toEqual(ids('TAKEN'));
  expect(await inbox({ status: 'AWAITING_VERIFICATION', unassigned: true })).toEqual(ids('AWAITING_VERIFICATION'));
  expect(await inbox({ status: 'AWAITING_APPROVAL', slaRisk: 'BREACHED', assignee: SORONG.verifier.subject })).toEqual([]);
  // Another city's caseworker sees none of them.
  expect(await inboxIds(gateway, { regionCode: '96.71' }, ACTORS.caseworker)).toEqual([]);

  // The KPIs, against figures computed here from each paid claim's own times and amounts.
  const paid = await inPool(ids('PAID_JKM', 'PAID_JKK'), WIDTH, async (id) => (await mustQuery(gateway, CLAIM_TIMES, { id }, SORONG.supervisor)).claim);
  const byProgram = (program: 'JKM' | 'JKK') => {
    const mine = new Set(claims.filter((c) => c.program === program && c.fate.startsWith('PAID')).map((c) => c.id));
    const rows = paid.filter((c: any) => mine.has(c.id));
    const days = rows.map((c: any) => (Date.parse(c.timeline.find((e: any) => e.action === 'PAY').at) - Date.parse(c.submittedAt)) / 86_400_000);
    return { count: rows.length, amount: rows.reduce((sum: bigint, c: any) => sum + BigInt(c.benefit.total), 0n), p50: percentile(days, 0.5)!, p95: percentile(days, 0.95)! };
  };
  const { contributionFigures } = await q('ContributionFigures', { regionCode: '96.71', fiscalYear: year, asOf: today }, SORONG.manager);
  const billed = BigInt(contributionFigures.billed);
  expect(billed).toBeGreaterThan(0n);
  const { claimKpis } = await q('ClaimKpis', { year }, SORONG.manager);
  expect(claimKpis.map((k: any) => [k.regionCode, k.program])).toEqual([
    ['96.71', 'JKK'],
    ['96.71', 'JKM'],
  ]);
  const jkmOpen = CITY_CLAIMS - count('PAID_JKM', 'PAID_JKK', 'REJECTED', 'CANCELLED'); // every open claim is a JKM one
  for (const [program, open, breaches] of [
    ['JKM', jkmOpen, count('BREACHED')],
    ['JKK', 0, 0],
  ] as const) {
    const expected = byProgram(program);
    const kpi = claimKpis.find((k: any) => k.program === program);
    expect(kpi).toMatchObject({
      year,
      paidCount: expected.count,
      paidAmount: String(expected.amount),
      openCount: open,
      slaBreaches: breaches,
      contributionsBilled: String(billed),
    });
    expect(kpi.timeToPayDaysP50).toBeCloseTo(expected.p50, 6);
    expect(kpi.timeToPayDaysP95).toBeCloseTo(expected.p95, 6);
    expect(kpi.lossRatio).toBeCloseTo(Number(expected.amount) / Number(billed), 9);
  }
  expect(byProgram('JKM')).toMatchObject({ count: count('PAID_JKM'), amount: BigInt(count('PAID_JKM')) * 42_000_000n });
  // Figures for the report: the lone claim is the baseline; the rest ran WIDTH at a time on the same system.
  console.log(
    `claims-acceptance scale: lone claim filed and paid ${baselineMs} ms; ${CITY_CLAIMS - 1} more filed in ${filedMs} ms (${(filedMs / (CITY_CLAIMS - 1) / baselineMs).toFixed(2)}× the lone claim's time per claim), ` +
      `all ${CITY_CLAIMS} in their states in ${seededMs} ms (${(seededMs / baselineMs).toFixed(1)}× the lone claim); inbox and KPI checks ${Date.now() - readsFrom} ms`,
  );
}
