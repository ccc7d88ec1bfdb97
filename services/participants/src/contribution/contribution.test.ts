import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBillingMonths, monthOf } from '../../../../domain/contributions/billing-month.js';
import { errorCode, mustQuery } from '../../../../test/harness/graphql.js';
import { startTestSystem, type TestSystem } from '../../../../test/harness/system.js';
import { op } from '../../../../test/fixtures/operations.js';
import { ACTORS, cityWithActiveMou, enrol, metroToday, SITI } from '../../../../test/fixtures/scenario.js';
import { BILLING_CYCLE_WORKFLOW, BILLING_SCHEDULE_ID, type BillingCycleWorkflow } from '../../../../workflows/billing/billing.messages.js';
import { FieldCipher } from '../../../kit/src/field-cipher.js';
import { readSecrets } from '../../../kit/src/secrets.js';

// Billing against real PostgreSQL and the real billing workflow (Temporal dev server), through
// the participants subgraph and the gateway. The enrolments billed here started in the past, so
// their coverage start is moved back in the database (enrolment itself only covers from today).
let system: TestSystem;
let db: pg.Client;
const cipher = new FieldCipher(readSecrets());
const thisMonth = monthOf(metroToday());

beforeAll(async () => {
  system = await startTestSystem('contributions');
  db = new pg.Client({ connectionString: system.db.url });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await system?.stop();
});

const q = (name: string, variables: Record<string, unknown>, who = ACTORS.admin) => mustQuery(system.gatewayUrl, op(name), variables, who);
const bill = async (mouId: string, month: string) => (await q('RunBilling', { mouId, month })).runBilling;
const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params)).rows[0].n);

/** `n` workers enrolled under the MoU since `from` (set-based, as a bulk import leaves them). */
async function seedParticipants(mou: { mouId: string; municipalityId: string }, n: number, from: string, to: string, group = 'RT_RW_HEAD'): Promise<void> {
  const niks = Array.from(
    { length: n },
    (_, i) => `1872${String(randomUUID().replace(/\D/g, '')).padEnd(6, '1').slice(0, 2)}0101${String(80 + (i % 19))}${String(i % 10000).padStart(4, '0')}`,
  );
  await db.query(
    `WITH people AS (
       INSERT INTO participants.person (nik_ciphertext, nik_index, full_name, birth_date, sex, mother_maiden_name, address, region_code)
       SELECT c, 'idx-' || gen_random_uuid(), 'Pekerja ' || i, '1980-01-01', 'M', 'Ibu', 'Metro', '18.72' FROM unnest($6::text[]) WITH ORDINALITY AS t(c, i)
       RETURNING id, full_name
     ), enrolled AS (
       INSERT INTO participants.enrolment (id, person_id, full_name, occupation_group, municipality_id, mou_id, region_code, programs, coverage_from, coverage_to, status, enrolled_by, declared_monthly_income, monthly_contribution)
       SELECT gen_random_uuid(), id, full_name, $1, $2, $3, '18.72', ARRAY['JKK','JKM'], $4, $5, 'ACTIVE', 'seed', 1000000, 16800 FROM people
       RETURNING id, coverage_from
     )
     INSERT INTO participants.enrolment_status_period (enrolment_id, status, valid_from) SELECT id, 'ACTIVE', coverage_from FROM enrolled`,
    [group, mou.municipalityId, mou.mouId, from, to, niks.map((nik) => cipher.encrypt(nik))],
  );
}

