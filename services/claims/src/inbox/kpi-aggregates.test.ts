import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { systemActor } from '../../../../domain/access.js';
import type { ClaimAction, ClaimStatus } from '../../../../domain/claims/claim-status.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness/database.js';
import { CityScopeFilter } from '../../../kit/src/scope.js';
import { ClaimRecords } from '../claim/claim.records.js';
import { SlaRecords } from '../sla/sla.records.js';
import { InboxService } from './inbox.service.js';

// The managers' KPIs come from aggregates the triggers of migration 1767200000000 keep. After a
// mixed set of writes through the claim workflow's own record methods — payments, rejections and
// reopenings, cancellations, failed and retried payouts, SLA clocks restarted, breaches raised and
// clocks met late — plus claims moved in time, they must equal the figures computed from every
// claim, as the query before the aggregates did.

const FROM_SCRATCH = `WITH c AS (SELECT * FROM claims.claim WHERE ($2::text[] IS NULL OR region_code = ANY($2)))
  SELECT g.region_code AS "regionCode", g.municipality_id AS "municipalityId", g.program,
         count(*) FILTER (WHERE c.status = 'PAID' AND extract(year FROM c.paid_at AT TIME ZONE claims.region_time_zone(c.region_code)) = $1)::int AS "paidCount",
         coalesce(sum(c.benefit_total) FILTER (WHERE c.status = 'PAID' AND extract(year FROM c.paid_at AT TIME ZONE claims.region_time_zone(c.region_code)) = $1), 0)::text AS "paidAmount",
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.paid_at - c.submitted_at) / 86400)
           FILTER (WHERE c.status = 'PAID' AND extract(year FROM c.paid_at AT TIME ZONE claims.region_time_zone(c.region_code)) = $1) AS "timeToPayDaysP50",
         percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM c.paid_at - c.submitted_at) / 86400)
           FILTER (WHERE c.status = 'PAID' AND extract(year FROM c.paid_at AT TIME ZONE claims.region_time_zone(c.region_code)) = $1) AS "timeToPayDaysP95",
         count(*) FILTER (WHERE c.status NOT IN ('PAID', 'REJECTED', 'CANCELLED') AND extract(year FROM c.submitted_at AT TIME ZONE claims.region_time_zone(c.region_code)) = $1)::int AS "openCount",
         (SELECT count(*) FROM claims.claim_sla s JOIN c c2 ON c2.id = s.claim_id
           WHERE c2.region_code = g.region_code AND c2.program = g.program AND extract(year FROM s.due_on) = $1
             AND (s.breached_at IS NOT NULL OR s.met_on > s.due_on OR (s.met_on IS NULL AND (now() AT TIME ZONE claims.region_time_zone(c2.region_code))::date > s.due_on)))::int AS "slaBreaches"
    FROM (SELECT DISTINCT region_code, municipality_id, program FROM c) g JOIN c ON c.region_code = g.region_code AND c.program = g.program
   GROUP BY g.region_code, g.municipality_id, g.program ORDER BY g.region_code, g.program, g.municipality_id`;

const CITIES = [
  { regionCode: '18.72', municipalityId: randomUUID() },
  { regionCode: '92.71', municipalityId: randomUUID() }, // Sorong: Asia/Jayapura, so "the year" differs near midnight
];

let database: TestDatabase;
let db: DataSource;
let records: ClaimRecords;
let clocks: SlaRecords;
let inbox: InboxService;

