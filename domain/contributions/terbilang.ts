import { DomainError } from '../errors.js';
import type { Rupiah } from '../money.js';

// An amount in words in Indonesian (terbilang), as written on an invoice or a transfer order:
// 42,000,000 → "empat puluh dua juta rupiah". Indonesian says "se-" for one of ten, a hundred
// and a thousand (sepuluh, seratus, seribu) but "satu juta", and "belas" for 11–19.

const UNITS = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
const SCALES = ['', 'ribu', 'juta', 'miliar', 'triliun'] as const;

/** Largest amount spelt: just under a thousand trillion (Rp 999.999.999.999.999). */
export const TERBILANG_MAX: Rupiah = 10n ** 15n - 1n;

function belowThousand(n: number): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 1) words.push('seratus');
  else if (hundreds > 1) words.push(UNITS[hundreds]!, 'ratus');
  if (rest === 10) words.push('sepuluh');
  else if (rest === 11) words.push('sebelas');
  else if (rest > 11 && rest < 20) words.push(UNITS[rest - 10]!, 'belas');
  else {
    const tens = Math.floor(rest / 10);
    const ones = rest % 10;
    if (tens > 1) words.push(UNITS[tens]!, 'puluh');
    if (ones > 0) words.push(UNITS[ones]!);
  }
  return words;
}

/** The number in words, without "rupiah": 1_500 → "seribu lima ratus". */
export function numberInWords(amount: Rupiah): string {
  if (amount < 0n) throw new DomainError('BAD_USER_INPUT', 'An amount in words cannot be negative.', 'amount');
  if (amount > TERBILANG_MAX) throw new DomainError('BAD_USER_INPUT', 'The amount is too large to spell (a thousand trillion or more).', 'amount');
  if (amount === 0n) return 'nol';
  const groups: number[] = [];
  for (let rest = amount; rest > 0n; rest /= 1000n) groups.push(Number(rest % 1000n));
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    if (i === 1 && g === 1) words.push('seribu');
    else words.push(...belowThousand(g), ...(i > 0 ? [SCALES[i]!] : []));
  }
  return words.join(' ');
}

/** "empat puluh dua juta rupiah". */
export function terbilang(amount: Rupiah): string {
  return `${numberInWords(amount)} rupiah`;
}