describe('monthly billing', () => {
  it('bills 8,477 Metro workers for twelve months: exactly Rp 1,708,963,200, each month once', async () => {
    const mou = await cityWithActiveMou(system.gatewayUrl, '18.72');
    const year = Number(thisMonth.slice(0, 4)) - 1;
    // Last year's term: the MoU runs from 1 January of this year, so bill this year's months that have begun and scale.
    await seedParticipants(mou, 4000, `${year + 1}-01-01`, `${year + 1}-12-31`, 'RT_RW_HEAD');
    await seedParticipants(mou, 4477, `${year + 1}-01-01`, `${year + 1}-12-31`, 'RELIGIOUS_TEACHER');
    let total = 0n;
    const invoiceIds: string[] = [];
    const months = Number(thisMonth.slice(5));
    for (let m = 1; m <= months; m++) {
      const run = await bill(mou.mouId, `${year + 1}-${String(m).padStart(2, '0')}`);
      expect(run).toMatchObject({ issued: true, lines: 8477, total: String(8477 * 16800) });
      total += BigInt(run.total);
      invoiceIds.push(run.invoiceId);
      // Paid each month (or three unpaid months would make everyone INACTIVE before the next run).
      await q('RecordContributionPayment', { input: { invoiceId: run.invoiceId, amount: run.total, paidOn: metroToday(), reference: `SP2D-${run.month}` } }, ACTORS.operator);
    }
    expect(total).toBe(8477n * 16800n * BigInt(months));
    if (months === 12) expect(total).toBe(1_708_963_200n);
    // Twelve months at this rate, the issue's figure:
    expect(8477n * 16800n * 12n).toBe(1_708_963_200n);
    const again = await bill(mou.mouId, `${year + 1}-01`);
    expect(again.invoiceId).toBe(invoiceIds[0]); // the run of that month answers again: the same invoice
    expect(await count(`SELECT count(*) AS n FROM participants.invoice WHERE mou_id = $1`, [mou.mouId])).toBe(months);
    const invoice = (await q('ContributionInvoice', { id: again.invoiceId })).contributionInvoice;
    expect(invoice).toMatchObject({ kind: 'INVOICE', number: expect.stringMatching(/^INV\/1872\/\d{4}\/\d{6}$/), lineCount: 8477, dueOn: `${year + 1}-01-15` });
    expect(invoice.totalsByGroup).toEqual([
      { group: 'RELIGIOUS_TEACHER', lines: 4477, amount: String(4477 * 16800) },
      { group: 'RT_RW_HEAD', lines: 4000, amount: String(4000 * 16800) },
    ]);
    expect(invoice.amountInWords).toBe('seratus empat puluh dua juta empat ratus tiga belas ribu enam ratus rupiah');
  });

  it('bills a joiner and a leaver the whole month they are covered in, and nobody outside it', async () => {
    const mou = await cityWithActiveMou(system.gatewayUrl, '18.72');
    const month = addBillingMonths(thisMonth, -1);
    await seedParticipants(mou, 1, `${month}-20`, `${thisMonth.slice(0, 4)}-12-31`); // joins on the 20th
    await seedParticipants(mou, 1, `${addBillingMonths(month, -3)}-01`, `${month}-03`); // leaves on the 3rd
    await seedParticipants(mou, 1, `${addBillingMonths(month, -3)}-01`, `${addBillingMonths(month, -1)}-28`); // left the month before
    const run = await bill(mou.mouId, month);
    expect(run).toMatchObject({ lines: 2, total: '33600' });
    const periods = await db.query(`SELECT covered_from::text, covered_to::text, amount::text FROM participants.invoice_line WHERE invoice_id = $1 ORDER BY covered_from`, [
      run.invoiceId,
    ]);
    expect(periods.rows).toEqual([
      { covered_from: `${month}-01`, covered_to: `${month}-03`, amount: '16800' },
      { covered_from: `${month}-20`, covered_to: expect.stringMatching(new RegExp(`^${month}-3[01]$|^${month}-2[89]$`)), amount: '16800' },
    ]);
  });

  it('refuses a month that has not begun and changes nothing', async () => {
    const mou = await cityWithActiveMou(system.gatewayUrl, '18.72');
    const result = await errorCode(system.gatewayUrl, op('RunBilling'), { mouId: mou.mouId, month: addBillingMonths(thisMonth, 1) }, ACTORS.admin);
    expect(result).toMatchObject({ code: 'NOT_ELIGIBLE' });
    expect(await count(`SELECT count(*) AS n FROM participants.invoice WHERE mou_id = $1`, [mou.mouId])).toBe(0);
  });
});

