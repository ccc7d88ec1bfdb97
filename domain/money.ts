import { DomainError } from './errors.js';

// Whole rupiah as bigint: claim totals (Rp 71.5 bn) overflow 32-bit ints and floats round.
export type Rupiah = bigint;

/** Parses a whole, non-negative number of rupiah written as plain digits ("42000000"). */
export function parseRupiah(text: string, field = 'amount'): Rupiah {
  const s = text.trim();
  if (/^\d+$/.test(s)) return BigInt(s);
  let why: string;
  if (s === '') why = 'it is empty';
  else if (s.startsWith('-')) why = 'amounts cannot be negative';
  // "42.000.000" and "42,5" look alike; rather than guess, ask for plain digits.
  else if (/^[\d.,]+$/.test(s)) why = 'write whole rupiah as digits only, without separators or decimals';
  else why = 'it may contain digits only';
  throw new DomainError('BAD_USER_INPUT', `${field} "${s}" is not a valid rupiah amount: ${why}.`, field);
}

/** "Rp 42.000.000": Indonesian style, dots between thousands. */
export function formatRupiah(x: Rupiah): string {
  const digits = (x < 0n ? -x : x).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${x < 0n ? '-' : ''}Rp ${grouped}`;
}

export function sumRupiah(xs: readonly Rupiah[]): Rupiah {
  let total = 0n;
  for (const x of xs) total += x;
  return total;
}
