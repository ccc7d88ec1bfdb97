import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { readStatementFile, writeStatementFile } from '../payouts/batch-file.js';
import { assertBalanced, balances, benefitApprovedEntry, payoutConfirmedEntry, payoutSentEntry, reversalOf, sumOfBalances, type JournalLine } from './journal.js';
import { countOutcomes, reconcile, type SentPayout } from './reconciliation.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'OTHER';
  }
  return undefined;
};

describe('the journal', () => {
  it('refuses an entry whose debits and credits differ, a single line, and a zero line', () => {
    expect(
      code(() =>
        assertBalanced([
          { account: 'FUND_BANK', side: 'DEBIT', amount: 10n },
          { account: 'BENEFITS_PAYABLE', side: 'CREDIT', amount: 9n },
        ]),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(code(() => assertBalanced([{ account: 'FUND_BANK', side: 'DEBIT', amount: 10n }]))).toBe('BAD_USER_INPUT');
    expect(
      code(() =>
        assertBalanced([
          { account: 'FUND_BANK', side: 'DEBIT', amount: 0n },
          { account: 'BENEFITS_PAYABLE', side: 'CREDIT', amount: 0n },
        ]),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      code(() =>
        assertBalanced([
          { account: 'FUND_BANK', side: 'DEBIT', amount: 10n },
          { account: 'BENEFITS_PAYABLE', side: 'CREDIT', amount: 10n },
        ]),
      ),
    ).toBeUndefined();
  });

  it('carries a paid claim from expense to the bank: payable and in transit end at zero, all accounts sum to zero', () => {
    const lines: JournalLine[] = [
      benefitApprovedEntry('c1', 'JKM/2026/000001', 42_000_000n),
      payoutSentEntry('p1', 'LDG0000000001', 42_000_000n),
      payoutConfirmedEntry('p1', 'LDG0000000001', 42_000_000n),
    ].flatMap((e) => e.lines);
    const perAccount = balances(lines);
    expect(Object.fromEntries(perAccount)).toEqual({ BENEFIT_EXPENSE: 42_000_000n, BENEFITS_PAYABLE: 0n, PAYOUTS_IN_TRANSIT: 0n, FUND_BANK: -42_000_000n });
    expect(sumOfBalances(perAccount)).toBe(0n);
  });

  it('undoes an entry by its reversal: sides swapped, own event key, balances back where they were', () => {
    const sent = payoutSentEntry('p1', 'LDG0000000001', 42_000_000n);
    const reversal = reversalOf({ id: 'e7', memo: sent.memo, lines: sent.lines }, 'returned by the bank');
    expect(reversal).toMatchObject({ kind: 'REVERSAL', eventKey: 'reversal:e7' });
    expect(reversal.lines.map((l) => [l.account, l.side])).toEqual([
      ['BENEFITS_PAYABLE', 'CREDIT'],
      ['PAYOUTS_IN_TRANSIT', 'DEBIT'],
    ]);
    expect([...balances([...sent.lines, ...reversal.lines]).values()].every((v) => v === 0n)).toBe(true);
  });

  it('gives each event one key, so posting it twice can be refused by the database', () => {
    expect(benefitApprovedEntry('c1', 'X', 1n).eventKey).toBe('approved:c1');
    expect(payoutSentEntry('p1', 'R', 1n).eventKey).toBe('sent:p1');
    expect(payoutConfirmedEntry('p1', 'R', 1n).eventKey).toBe('confirmed:p1');
  });
});

describe('reconciliation of a bank statement', () => {
  const sent: SentPayout[] = [
    { payoutId: 'p1', reference: 'LDG0000000001', amount: 42_000_000n, confirmed: false },
    { payoutId: 'p2', reference: 'LDG0000000002', amount: 21_000_000n, confirmed: false },
    { payoutId: 'p3', reference: 'LDG0000000003', amount: 10_500_000n, confirmed: false },
    { payoutId: 'p4', reference: 'LDG0000000004', amount: 10_500_000n, confirmed: false },
    { payoutId: 'p5', reference: 'LDG0000000005', amount: 5_000_000n, confirmed: true },
  ];
  const statement = readStatementFile(
    writeStatementFile([
      { postingDate: '2026-12-01', reference: 'LDG0000000001', description: 'TRF SITI', debit: 42_000_000n, credit: 0n },
      { postingDate: '2026-12-01', reference: '', description: 'BIFAST LDG0000000002 BUDI', debit: 20_000_000n, credit: 0n },
      { postingDate: '2026-12-01', reference: 'LDG0000000003', description: 'TRF', debit: 10_500_000n, credit: 0n },
      { postingDate: '2026-12-02', reference: 'LDG0000000003', description: 'TRF', debit: 10_500_000n, credit: 0n },
      { postingDate: '2026-12-02', reference: 'LDG0000000005', description: 'TRF', debit: 5_000_000n, credit: 0n },
      { postingDate: '2026-12-02', reference: 'ADM-FEE', description: 'BIAYA ADMIN', debit: 6_500n, credit: 0n },
      { postingDate: '2026-12-02', reference: 'APBD', description: 'TOP UP PEMKOT', debit: 0n, credit: 100_000_000n },
    ]),
  );

  it('finds exactly the planted differences: wrong amount, duplicate (twice and of an earlier statement), unknown, missing', () => {
    const items = reconcile(statement, sent);
    expect(items.map((i) => [i.outcome, i.line, i.reference])).toEqual([
      ['MATCHED', 2, 'LDG0000000001'],
      ['WRONG_AMOUNT', 3, 'LDG0000000002'],
      ['MATCHED', 4, 'LDG0000000003'],
      ['DUPLICATED', 5, 'LDG0000000003'],
      ['DUPLICATED', 6, 'LDG0000000005'],
      ['UNKNOWN', 7, 'ADM-FEE'],
      ['MISSING', null, 'LDG0000000004'],
    ]);
    expect(items.find((i) => i.outcome === 'WRONG_AMOUNT')).toMatchObject({ expected: 21_000_000n, actual: 20_000_000n });
    expect(countOutcomes(items)).toEqual({ MATCHED: 2, MISSING: 1, DUPLICATED: 2, WRONG_AMOUNT: 1, UNKNOWN: 1 });
  });

  it('matches a clean statement completely', () => {
    const clean = readStatementFile(
      writeStatementFile(sent.slice(0, 4).map((p) => ({ postingDate: '2026-12-01', reference: p.reference, description: 'TRF', debit: p.amount, credit: 0n }))),
    );
    expect(countOutcomes(reconcile(clean, sent))).toEqual({ MATCHED: 4, MISSING: 0, DUPLICATED: 0, WRONG_AMOUNT: 0, UNKNOWN: 0 });
  });
});
