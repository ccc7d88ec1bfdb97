import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { formatRupiah, parseRupiah, sumRupiah } from './money.js';

describe('parseRupiah', () => {
  it('reads whole rupiah beyond 32-bit and float-safe range', () => {
    expect(parseRupiah('42000000')).toBe(42_000_000n);
    expect(parseRupiah('71549275792')).toBe(71_549_275_792n);
    expect(parseRupiah('90071992547409930')).toBe(90_071_992_547_409_930n);
    expect(parseRupiah(' 0 ')).toBe(0n);
  });

  it.each([
    ['42000000.50', 'without separators or decimals'],
    ['42.000.000', 'without separators or decimals'],
    ['-5000', 'cannot be negative'],
    ['Rp 5000', 'digits only'],
    ['1e6', 'digits only'],
    ['', 'empty'],
  ])('rejects %j with a readable reason', (text, why) => {
    const e = (() => {
      try {
        parseRupiah(text, 'budget');
      } catch (err) {
        return err;
      }
      throw new Error('expected parseRupiah to throw');
    })();
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'budget' });
    expect((e as DomainError).message).toContain(why);
  });
});

describe('formatRupiah', () => {
  it('groups thousands with dots', () => {
    expect(formatRupiah(42_000_000n)).toBe('Rp 42.000.000');
    expect(formatRupiah(1_708_963_200n)).toBe('Rp 1.708.963.200');
    expect(formatRupiah(16_800n)).toBe('Rp 16.800');
    expect(formatRupiah(500n)).toBe('Rp 500');
    expect(formatRupiah(0n)).toBe('Rp 0');
    expect(formatRupiah(-5_000n)).toBe('-Rp 5.000');
  });
});

describe('sumRupiah', () => {
  it('adds exactly where numbers would lose precision', () => {
    expect(sumRupiah([])).toBe(0n);
    expect(sumRupiah([9_007_199_254_740_993n, 1n])).toBe(9_007_199_254_740_994n);
  });
});
