import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBillingMonths, monthOf } from '../../domain/contributions/billing-month.js';
import { authHeaders, mustQuery } from '../harness/graphql.js';
import { startTestSystem, type TestSystem } from '../harness/system.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, cityWithActiveMou, enrol, metroToday, SITI } from '../fixtures/scenario.js';

// The finance office's month through the gateway: enrol, bill, pay part, three months unpaid
// make the enrolments INACTIVE, paying the arrears makes them ACTIVE again, and the invoice
// downloads as PDF and CSV. Enrolment covers from today, so the enrolments' start is moved
// back four months in the database to have past months to bill.
let system: TestSystem;
let db: pg.Client;
const thisMonth = monthOf(metroToday());

beforeAll(async () => {
  system = await startTestSystem('billing-journey');
  db = new pg.Client({ connectionString: system.db.url });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await system?.stop();
});

const q = (name: string, variables: Record<string, unknown>, who = ACTORS.admin) => mustQuery(system.gatewayUrl, op(name), variables, who);
const status = async (id: string) => (await q('Participant', { id }, ACTORS.operator)).participant.status;

describe('billing journey through the gateway', () => {
  it('enrol, bill, pay part, fall into arrears, pay them, and download the documents', async () => {
    const mou = await cityWithActiveMou(system.gatewayUrl, '18.72');
    const siti = await enrol(system.gatewayUrl, mou.mouId);
    const budi = await enrol(system.gatewayUrl, mou.mouId, {
      ...SITI,
      nik: '1872010506800002',
      fullName: 'Budi, "Pak RT"',
      sex: 'M',
      birthDate: '1980-06-05',
      occupationGroup: 'RT_RW_HEAD',
    });
    const start = addBillingMonths(thisMonth, -4);
    await db.query(`UPDATE participants.enrolment SET coverage_from = $2 WHERE mou_id = $1`, [mou.mouId, `${start}-01`]);
    await db.query(`UPDATE participants.enrolment_status_period s SET valid_from = $2 FROM participants.enrolment e WHERE e.id = s.enrolment_id AND e.mou_id = $1`, [
      mou.mouId,
      `${start}-01`,
    ]);

    const bill = async (month: string) => (await q('RunBilling', { mouId: mou.mouId, month })).runBilling;
    const pay = async (invoiceId: string, amount: bigint, reference: string) =>
      (await q('RecordContributionPayment', { input: { invoiceId, amount: amount.toString(), paidOn: metroToday(), reference } }, ACTORS.operator)).recordContributionPayment;

    const first = await bill(start);
    expect(first).toMatchObject({ lines: 2, total: '33600' });
    expect(await pay(first.invoiceId, 20_000n, 'SP2D/001')).toMatchObject({ allocated: '20000', accountOutstanding: '13600' }); // under-paid
    for (let i = -3; i <= -1; i++) await bill(addBillingMonths(thisMonth, i));
    // The first month part-paid (Siti's line is settled first: lines go by group, RELIGIOUS_TEACHER before RT_RW_HEAD), three months unpaid.
    expect([await status(siti.id), await status(budi.id)]).toEqual(['INACTIVE', 'INACTIVE']);

    const outstanding = (await pay(first.invoiceId, 13_600n, 'SP2D/002')).accountOutstanding;
    // Budi fell into arrears first (months -4..-2), so the month -1 invoice bills Siti alone: 2 + 2 + 1 lines are open.
    expect(outstanding).toBe(String(16_800 * 5));
    const settled = await pay(first.invoiceId, BigInt(outstanding), 'SP2D/003');
    expect(settled).toMatchObject({ accountOutstanding: '0', reactivated: 2 });
    expect([await status(siti.id), await status(budi.id)]).toEqual(['ACTIVE', 'ACTIVE']);

    const invoice = (await q('ContributionInvoice', { id: first.invoiceId }, ACTORS.operator)).contributionInvoice;
    expect(invoice).toMatchObject({ cityName: 'Kota Metro', month: start, total: '33600', paid: '33600', amountInWords: 'tiga puluh tiga ribu enam ratus rupiah' });
    const pdf = await fetch(new URL(invoice.pdfPath, system.gatewayUrl), { headers: await authHeaders(ACTORS.operator) });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const csv = await fetch(new URL(invoice.csvPath, system.gatewayUrl), { headers: await authHeaders(ACTORS.operator) });
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('line,participant_id,nik,full_name,occupation_group,covered_from,covered_to,amount,paid,credited');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^1,${siti.id},187201\\*{8}01,Siti Aminah,RELIGIOUS_TEACHER,${start}-01,${start}-\\d\\d,16800,16800,0$`)),
      expect.stringMatching(new RegExp(`^2,${budi.id},187201\\*{8}02,"Budi, ""Pak RT""",RT_RW_HEAD,${start}-01,${start}-\\d\\d,16800,16800,0$`)),
    ]);
    // Another city's operator and a caller without a token get nothing.
    const sorong = { subject: 'operator.sorong', roles: ['city_operator'], cities: ['96.71'], clientId: null } as never;
    expect((await fetch(new URL(invoice.pdfPath, system.gatewayUrl), { headers: await authHeaders(sorong) })).status).toBe(404);
    expect((await fetch(new URL(invoice.csvPath, system.gatewayUrl))).status).toBe(401);
  });
});
