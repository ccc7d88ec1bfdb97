import { describe, expect, it } from 'vitest';
import { heirShares, splitByShares } from './heirs.js';

const h = (name: string, relationship: 'SPOUSE' | 'CHILD' | 'PARENT' | 'SIBLING', share?: number) => ({ name, relationship, phone: null, share });

describe('heirs in legal order', () => {
  it('splits Rp 42,000,000 equally between a spouse and two children, to the rupiah', () => {
    const shares = heirShares([h('Budi', 'SPOUSE'), h('Rina', 'CHILD'), h('Sari', 'CHILD')]);
    expect(splitByShares(42_000_000n, shares)).toEqual([14_000_000n, 14_000_000n, 14_000_000n]);
    const parts = splitByShares(10_000_001n, shares);
    expect(parts).toEqual([3_333_335n, 3_333_333n, 3_333_333n]);
    expect(parts.reduce((a, b) => a + b)).toBe(10_000_001n);
  });

  it('takes explicit shares that add up to 100%', () => {
    expect(splitByShares(42_000_000n, heirShares([h('Budi', 'SPOUSE', 6000), h('Rina', 'CHILD', 4000)]))).toEqual([25_200_000n, 16_800_000n]);
    expect(() => heirShares([h('Budi', 'SPOUSE', 5000), h('Rina', 'CHILD', 4000)])).toThrow(/add up to 90%/);
    expect(() => heirShares([h('Budi', 'SPOUSE', 5000), h('Rina', 'CHILD')])).toThrow(/for every heir, or for none/);
  });

  it('refuses a later-order heir next to an earlier one, with reason HEIR_ORDER', () => {
    try {
      heirShares([h('Budi', 'SPOUSE'), h('Pak Hasan', 'PARENT')]);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'NOT_ELIGIBLE', field: 'heirs', details: { reason: 'HEIR_ORDER' } });
    }
    expect(heirShares([h('Pak Hasan', 'PARENT'), h('Bu Hasan', 'PARENT')])).toHaveLength(2);
  });
});
