import type { StatementLine } from '../payouts/batch-file.js';
import { PAYOUT_REFERENCE } from '../payouts/payout-key.js';

// Matching a bank statement against the payouts we sent. A statement debit is matched to a
// payout by its reference (in the reference column, or anywhere in the description, where some
// banks put the remittance text); then:
//   MATCHED       the first line for a payout, with its amount      → the payout is confirmed
//   WRONG_AMOUNT  the first line for a payout, with another amount
//   DUPLICATED    a further line for a payout already on this or an earlier statement
//   UNKNOWN       a debit that names no payout we sent
//   MISSING       a payout we sent (not confirmed before) that no line shows
// Credits (money coming in, such as the city's top-up) are not payouts and are left out.

export const RECONCILIATION_OUTCOMES = ['MATCHED', 'MISSING', 'DUPLICATED', 'WRONG_AMOUNT', 'UNKNOWN'] as const;
export type ReconciliationOutcome = (typeof RECONCILIATION_OUTCOMES)[number];

export interface SentPayout {
  payoutId: string;
  reference: string;
  amount: bigint;
  /** Already matched by an earlier statement. */
  confirmed: boolean;
}

export interface ReconciliationItem {
  outcome: ReconciliationOutcome;
  /** Statement line number; null for MISSING. */
  line: number | null;
  reference: string | null;
  payoutId: string | null;
  expected: bigint | null;
  actual: bigint | null;
}

function referenceOf(line: StatementLine): string | null {
  return PAYOUT_REFERENCE.exec(line.reference)?.[0] ?? PAYOUT_REFERENCE.exec(line.description)?.[0] ?? null;
}

export function reconcile(statement: readonly StatementLine[], sent: readonly SentPayout[]): ReconciliationItem[] {
  const byReference = new Map(sent.map((p) => [p.reference, p]));
  const seen = new Set<string>();
  const items: ReconciliationItem[] = [];
  for (const line of statement) {
    if (line.debit === 0n) continue;
    const reference = referenceOf(line);
    const payout = reference === null ? undefined : byReference.get(reference);
    if (!payout) {
      items.push({ outcome: 'UNKNOWN', line: line.line, reference: reference ?? (line.reference || null), payoutId: null, expected: null, actual: line.debit });
      continue;
    }
    const again = seen.has(payout.payoutId) || payout.confirmed;
    seen.add(payout.payoutId);
    const outcome: ReconciliationOutcome = again ? 'DUPLICATED' : line.debit === payout.amount ? 'MATCHED' : 'WRONG_AMOUNT';
    items.push({ outcome, line: line.line, reference: payout.reference, payoutId: payout.payoutId, expected: payout.amount, actual: line.debit });
  }
  for (const payout of sent) {
    if (!payout.confirmed && !seen.has(payout.payoutId)) {
      items.push({ outcome: 'MISSING', line: null, reference: payout.reference, payoutId: payout.payoutId, expected: payout.amount, actual: null });
    }
  }
  return items;
}

export function countOutcomes(items: readonly ReconciliationItem[]): Record<ReconciliationOutcome, number> {
  const counts = Object.fromEntries(RECONCILIATION_OUTCOMES.map((o) => [o, 0])) as Record<ReconciliationOutcome, number>;
  for (const item of items) counts[item.outcome]++;
  return counts;
}
