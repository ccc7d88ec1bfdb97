import { DomainError } from '../errors.js';

// One payout per (claim, heir, instalment), end to end: the claims database holds it unique, and
// the idempotency key every provider sees is derived from the same three plus the attempt number,
// which only grows after a provider refused an attempt for good (a closed account corrected by a
// caseworker is a new instruction to the bank and must not be answered with the old refusal).

/**
 * The heir named on today's claim form (one heir in three fields) has no id of its own: it is
 * identified by the claim's id. Stable, a UUID like the ids of heirs recorded one by one.
 */
export function claimFormHeirId(claimId: string): string {
  return claimId;
}

export interface PayoutSlot {
  claimId: string;
  heirId: string;
  instalment: number;
}

export function payoutIdempotencyKey(slot: PayoutSlot, attempt: number): string {
  if (!Number.isInteger(slot.instalment) || slot.instalment < 1) throw new DomainError('BAD_USER_INPUT', 'An instalment is numbered from 1.', 'instalment');
  if (!Number.isInteger(attempt) || attempt < 1) throw new DomainError('BAD_USER_INPUT', 'A payout attempt is numbered from 1.', 'attempt');
  return `${slot.claimId}.${slot.heirId}.${slot.instalment}.${attempt}`;
}

/** The reference on the transfer and the bank statement: short enough for any bank's remittance field (≤ 16). */
export function payoutReference(sequence: number | bigint): string {
  return `LDG${String(sequence).padStart(10, '0')}`;
}

export const PAYOUT_REFERENCE = /LDG\d{10}/;

/** Why a provider refused a transfer for good: the caseworker corrects the account and retries. */
export const PAYOUT_REFUSALS = [
  { code: 'ACCOUNT_CLOSED', label: 'The heir’s bank account is closed.' },
  { code: 'ACCOUNT_NOT_FOUND', label: 'No such account at this bank.' },
  { code: 'INVALID_BANK', label: 'The bank code is unknown.' },
  { code: 'NAME_MISMATCH', label: 'The account holder’s name does not match the heir.' },
  { code: 'ACCOUNT_MISSING', label: 'No bank account is on file for the heir.' },
  { code: 'REFUSED', label: 'The provider refused the transfer.' },
] as const;
export type PayoutRefusalCode = (typeof PAYOUT_REFUSALS)[number]['code'];

export function refusalCode(code: string): PayoutRefusalCode {
  return (PAYOUT_REFUSALS.find((r) => r.code === code)?.code ?? 'REFUSED') as PayoutRefusalCode;
}

/** A bank account as a caseworker enters it from the heir’s savings book. */
export interface BankAccount {
  /** Bank code of the Indonesian clearing system (SKNBI/BI-FAST), 3 digits: 002 BRI, 008 Mandiri, 009 BNI, 014 BCA… */
  bankCode: string;
  accountNumber: string;
  holderName: string;
}

export function validateBankAccount(account: BankAccount): BankAccount {
  const bankCode = account.bankCode.trim();
  const accountNumber = account.accountNumber.replace(/[\s.-]/g, '');
  const holderName = account.holderName.trim().replace(/\s+/g, ' ');
  if (!/^\d{3}$/.test(bankCode))
    throw new DomainError('BAD_USER_INPUT', `"${account.bankCode}" is not a bank code; use the 3-digit code (002 BRI, 008 Mandiri, 009 BNI, 014 BCA).`, 'account.bankCode');
  if (!/^\d{6,20}$/.test(accountNumber)) throw new DomainError('BAD_USER_INPUT', 'An account number has 6 to 20 digits, as printed in the savings book.', 'account.accountNumber');
  if (!/^[\p{L} .,'-]{2,70}$/u.test(holderName))
    throw new DomainError('BAD_USER_INPUT', 'Fill in the account holder’s name as printed in the savings book (letters only).', 'account.holderName');
  return { bankCode, accountNumber, holderName };
}

const BANK_CODES: Readonly<Record<string, string>> = { BRI: '002', MANDIRI: '008', BNI: '009', BCA: '014', BTN: '200', BSI: '451', CIMB: '022', DANAMON: '011', PERMATA: '013' };

/** The 3-digit bank code of a bank as an heir names it on the claim form ("BRI", "Bank Mandiri", "009"); null when unknown. */
export function bankCodeOf(bank: string | null | undefined): string | null {
  const name = (bank ?? '')
    .trim()
    .toUpperCase()
    .replace(/^BANK\s+/, '')
    .replace(/\s+/g, ' ');
  if (/^\d{3}$/.test(name)) return name;
  return BANK_CODES[name] ?? null;
}

/** For roles that need not see it: the last four digits only. */
export function maskAccountNumber(accountNumber: string): string {
  return `${'•'.repeat(Math.max(0, accountNumber.length - 4))}${accountNumber.slice(-4)}`;
}
