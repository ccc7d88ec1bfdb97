import { isBillingMonth } from '../../../../domain/contributions/billing-month.js';
import { DomainError } from '../../../../domain/errors.js';

/** The keyset of an invoice list page: the last row's (month, number), opaque to clients. */
export function encodeInvoiceCursor(row: { month: string; number: string }): string {
  return Buffer.from(JSON.stringify([row.month, row.number])).toString('base64url');
}

export function decodeInvoiceCursor(cursor: string): { month: string; number: string } {
  try {
    const [month, number] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof month === 'string' && isBillingMonth(month) && typeof number === 'string' && number.length <= 40) return { month, number };
  } catch {
    // fall through to the user-facing error
  }
  throw new DomainError('BAD_USER_INPUT', 'The page cursor is not one this API gave out; start again without `after`.', 'after');
}
