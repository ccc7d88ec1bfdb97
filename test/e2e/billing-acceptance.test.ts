import { describe, expect, it } from 'vitest';
import { addBillingMonths, lastDayOfMonth, monthOf } from '../../domain/contributions/billing-month.js';
import type { Identity } from '../../services/kit/src/identity.js';
import { authHeaders, errorCode } from '../harness/graphql.js';
import { useTestSystem } from '../harness/suite.js';
import { billingClient, useStorageDir } from '../fixtures/billing.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, jkmClaim, metroToday, SORONG_OPERATOR } from '../fixtures/scenario.js';

// Issue 14's acceptance, one step per sentence, through the gateway (Sorong's run-out, the sixth
// sentence, is billing-runout.test.ts: its import wants a database of its own). The people come in
// through the enrolment import (the city's own bulk path); an import covers from today, and no
// service path backdates coverage, so the MoU's coverage start is moved back with one UPDATE of
// dates (the rows themselves are the import's) to have past months to bill.
const METRO_WORKERS = 8_477;
const RATE = 16_800n;
const thisMonth = monthOf(metroToday());
// Twelve months that are all past due by now (the last one was due on the 15th of last month).
const months = Array.from({ length: 12 }, (_, i) => addBillingMonths(thisMonth, i - 13));
const [firstMonth, tenthMonth, lastMonth] = [months[0]!, months[9]!, months[11]!];
const PAID_IN_TENTH = 1_000; // lines of the tenth month paid: those participants have only two unpaid months

useStorageDir();
const suite = useTestSystem('billing-acceptance');
const { q, bill, pay, mouFrom, importWorkers, coverFrom } = billingClient(suite);

const csvOf = async (invoiceId: string, who: Identity = ACTORS.operator) => {
  const response = await fetch(new URL(`/documents/invoices/${invoiceId}.csv`, suite.gateway), { headers: await authHeaders(who) });
  expect(response.status).toBe(200);
  return (await response.text())
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(','));
};

