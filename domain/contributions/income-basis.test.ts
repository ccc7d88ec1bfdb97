import { describe, expect, it } from 'vitest';
import { contributionForIncome, incomeBasis, type IncomeBasisTable } from './income-basis.js';

describe('the BPU income basis and the contribution it implies', () => {
  it('is the city package at the default income: JKK Rp 10,000 + JKM Rp 6,800', () => {
    expect(contributionForIncome(['JKK', 'JKM'], 1_000_000n, '2026-01-15').total).toBe(16_800n);
    expect(contributionForIncome(['JKM'], 5_000_000n, '2026-01-15').total).toBe(6_800n);
  });

  it('charges JKK at 1% of the basis, held between Rp 1,000,000 and Rp 20,700,000', () => {
    expect(incomeBasis(600_000n, '2026-01-15')).toBe(1_000_000n);
    expect(contributionForIncome(['JKK', 'JKM'], 2_500_000n, '2026-01-15').total).toBe(31_800n);
    expect(contributionForIncome(['JKK'], 50_000_000n, '2026-01-15').total).toBe(207_000n);
  });

  it('uses bracket rows when the table has them', () => {
    const table: IncomeBasisTable = {
      validFrom: '2015-07-01',
      regulation: 'test',
      minBasis: 1_000_000n,
      maxBasis: 20_700_000n,
      jkkBasisPoints: 100n,
      brackets: [{ from: 1_000_001n, basis: 1_500_000n }],
    };
    expect(incomeBasis(1_200_000n, '2026-01-15', [table])).toBe(1_500_000n);
  });

  it('refuses an income of zero or less', () => {
    expect(() => incomeBasis(0n, '2026-01-15')).toThrow('must be more than Rp 0');
  });
});
