import { DomainError } from '../errors.js';
import { monthIndex, type BillingMonth } from './billing-month.js';

// Invoice and credit-note numbers people read on the phone and write on a transfer:
// INV/1872/2026/000042: kind, city region code without the dot, the year of the billing month,
// and a sequence per (kind, city, year) with no gaps (the database hands it out in the issuing
// transaction). Credit notes are CN/…, the only correction of an issued invoice.

export type DocumentKind = 'INV' | 'CN';

const REGION = /^\d{2}\.\d{2}$/;
const NUMBER = /^(INV|CN)\/(\d{4})\/(\d{4})\/(\d{6,})$/;

export function formatDocumentNumber(kind: DocumentKind, regionCode: string, year: number, sequence: number): string {
  if (!REGION.test(regionCode)) throw new DomainError('BAD_USER_INPUT', `"${regionCode}" is not a region code like 18.72.`, 'regionCode');
  if (!Number.isInteger(year) || year < 1900 || year > 2100) throw new DomainError('BAD_USER_INPUT', `${year} is not a plausible year.`, 'year');
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new DomainError('BAD_USER_INPUT', `The sequence must be a whole number from 1; got ${sequence}.`, 'sequence');
  return `${kind}/${regionCode.replace('.', '')}/${year}/${String(sequence).padStart(6, '0')}`;
}

export function invoiceNumber(regionCode: string, month: BillingMonth, sequence: number): string {
  return formatDocumentNumber('INV', regionCode, Math.floor(monthIndex(month) / 12), sequence);
}

export function parseDocumentNumber(text: string): { kind: DocumentKind; regionCode: string; year: number; sequence: number } {
  const m = NUMBER.exec(text.trim());
  if (!m) throw new DomainError('BAD_USER_INPUT', `"${text}" is not an invoice or credit-note number like INV/1872/2026/000042.`, 'number');
  return { kind: m[1] as DocumentKind, regionCode: `${m[2]!.slice(0, 2)}.${m[2]!.slice(2)}`, year: Number(m[3]), sequence: Number(m[4]) };
}