describe('issue 14 acceptance: monthly contribution billing through the gateway', () => {
  let metroMou: string;
  const invoices: { id: string; total: string }[] = [];

  it('1. twelve months for 8,477 imported participants at the standard rate total exactly Rp 1,708,963,200', { timeout: 900_000 }, async () => {
    metroMou = await mouFrom('18.72', firstMonth, {
      groups: [
        { group: 'RT_RW_HEAD', quota: 4239 },
        { group: 'RELIGIOUS_TEACHER', quota: 4238 },
      ],
    });
    await importWorkers('18.72', metroMou, METRO_WORKERS, ACTORS.operator);
    await coverFrom(metroMou, `${firstMonth}-01`);
    for (const [i, month] of months.entries()) {
      const run = await bill(metroMou, month);
      expect(run).toMatchObject({ month, lines: METRO_WORKERS, total: String(RATE * BigInt(METRO_WORKERS)) });
      // Billing the twelfth month finds the tenth, eleventh and twelfth unpaid and past due.
      expect(run.inactivated).toBe(i === 11 ? METRO_WORKERS - PAID_IN_TENTH : 0);
      invoices.push({ id: run.invoiceId, total: run.total });
      // The city pays each of the first nine months in full; of the tenth only the first lines.
      if (i < 9) expect(await pay(run.invoiceId, BigInt(run.total), `SP2D/${month}`)).toMatchObject({ allocated: run.total, accountOutstanding: '0' });
      if (i === 9) await pay(run.invoiceId, RATE * BigInt(PAID_IN_TENTH), `SP2D/${month}/part`);
    }
    expect(invoices.reduce((sum, inv) => sum + BigInt(inv.total), 0n)).toBe(1_708_963_200n);
    // The invoice list in keyset pages of five, newest month first.
    const listed: { month: string }[] = [];
    let after: string | null = null;
    for (let pages = 1; ; pages++) {
      const page: { nodes: { month: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } = (
        await q('ContributionInvoices', { mouId: metroMou, first: 5, after }, ACTORS.operator)
      ).contributionInvoices;
      listed.push(...page.nodes);
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
      expect(pages).toBeLessThan(3);
    }
    expect(listed.map((inv) => inv.month)).toEqual([...months].reverse());
    expect(await errorCode(suite.gateway, op('ContributionInvoices'), { mouId: metroMou, first: 5, after: 'not-a-cursor' }, ACTORS.operator)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it('2. a mid-month joiner and a leaver are billed the whole month they are covered in, nothing outside it', async () => {
    const start = addBillingMonths(thisMonth, -4);
    const mouId = await mouFrom('61.71', start, { quota: 2, groups: [{ group: 'RT_RW_HEAD', quota: 2 }] });
    const person = (nik: string, fullName: string) => ({
      mouId,
      nik,
      fullName,
      birthDate: '1980-06-05',
      sex: 'F',
      motherMaidenName: 'Halimah',
      address: 'Jl. Tanjungpura 1',
      occupationGroup: 'RT_RW_HEAD',
    });
    const joiner = (await q('EnrolParticipant', { input: person('6171014506800001', 'Ani Joiner') })).enrolParticipant.participant.id;
    const leaver = (await q('EnrolParticipant', { input: person('6171014506800002', 'Wati Leaver') })).enrolParticipant.participant.id;
    const joinedOn = `${addBillingMonths(start, 1)}-20`;
    const lastDay = `${addBillingMonths(start, 1)}-03`;
    await coverFrom(mouId, `${start}-01`);
    await suite.db.query(`UPDATE participants.enrolment SET coverage_from = $2 WHERE id = $1`, [joiner, joinedOn]);
    await suite.db.query(`UPDATE participants.enrolment_status_period SET valid_from = $2 WHERE enrolment_id = $1`, [joiner, joinedOn]);
    await suite.db.query(`UPDATE municipalities.quota_reservation SET starts_on = $2 WHERE participant_id = $1`, [joiner, joinedOn]);
    await q('EndEnrolment', { input: { participantId: leaver, lastCoveredDay: lastDay, reason: 'Pindah ke luar kota', endReason: 'MOVED' } });

    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await bill(mouId, addBillingMonths(start, i)));
    expect(runs.map((r) => [r.lines, r.total])).toEqual([
      [1, '16800'], // the leaver alone: the joiner has not joined
      [2, '33600'], // both, each for the whole month: joined on the 20th, left on the 3rd
      [1, '16800'], // the joiner alone
    ]);
    const joinMonth = addBillingMonths(start, 1);
    const lines = await csvOf(runs[1].invoiceId, ACTORS.admin);
    expect(lines.map((l) => [l[1], l[5], l[6], l[7]])).toEqual([
      [joiner, joinedOn, lastDayOfMonth(joinMonth), '16800'],
      [leaver, `${joinMonth}-01`, lastDay, '16800'],
    ]);
  });

  it('3. paying all but three months makes exactly the affected participants INACTIVE, and a JKM claim for a death then is refused as not covered', async () => {
    // The tenth month's first lines were paid: their participants owe two months and stay ACTIVE.
    const tenth = await csvOf(invoices[9]!.id);
    const stillPaying = new Set(tenth.slice(0, PAID_IN_TENTH).map((l) => l[1]!));
    const affected = new Set(tenth.slice(PAID_IN_TENTH).map((l) => l[1]!));
    expect(affected.size).toBe(METRO_WORKERS - PAID_IN_TENTH);
    const inactive = await suite.db.query(`SELECT id FROM participants.enrolment WHERE mou_id = $1 AND status = 'INACTIVE'`, [metroMou]);
    expect(new Set(inactive.rows.map((r: { id: string }) => r.id))).toEqual(affected);

    const [someone] = affected;
    const [payer] = stillPaying;
    const died = `${addBillingMonths(tenthMonth, 1)}-15`; // in the first month after the tenth: inactive from its first day
    expect(await errorCode(suite.gateway, op('SubmitClaim'), { input: jkmClaim(someone!, died) }, ACTORS.caseworker)).toMatchObject({
      code: 'NOT_ELIGIBLE',
      reason: 'INACTIVE_ARREARS',
    });
    const history = async (id: string) => (await q('ParticipantHistory', { id, on: died }, ACTORS.operator)).participant;
    expect((await history(someone!)).coverageOn).toMatchObject({ covered: false, reason: 'INACTIVE_ARREARS', statusOnDate: 'INACTIVE' });
    expect((await history(payer!)).coverageOn).toMatchObject({ covered: true, statusOnDate: 'ACTIVE' });
  });

  it('4. paying the arrears reactivates them', async () => {
    const owed = 3n * RATE * BigInt(METRO_WORKERS) - RATE * BigInt(PAID_IN_TENTH);
    const settled = await pay(invoices[11]!.id, owed, 'SP2D/arrears');
    // (reactivated counts this call's changes: a retried call would report 0, so the table is read.)
    expect(settled).toMatchObject({ allocated: owed.toString(), accountOutstanding: '0' });
    const [row] = (
      await suite.db.query(`SELECT count(*) FILTER (WHERE status = 'ACTIVE')::int AS active, count(*)::int AS n FROM participants.enrolment WHERE mou_id = $1`, [metroMou])
    ).rows;
    expect(row).toEqual({ active: METRO_WORKERS, n: METRO_WORKERS });
  });

  it('5. running the same month twice produces one invoice', async () => {
    const again = await bill(metroMou, lastMonth);
    expect(again).toMatchObject({ invoiceId: invoices[11]!.id, issued: false, lines: METRO_WORKERS });
    const [row] = (await suite.db.query(`SELECT count(*)::int AS n FROM participants.invoice WHERE mou_id = $1 AND billing_month = $2`, [metroMou, `${lastMonth}-01`])).rows;
    expect(row.n).toBe(1);
  });

  it('6. a zero or negative payment, a payment for another city’s invoice and an unknown invoice get clear codes and change nothing', async () => {
    const tables = async () =>
      (
        await suite.db.query(
          `SELECT (SELECT count(*) FROM participants.contribution_payment)::int AS payments, (SELECT count(*) FROM participants.payment_allocation)::int AS allocations,
                  (SELECT sum(paid)::text FROM participants.invoice_line) AS paid, (SELECT count(*) FROM participants.contribution_arrears)::int AS arrears,
                  (SELECT count(*) FROM participants.audit_event)::int AS audit, (SELECT count(*) FROM participants.enrolment_status_period)::int AS periods`,
        )
      ).rows[0];
    const before = await tables();
    const attempt = (invoiceId: string, amount: string, who: Identity = ACTORS.operator) =>
      errorCode(suite.gateway, op('RecordContributionPayment'), { input: { invoiceId, amount, paidOn: metroToday(), reference: `SP2D/bad/${amount}` } }, who);
    expect(await attempt(invoices[0]!.id, '0')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    // A negative amount is not a rupiah amount at all: refused by the scalar before any resolver runs.
    expect(await attempt(invoices[0]!.id, '-16800')).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/amount in rupiah/) });
    expect(await attempt(invoices[0]!.id, '16800', SORONG_OPERATOR)).toMatchObject({ code: 'NOT_FOUND', field: 'invoiceId' });
    expect(await attempt('7b0c0f4e-1d2a-4c9e-9f00-000000000014', '16800')).toMatchObject({ code: 'NOT_FOUND', field: 'invoiceId' });
    expect(await tables()).toEqual(before);
  });
});