describe('payments, arrears and reactivation', () => {
  it('allocates oldest first, makes exactly the three-months-unpaid INACTIVE, and reactivates them on payment', async () => {
    const mou = await cityWithActiveMou(system.gatewayUrl, '18.72');
    const first = addBillingMonths(thisMonth, -6);
    await seedParticipants(mou, 3, `${first}-01`, `${thisMonth.slice(0, 4)}-12-31`);
    const late = addBillingMonths(thisMonth, -2); // joins two months ago: never three unpaid months
    await seedParticipants(mou, 1, `${late}-05`, `${thisMonth.slice(0, 4)}-12-31`);
    const pay = (amount: bigint, reference: string, invoiceId: string, who = ACTORS.operator) =>
      q('RecordContributionPayment', { input: { invoiceId, amount: amount.toString(), paidOn: metroToday(), reference } }, who);
    // The first three months are paid as they are billed (one under-paid by half a line, made good by the next payment).
    const runs = [];
    for (let i = -6; i <= -4; i++) {
      const run = await bill(mou.mouId, addBillingMonths(thisMonth, i));
      runs.push(run);
      expect(run.inactivated).toBe(0);
      const paid = (await pay(BigInt(run.total) - (i === -6 ? 8_400n : 0n) + (i === -5 ? 8_400n : 0n), `SP2D-${i}`, run.invoiceId)).recordContributionPayment;
      expect(paid).toMatchObject({ unallocated: '0', accountOutstanding: i === -6 ? '8400' : '0' });
    }
    // Then three months unpaid: the billing run of the third reviews arrears and makes the three old workers INACTIVE.
    for (let i = -3; i <= -1; i++) runs.push(await bill(mou.mouId, addBillingMonths(thisMonth, i)));
    expect(runs.map((r) => r.lines)).toEqual([3, 3, 3, 3, 4, 4]);
    expect(runs[5].inactivated).toBe(3);
    const current = await bill(mou.mouId, thisMonth);
    const statuses = await db.query(`SELECT status, count(*)::int AS n FROM participants.enrolment WHERE mou_id = $1 GROUP BY status ORDER BY status`, [mou.mouId]);
    expect(statuses.rows).toEqual([
      { status: 'ACTIVE', n: 1 },
      { status: 'INACTIVE', n: 3 },
    ]);
    const arrears = await db.query(`SELECT DISTINCT inactive_from::text FROM participants.contribution_arrears WHERE mou_id = $1`, [mou.mouId]);
    expect(arrears.rows).toEqual([{ inactive_from: `${addBillingMonths(thisMonth, -2)}-01` }]);
    expect(current.lines).toBe(1); // inactive enrolments are not billed
    expect(await count(`SELECT count(*) AS n FROM participants.audit_event WHERE action = 'participant.inactive'`)).toBeGreaterThanOrEqual(3);
    // Paying everything owed, plus a prepayment's worth: ACTIVE again, the rest is credit.
    const rest = BigInt((await pay(1n, 'SP2D-002', runs[0].invoiceId)).recordContributionPayment.accountOutstanding);
    expect(rest).toBe(16_800n * (3n * 3n + 2n + 1n) - 1n);
    const full = (await pay(rest + 50_400n, 'SP2D-003', runs[3].invoiceId)).recordContributionPayment;
    expect(full).toMatchObject({ accountOutstanding: '0', unallocated: '50400', reactivated: 3 });
    expect(await count(`SELECT count(*) AS n FROM participants.enrolment WHERE mou_id = $1 AND status = 'ACTIVE'`, [mou.mouId])).toBe(4);
    // The same payment posted twice is one payment; the same reference with another amount is a conflict.
    expect((await pay(rest + 50_400n, 'SP2D-003', runs[3].invoiceId)).recordContributionPayment.id).toBe(full.id);
    expect(
      await errorCode(
        system.gatewayUrl,
        op('RecordContributionPayment'),
        { input: { invoiceId: runs[3].invoiceId, amount: '5', paidOn: metroToday(), reference: 'SP2D-003' } },
        ACTORS.operator,
      ),
    ).toMatchObject({ code: 'CONFLICT' });
    const figures = (await q('ContributionFigures', { fiscalYear: Number(thisMonth.slice(0, 4)), asOf: metroToday(), mouId: mou.mouId }, ACTORS.manager)).contributionFigures;
    expect(figures).toMatchObject({ outstanding: '0', accountCredit: '50400', budget: '1721000000', invoices: 7 });
  });

  it('refuses bad payments with a clear code and records nothing', async () => {
    const mou = await cityWithActiveMou(system.gatewayUrl, '18.72');
    await enrol(system.gatewayUrl, mou.mouId, { ...SITI, nik: '1872014506800077' });
    const run = await bill(mou.mouId, thisMonth);
    const before = await count(`SELECT count(*) AS n FROM participants.contribution_payment`);
    const input = (over: Record<string, unknown>) => ({ input: { invoiceId: run.invoiceId, amount: '16800', paidOn: metroToday(), reference: `R-${randomUUID()}`, ...over } });
    const call = (over: Record<string, unknown>, who = ACTORS.operator) => errorCode(system.gatewayUrl, op('RecordContributionPayment'), input(over), who);
    expect(await call({ amount: '0' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(await call({ amount: '-5' })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await call({ invoiceId: randomUUID() })).toMatchObject({ code: 'NOT_FOUND', field: 'invoiceId' });
    const sorong = { subject: 'operator.sorong', roles: ['city_operator'], cities: ['96.71'], clientId: null } as never;
    expect(await call({}, sorong)).toMatchObject({ code: 'NOT_FOUND', field: 'invoiceId' });
    expect(await call({ paidOn: '2999-01-01' })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await count(`SELECT count(*) AS n FROM participants.contribution_payment`)).toBe(before);
  });

  it('corrects an invoice only by a credit note; the issued invoice cannot change', async () => {
    const mou = await cityWithActiveMou(system.gatewayUrl, '18.72');
    await seedParticipants(mou, 2, `${thisMonth}-01`, `${thisMonth.slice(0, 4)}-12-31`);
    const run = await bill(mou.mouId, thisMonth);
    const [line] = (await db.query(`SELECT participant_id FROM participants.invoice_line WHERE invoice_id = $1 ORDER BY line_no LIMIT 1`, [run.invoiceId])).rows;
    const cn = (
      await q('IssueCreditNote', { input: { invoiceId: run.invoiceId, participantIds: [line.participant_id], reason: 'Billed twice (also under another MoU)' } }, ACTORS.manager)
    ).issueCreditNote;
    expect(cn).toMatchObject({ kind: 'CREDIT_NOTE', number: expect.stringMatching(/^CN\/1872\//), total: '-16800', lineCount: 1, correctsInvoiceId: run.invoiceId });
    const invoice = (await q('ContributionInvoice', { id: run.invoiceId })).contributionInvoice;
    expect(invoice).toMatchObject({ total: '33600', credited: '16800' });
    await expect(db.query(`UPDATE participants.invoice SET total = 0 WHERE id = $1`, [run.invoiceId])).rejects.toThrow(/cannot change/);
    await expect(db.query(`UPDATE participants.invoice_line SET amount = 1 WHERE invoice_id = $1`, [run.invoiceId])).rejects.toThrow(/cannot change/);
  });
});

describe('the monthly schedule and its cycle', () => {
  it('exists once, monthly, with its overlap policy and catch-up window set', async () => {
    const client = system.services.participants.deps.temporal;
    const schedule = await client.schedule.getHandle(`${BILLING_SCHEDULE_ID}/${system.queues.lifecycle}`).describe();
    expect(schedule.policies).toMatchObject({ overlap: 'BUFFER_ONE', catchupWindow: 35 * 24 * 3600 * 1000 });
    expect(schedule.spec.calendars?.[0]).toMatchObject({ dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 1, end: 1, step: 1 }] });
    expect(schedule.spec.timezone).toBe('Asia/Jakarta');
  });

  it('back-fills every month of every MoU in force that has no invoice, and a second cycle bills nothing', async () => {
    const client = system.services.participants.deps.temporal;
    const cycle = () =>
      client.workflow.execute<BillingCycleWorkflow>(BILLING_CYCLE_WORKFLOW, {
        workflowId: `billing-cycle-test/${randomUUID()}`,
        taskQueue: system.queues.lifecycle,
        args: [{ queues: system.queues }],
      });
    const first = await cycle();
    expect(first.started.length).toBeGreaterThan(0);
    const perMonth = await db.query(`SELECT mou_id, billing_month, count(*)::int AS n FROM participants.invoice WHERE kind = 'INVOICE' GROUP BY 1, 2 HAVING count(*) > 1`);
    expect(perMonth.rows).toEqual([]);
    const months = Number(thisMonth.slice(5));
    const mous = await count(`SELECT count(DISTINCT mou_id) AS n FROM participants.invoice`);
    expect(await count(`SELECT count(*) AS n FROM participants.invoice WHERE kind = 'INVOICE'`)).toBe(mous * months);
    expect(await cycle()).toEqual({ started: [], alreadyStarted: [] });
  });
});
