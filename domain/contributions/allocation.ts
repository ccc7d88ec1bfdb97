import { DomainError } from '../errors.js';
import type { Rupiah } from '../money.js';
import type { BillingMonth } from './billing-month.js';

// How a payment settles invoice lines: the oldest open line first (billing month, then invoice
// number, then line number), each line in full before the next, so a city that pays less than it
// owes leaves its newest lines open. An under-payment leaves the last line it reaches part-paid;
// an over-payment stays as credit on the MoU's account and settles the next invoice when it is
// issued (this is also how a 3-, 6- or 12-month prepayment is used up). The service runs the
// same order in SQL; this function is its specification.

export type OpenLine = { key: string; month: BillingMonth; invoiceNumber: string; lineNo: number; outstanding: Rupiah };
export type Allocation = { key: string; amount: Rupiah };
export type AllocationResult = { allocations: Allocation[]; allocated: Rupiah; unallocated: Rupiah; outstandingAfter: Rupiah };

export function compareOpenLines(a: OpenLine, b: OpenLine): number {
  if (a.month !== b.month) return a.month < b.month ? -1 : 1;
  if (a.invoiceNumber !== b.invoiceNumber) return a.invoiceNumber < b.invoiceNumber ? -1 : 1;
  return a.lineNo - b.lineNo;
}

/** Checks a payment amount a city enters: whole rupiah above zero. */
export function assertPaymentAmount(amount: Rupiah, field = 'amount'): void {
  if (amount <= 0n) throw new DomainError('BAD_USER_INPUT', `A payment must be more than Rp 0; got ${amount}.`, field);
  if (amount > 10n ** 15n) throw new DomainError('BAD_USER_INPUT', 'The payment is implausibly large (over Rp 10^15).', field);
}

export function allocatePayment(amount: Rupiah, lines: readonly OpenLine[]): AllocationResult {
  if (amount < 0n) throw new DomainError('BAD_USER_INPUT', 'An amount to allocate cannot be negative.', 'amount');
  let left = amount;
  let outstandingAfter = 0n;
  const allocations: Allocation[] = [];
  for (const line of [...lines].sort(compareOpenLines)) {
    if (line.outstanding <= 0n) continue;
    const take = left < line.outstanding ? left : line.outstanding;
    if (take > 0n) allocations.push({ key: line.key, amount: take });
    left -= take;
    outstandingAfter += line.outstanding - take;
  }
  return { allocations, allocated: amount - left, unallocated: left, outstandingAfter };
}
