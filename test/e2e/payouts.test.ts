import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeStatementFile } from '../../domain/payouts/batch-file.js';
import { signCallback, SIGNATURE_HEADER } from '../../services/claims/src/payout/callback-signature.js';
import { startFakeProvider, type FakeProvider } from '../../services/claims/src/payout/fake-provider/fake-provider.js';
import { errorCode, mustQuery } from '../harness/graphql.js';
import { startTestSystem, type TestSystem } from '../harness/system.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, completeDocuments, enrol, enterPayoutAccount, jkmClaim, metroToday, metroWithActiveMou, payoutAccount, SITI } from '../fixtures/scenario.js';

// Claims paid through the HTTP disbursement provider (our fake, over real HTTP), the ledger they
// leave, and a bank statement with planted differences, all through the gateway.
let fake: FakeProvider;
let system: TestSystem;
let gateway: string;
let mouId: string;
const CALLBACK_SECRET = 'e2e-callback-secret-0123456789abcdef';

beforeAll(async () => {
  fake = await startFakeProvider({ apiKey: 'e2e-provider-key' });
  Object.assign(process.env, { LINDUNG_PAYOUT_PROVIDER_URL: fake.url, LINDUNG_PAYOUT_PROVIDER_KEY: 'e2e-provider-key', LINDUNG_PAYOUT_CALLBACK_SECRET: CALLBACK_SECRET });
  system = await startTestSystem('payouts');
  gateway = system.gatewayUrl;
  mouId = (await metroWithActiveMou(gateway)).mouId;
});
afterAll(async () => {
  delete process.env['LINDUNG_PAYOUT_PROVIDER_URL'];
  delete process.env['LINDUNG_PAYOUT_PROVIDER_KEY'];
  delete process.env['LINDUNG_PAYOUT_CALLBACK_SECRET'];
  await system?.stop();
  await fake?.close();
});

async function claimFor(nik: string, fullName: string): Promise<string> {
  const { id } = await enrol(gateway, mouId, { ...SITI, nik, fullName });
  const { submitClaim } = await mustQuery(gateway, op('SubmitClaim'), { input: jkmClaim(id) }, ACTORS.caseworker);
  await completeDocuments(gateway, submitClaim.id);
  await mustQuery(gateway, op('VerifyClaimDocuments'), { claimId: submitClaim.id }, ACTORS.verifier);
  return submitClaim.id;
}

async function waitFor(claimId: string, status: string): Promise<Record<string, any>> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const { claim } = await mustQuery(gateway, op('ClaimPayouts'), { id: claimId }, ACTORS.supervisor);
    if (claim.status === status) return claim;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`claim ${claimId} never reached ${status}`);
}

const balancesOf = async () => {
  const { ledgerBalances } = await mustQuery(gateway, op('LedgerBalances'), { regionCode: '18.72' }, ACTORS.manager);
  return { ...ledgerBalances, by: Object.fromEntries(ledgerBalances.accounts.map((a: any) => [a.account, `${a.side} ${a.balance}`])) };
};