beforeAll(async () => {
  database = await createTestDatabase('kpi aggregates');
  db = new DataSource({ type: 'postgres', url: database.url });
  await db.initialize();
  records = new ClaimRecords(db);
  clocks = new SlaRecords(db);
  inbox = new InboxService(db);
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

async function submit(city: (typeof CITIES)[number], program: 'JKM' | 'JKK', total: number): Promise<string> {
  const claimId = randomUUID();
  await records.recordSubmitted({
    claimId,
    participantId: randomUUID(),
    municipalityId: city.municipalityId,
    regionCode: city.regionCode,
    program,
    incidentDate: '2026-01-05',
    heir: { name: 'Sumarni', relationship: 'SPOUSE', phone: null },
    submittedBy: systemActor('caseworker:kpi-test'),
    regulation: 'PP 44/2015',
    components: [{ code: 'DEATH_BENEFIT', label: 'Santunan kematian', amount: String(total) }],
    total: String(total),
  });
  return claimId;
}

async function move(claimId: string, from: ClaimStatus, action: ClaimAction, to: ClaimStatus, who = 'supervisor:kpi-test'): Promise<void> {
  await records.recordTransition({ claimId, action, from, to, actor: systemActor(who), reasonCode: action === 'REJECT' ? 'NOT_COVERED' : null, note: null });
}

async function pay(claimId: string): Promise<void> {
  await move(claimId, 'AWAITING_VERIFICATION', 'VERIFY_DOCUMENTS', 'AWAITING_APPROVAL', 'verifier:kpi-test');
  await move(claimId, 'AWAITING_APPROVAL', 'APPROVE', 'APPROVED');
  await move(claimId, 'APPROVED', 'PAY', 'PAID', 'system:payout');
}

/** Moves a claim's filing (and payment) back in time, as a load of older claims would have them. */
async function backdate(claimId: string, filedDaysAgo: number, paidDaysAgo: number | null): Promise<void> {
  await db.query(
    `UPDATE claims.claim SET submitted_at = now() - $2::float8 * interval '1 day', paid_at = CASE WHEN paid_at IS NULL THEN NULL ELSE now() - $3::float8 * interval '1 day' END WHERE id = $1`,
    [claimId, filedDaysAgo, paidDaysAgo ?? 0],
  );
}

async function expectKpisFromScratch(): Promise<void> {
  const years = new Date().getUTCFullYear();
  for (const year of [years - 1, years]) {
    for (const scope of [new CityScopeFilter('ALL'), new CityScopeFilter(['18.72']), new CityScopeFilter(['92.71', '11.01'])]) {
      const expected = ((await db.query(FROM_SCRATCH, [year, scope.asSqlArray()])) as Record<string, unknown>[]).map((r) => ({
        ...r,
        timeToPayDaysP50: r['timeToPayDaysP50'] === null ? null : Number(r['timeToPayDaysP50']),
        timeToPayDaysP95: r['timeToPayDaysP95'] === null ? null : Number(r['timeToPayDaysP95']),
      }));
      expect(await inbox.kpis(year, scope), `year ${year}, cities ${JSON.stringify(scope.cities)}`).toEqual(expected);
    }
  }
}

describe('claims KPIs from the aggregates the triggers keep', () => {
  it('equal a computation from every claim after a mixed set of transitions, reversals and reopenings', async () => {
    const [metro, sorong] = CITIES as [(typeof CITIES)[number], (typeof CITIES)[number]];
    const paid: string[] = [];
    for (let i = 0; i < 14; i++) {
      const id = await submit(i % 3 === 0 ? sorong : metro, i % 4 === 0 ? 'JKK' : 'JKM', 42_000_000 + i * 1_000);
      await clocks.startClock({ claimId: id, step: 'PAYMENT' });
      await pay(id);
      paid.push(id);
    }
    // Times to pay spread over several day buckets, some paid last year, ties included.
    for (const [i, id] of paid.entries()) await backdate(id, 40 + i * 1.37, i % 5 === 0 ? 400 : i % 2 === 0 ? 3 : 40 - i * 0.5);
    await backdate(paid[3]!, 10, 3);
    await backdate(paid[5]!, 10, 3);

    // Rejected, then reopened, then paid; rejected for good; cancelled; a failed payout retried.
    const reopened = await submit(metro, 'JKM', 42_000_000);
    await move(reopened, 'AWAITING_VERIFICATION', 'REJECT', 'REJECTED');
    await move(reopened, 'REJECTED', 'REOPEN', 'AWAITING_VERIFICATION');
    await clocks.startClock({ claimId: reopened, step: 'PAYMENT' });
    await pay(reopened);
    const rejected = await submit(sorong, 'JKM', 42_000_000);
    await move(rejected, 'AWAITING_VERIFICATION', 'REJECT', 'REJECTED');
    const cancelled = await submit(metro, 'JKK', 9_000_000);
    await move(cancelled, 'AWAITING_VERIFICATION', 'CANCEL', 'CANCELLED');
    const retried = await submit(metro, 'JKM', 42_000_000);
    await move(retried, 'AWAITING_VERIFICATION', 'VERIFY_DOCUMENTS', 'AWAITING_APPROVAL', 'verifier:kpi-test');
    await move(retried, 'AWAITING_APPROVAL', 'APPROVE', 'APPROVED');
    await clocks.startClock({ claimId: retried, step: 'PAYMENT' });
    await move(retried, 'APPROVED', 'FAIL_PAYOUT', 'PAYOUT_FAILED', 'system:payout');
    await move(retried, 'PAYOUT_FAILED', 'RETRY_PAYOUT', 'APPROVED');
    // Open claims: one with its clock breached (raised), one overdue without a breach recorded yet,
    // one met late, one whose breach is undone by a restarted clock.
    const open = await Promise.all([submit(metro, 'JKM', 1), submit(sorong, 'JKK', 2), submit(metro, 'JKM', 3), submit(metro, 'JKK', 4)]);
    for (const id of open) await clocks.startClock({ claimId: id, step: 'PAYMENT' });
    await clocks.raiseAlert({ claimId: open[0]!, step: 'PAYMENT', kind: 'BREACHED' });
    await db.query(`UPDATE claims.claim_sla SET started_on = started_on - 30, warn_on = warn_on - 30, due_on = due_on - 30 WHERE claim_id = $1`, [open[1]]);
    await db.query(`UPDATE claims.claim_sla SET due_on = due_on - 20, met_on = due_on - 2 WHERE claim_id = $1`, [open[2]]);
    await clocks.raiseAlert({ claimId: open[3]!, step: 'PAYMENT', kind: 'BREACHED' });
    await db.query(`UPDATE claims.claim_sla SET met_on = due_on WHERE claim_id = $1`, [open[3]]);
    await clocks.startClock({ claimId: open[3]!, step: 'PAYMENT' }); // a new round: met_on and breached_at cleared
    await backdate(open[1]!, 400, null);
    await expectKpisFromScratch();

    const [kpi] = (await inbox.kpis(new Date().getUTCFullYear(), new CityScopeFilter(['18.72']))).filter((k) => k['program'] === 'JKM');
    expect(kpi).toMatchObject({ regionCode: '18.72', municipalityId: metro.municipalityId });
    expect(Number(kpi!['paidCount'])).toBeGreaterThan(3);
    expect(kpi!['slaBreaches']).toBeGreaterThan(0);
  });
});
