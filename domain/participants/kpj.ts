import { DomainError } from '../errors.js';

// The KPJ participant number (Kartu Peserta Jamsostek), 11 digits, issued when a person's first
// enrolment becomes active and never changed or reused. BPJS's own numbering has no published
// check digit, so Lindung's format is its own: ten digits from a database sequence that starts at
// 1000000000 (so no number begins with 0, and none is lost to a spreadsheet dropping leading
// zeros), followed by a Luhn check digit that catches one mistyped digit or two swapped neighbours
// when a number is read out over the phone.

export const KPJ_SEQUENCE_START = 1_000_000_000;
export const KPJ_SEQUENCE_MAX = 9_999_999_999;

/** The Luhn check digit of a string of digits. */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The KPJ number for a value of the sequence. */
export function kpjFromSequence(value: number | bigint): string {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < KPJ_SEQUENCE_START || n > KPJ_SEQUENCE_MAX) {
    throw new DomainError('BAD_USER_INPUT', `${String(value)} is outside the KPJ sequence (${KPJ_SEQUENCE_START}–${KPJ_SEQUENCE_MAX}).`, 'kpjNumber');
  }
  const body = String(n);
  return `${body}${luhnDigit(body)}`;
}

/** True for an 11-digit number whose last digit checks out. */
export function isKpj(text: string): boolean {
  return /^[1-9][0-9]{10}$/.test(text) && luhnDigit(text.slice(0, 10)) === Number(text[10]);
}