describe('payouts, ledger and reconciliation through the gateway', () => {
  const claims: string[] = [];
  const references: string[] = [];

  it('pays three claims once each; a closed account is PAYOUT_FAILED until a caseworker corrects it', async () => {
    claims.push(await claimFor('1872014506800002', 'Sri Wahyuni'), await claimFor('1872014506800003', 'Tuti Handayani'), await claimFor('1872014506800004', 'Umi Kalsum'));
    await enterPayoutAccount(gateway, claims[0]!);
    await enterPayoutAccount(gateway, claims[1]!, '5550000000'); // closed (the fake bank: ends in 0000)
    await enterPayoutAccount(gateway, claims[2]!);
    expect(await errorCode(gateway, op('SetPayoutAccount'), { input: payoutAccount(claims[0]!, '12') }, ACTORS.caseworker)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'account.accountNumber',
    });
    for (const claimId of claims) await mustQuery(gateway, op('ApproveClaim'), { claimId }, ACTORS.supervisor);

    const failed = await waitFor(claims[1]!, 'PAYOUT_FAILED');
    expect(failed.heirPayouts).toMatchObject([{ status: 'FAILED', failureCode: 'ACCOUNT_CLOSED', attempt: 1, provider: 'http' }]);
    expect(failed.payouts).toEqual([]);
    const { setPayoutAccount } = await mustQuery(gateway, op('SetPayoutAccount'), { input: payoutAccount(claims[1]!, '5550001234') }, ACTORS.caseworker);
    expect(setPayoutAccount.payoutAccounts).toEqual([{ heirId: claims[1], bankCode: '009', accountNumber: '••••••1234', holderName: 'Budi Santoso' }]);

    for (const claimId of claims) {
      const paid = await waitFor(claimId, 'PAID');
      expect(paid.heirPayouts).toHaveLength(1);
      expect(paid.heirPayouts[0]).toMatchObject({ status: 'SENT', amount: '42000000', heirId: claimId, instalment: 1 });
      references.push(paid.heirPayouts[0].reference);
    }
    expect((await waitFor(claims[1]!, 'PAID')).heirPayouts[0].attempt).toBe(2);
    // Exactly one transfer per claim left the provider; the refused attempt moved nothing.
    expect(
      fake
        .executed()
        .map((t) => t.reference)
        .sort(),
    ).toEqual([...references].sort());
    expect(fake.records().filter((t) => t.status === 'FAILED')).toHaveLength(1);
    expect(await errorCode(gateway, op('SetPayoutAccount'), { input: payoutAccount(claims[0]!) }, ACTORS.caseworker)).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('shows the entries in the journal, and balances that sum to zero', async () => {
    const { journal } = await mustQuery(gateway, op('Journal'), { regionCode: '18.72', first: 50 }, ACTORS.supervisor);
    expect(journal.nodes.map((e: any) => e.kind).sort()).toEqual(['BENEFIT_APPROVED', 'BENEFIT_APPROVED', 'BENEFIT_APPROVED', 'PAYOUT_SENT', 'PAYOUT_SENT', 'PAYOUT_SENT']);
    for (const entry of journal.nodes)
      expect(entry.lines.map((l: any) => [l.side, l.amount])).toEqual([
        ['DEBIT', '42000000'],
        ['CREDIT', '42000000'],
      ]);
    const balances = await balancesOf();
    expect(balances).toMatchObject({ balanced: true, totalDebits: '252000000', totalCredits: '252000000' });
    expect(balances.by).toEqual({ BENEFIT_EXPENSE: 'DEBIT 126000000', BENEFITS_PAYABLE: 'DEBIT 0', PAYOUTS_IN_TRANSIT: 'CREDIT 126000000', FUND_BANK: 'DEBIT 0' });
    // City-scoped: another city is as good as unknown; caseworkers do not read the ledger.
    expect(await errorCode(gateway, op('LedgerBalances'), { regionCode: '61.71' }, ACTORS.manager)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await errorCode(gateway, op('Journal'), {}, ACTORS.caseworker)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('reconciles a statement with planted differences and finds exactly them, confirming only the matched payout', async () => {
    const [first, second, third] = references as [string, string, string];
    const day = metroToday();
    const statement = writeStatementFile([
      { postingDate: day, reference: first, description: 'TRF SRI WAHYUNI', debit: 42_000_000n, credit: 0n },
      { postingDate: day, reference: second, description: 'TRF TUTI', debit: 41_000_000n, credit: 0n },
      { postingDate: day, reference: first, description: 'TRF SRI WAHYUNI', debit: 42_000_000n, credit: 0n },
      { postingDate: day, reference: 'ADM', description: 'BIAYA ADMIN', debit: 6_500n, credit: 0n },
      { postingDate: day, reference: 'APBD', description: 'SETORAN PEMKOT', debit: 0n, credit: 500_000_000n },
    ]);
    const { reconcileBankStatement: result } = await mustQuery(gateway, op('ReconcileBankStatement'), { input: { regionCode: '18.72', statement } }, ACTORS.supervisor);
    expect(result.counts).toEqual({ MATCHED: 1, MISSING: 1, DUPLICATED: 1, WRONG_AMOUNT: 1, UNKNOWN: 1 });
    expect(result.items.map((i: any) => [i.outcome, i.line, i.reference])).toEqual([
      ['MATCHED', 2, first],
      ['WRONG_AMOUNT', 3, second],
      ['DUPLICATED', 4, first],
      ['UNKNOWN', 5, 'ADM'],
      ['MISSING', null, third],
    ]);
    expect(result.items[1]).toMatchObject({ expected: '42000000', actual: '41000000' });
    const { bankReconciliation } = await mustQuery(gateway, op('BankReconciliation'), { id: result.id }, ACTORS.manager);
    expect(bankReconciliation.counts).toEqual(result.counts);
    expect((await waitFor(claims[0]!, 'PAID')).heirPayouts[0].status).toBe('CONFIRMED');
    expect((await balancesOf()).by).toMatchObject({ PAYOUTS_IN_TRANSIT: 'CREDIT 84000000', FUND_BANK: 'CREDIT 42000000' });
    expect((await balancesOf()).balanced).toBe(true);
    // One statement is reconciled once; a file that is not a statement names its line.
    expect(await errorCode(gateway, op('ReconcileBankStatement'), { input: { regionCode: '18.72', statement } }, ACTORS.supervisor)).toMatchObject({ code: 'CONFLICT' });
    const broken = `${statement}${day},X,TRF,12.345,0\n`;
    expect(await errorCode(gateway, op('ReconcileBankStatement'), { input: { regionCode: '18.72', statement: broken } }, ACTORS.supervisor)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'statement:7',
    });
    expect(await errorCode(gateway, op('ReconcileBankStatement'), { input: { regionCode: '61.71', statement } }, ACTORS.supervisor)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('takes a signed callback of a transfer the bank returned: the payout is RETURNED and its entry reversed; an unsigned one is refused', async () => {
    const third = fake.executed().find((t) => t.reference === references[2])!;
    const callbackUrl = system.services.claims.url.replace(/\/graphql$/, '/payout-callbacks');
    const body = JSON.stringify({ event: 'disbursement.failed', idempotencyKey: third.idempotencyKey, status: 'FAILED' });
    const post = (signature: string) => fetch(callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature }, body });
    expect((await post(signCallback('someone-else', body))).status).toBe(401);
    expect((await post(signCallback(CALLBACK_SECRET, body))).status).toBe(200);
    expect((await post(signCallback(CALLBACK_SECRET, body))).status).toBe(200); // a repeat changes nothing
    expect((await waitFor(claims[2]!, 'PAID')).heirPayouts[0].status).toBe('RETURNED');
    const { journal } = await mustQuery(gateway, op('Journal'), { regionCode: '18.72', first: 50 }, ACTORS.manager);
    expect(journal.nodes.filter((e: any) => e.kind === 'REVERSAL')).toHaveLength(1);
    const balances = await balancesOf();
    expect(balances.balanced).toBe(true);
    expect(balances.by).toMatchObject({ BENEFITS_PAYABLE: 'CREDIT 42000000', PAYOUTS_IN_TRANSIT: 'CREDIT 42000000', FUND_BANK: 'CREDIT 42000000' });
  });
});
