import { DomainError } from '../errors.js';

// The fund's double-entry journal. Every money event is one entry of two or more lines whose
// debits equal its credits; an entry is never edited: a mistake is undone by its reversal (the
// same lines, sides swapped). The database enforces the same (claims migration 1765400000000).

export const LEDGER_ACCOUNTS = [
  { code: 'BENEFIT_EXPENSE', number: '5100', name: 'Benefit expense (JKK/JKM)', normal: 'DEBIT' },
  { code: 'BENEFITS_PAYABLE', number: '2100', name: 'Benefits payable to heirs', normal: 'CREDIT' },
  { code: 'PAYOUTS_IN_TRANSIT', number: '2150', name: 'Payouts in transit (sent, not yet on the bank statement)', normal: 'CREDIT' },
  { code: 'FUND_BANK', number: '1100', name: "Fund's bank account", normal: 'DEBIT' },
] as const;
export type LedgerAccount = (typeof LEDGER_ACCOUNTS)[number]['code'];
export const LEDGER_ACCOUNT_CODES = LEDGER_ACCOUNTS.map((a) => a.code);

export type Side = 'DEBIT' | 'CREDIT';
export interface JournalLine {
  account: LedgerAccount;
  side: Side;
  /** Rupiah, > 0. */
  amount: bigint;
}

/** What happened: one kind per posting rule, plus the reversal of any of them. */
export const ENTRY_KINDS = ['BENEFIT_APPROVED', 'PAYOUT_SENT', 'PAYOUT_CONFIRMED', 'REVERSAL'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface JournalEntryDraft {
  kind: EntryKind;
  /** Unique per event (`approved:<claim>`, `sent:<payout>`…): posting the same event twice is a no-op. */
  eventKey: string;
  memo: string;
  lines: JournalLine[];
}

/** Checks the entry balances: at least two lines, positive whole rupiah, debits = credits. */
export function assertBalanced(lines: readonly JournalLine[]): void {
  if (lines.length < 2) throw new DomainError('BAD_USER_INPUT', 'A journal entry needs at least two lines.', 'lines');
  let debits = 0n;
  let credits = 0n;
  for (const line of lines) {
    if (line.amount <= 0n) throw new DomainError('BAD_USER_INPUT', `A journal line must be more than Rp 0 (${line.account}).`, 'lines');
    if (line.side === 'DEBIT') debits += line.amount;
    else credits += line.amount;
  }
  if (debits !== credits) throw new DomainError('BAD_USER_INPUT', `Debits (Rp ${debits}) and credits (Rp ${credits}) of an entry must be equal.`, 'lines');
}

function entry(kind: EntryKind, eventKey: string, memo: string, debit: LedgerAccount, credit: LedgerAccount, amount: bigint): JournalEntryDraft {
  const lines: JournalLine[] = [
    { account: debit, side: 'DEBIT', amount },
    { account: credit, side: 'CREDIT', amount },
  ];
  assertBalanced(lines);
  return { kind, eventKey, memo, lines };
}

/** On approval: the benefit becomes an expense of the fund and a debt to the heirs. */
export function benefitApprovedEntry(claimId: string, claimNumber: string, amount: bigint): JournalEntryDraft {
  return entry('BENEFIT_APPROVED', `approved:${claimId}`, `Benefit approved, claim ${claimNumber}`, 'BENEFIT_EXPENSE', 'BENEFITS_PAYABLE', amount);
}

/** On a payout the provider accepted: the debt to the heir is settled, the money is on its way. */
export function payoutSentEntry(payoutId: string, reference: string, amount: bigint): JournalEntryDraft {
  return entry('PAYOUT_SENT', `sent:${payoutId}`, `Payout ${reference} sent`, 'BENEFITS_PAYABLE', 'PAYOUTS_IN_TRANSIT', amount);
}

/** On the bank statement line that shows the transfer: it left the fund's account. */
export function payoutConfirmedEntry(payoutId: string, reference: string, amount: bigint): JournalEntryDraft {
  return entry('PAYOUT_CONFIRMED', `confirmed:${payoutId}`, `Payout ${reference} on the bank statement`, 'PAYOUTS_IN_TRANSIT', 'FUND_BANK', amount);
}

/** Undoes an entry: the same lines with their sides swapped, under its own event key. */
export function reversalOf(original: { id: string; memo: string; lines: readonly JournalLine[] }, reason: string): JournalEntryDraft {
  const lines = original.lines.map((line): JournalLine => ({ ...line, side: line.side === 'DEBIT' ? 'CREDIT' : 'DEBIT' }));
  assertBalanced(lines);
  return { kind: 'REVERSAL', eventKey: `reversal:${original.id}`, memo: `Reversal of "${original.memo}": ${reason}`, lines };
}

/** Balance per account, debit positive and credit negative; over a whole journal they sum to zero. */
export function balances(lines: Iterable<JournalLine>): Map<LedgerAccount, bigint> {
  const result = new Map<LedgerAccount, bigint>(LEDGER_ACCOUNT_CODES.map((code) => [code, 0n]));
  for (const line of lines) result.set(line.account, (result.get(line.account) ?? 0n) + (line.side === 'DEBIT' ? line.amount : -line.amount));
  return result;
}

export function sumOfBalances(perAccount: Map<LedgerAccount, bigint>): bigint {
  let total = 0n;
  for (const value of perAccount.values()) total += value;
  return total;
}
