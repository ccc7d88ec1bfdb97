import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { applyAddendum, defaultMonthlyContribution, termsAsOf, validateTerms, type MouTerms, type TermsVersion } from './mou-terms.js';

function refusal(f: () => unknown): { code: string; field: string | undefined; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, field: e.field, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

const sorong: MouTerms = {
  validFrom: '2026-03-01',
  validTo: '2027-12-31',
  programs: ['JKK', 'JKM'],
  jht: false,
  quota: 20_000,
  groups: [
    { group: 'RT_RW_HEAD', quota: 12_000, monthlyContribution: 16_800n },
    { group: 'RELIGIOUS_TEACHER', quota: 8_000, monthlyContribution: 16_800n },
  ],
  budgetLines: [
    { fiscalYear: 2026, amount: 2_200_000_000n, apbdReference: 'DPA-2026/BPKAD/001' },
    { fiscalYear: 2027, amount: 4_000_000_000n, apbdReference: null },
  ],
};

describe('MoU terms', () => {
  it('accepts sound terms and prices the standard package at Rp 16,800 (Rp 36,800 with JHT)', () => {
    expect(() => validateTerms(sorong)).not.toThrow();
    expect(defaultMonthlyContribution(['JKK', 'JKM'], false, '2026-03-01')).toBe(16_800n);
    expect(defaultMonthlyContribution(['JKK', 'JKM'], true, '2026-03-01')).toBe(36_800n);
  });

  it.each([
    [{ validTo: '2026-02-01' }, 'validTo'],
    [{ quota: 0 }, 'quota'],
    [{ quota: 20_001 }, 'quota'],
    [{ programs: [] }, 'programs'],
    [{ groups: [] }, 'groups'],
    [{ groups: [{ group: 'ASTRONAUT', quota: 20_000, monthlyContribution: 1n }] }, 'groups[0].group'],
    [{ groups: [...sorong.groups, { group: 'RT_RW_HEAD', quota: 1, monthlyContribution: 1n }] }, 'groups[2].group'],
    [{ groups: [{ group: 'RT_RW_HEAD', quota: 20_000, monthlyContribution: -5n }] }, 'groups[0].monthlyContribution'],
    [{ budgetLines: [] }, 'budgetLines'],
    [{ budgetLines: [{ fiscalYear: 2028, amount: 1n, apbdReference: null }] }, 'budgetLines[0].fiscalYear'],
    [{ budgetLines: [{ fiscalYear: 2025, amount: 1n, apbdReference: null }] }, 'budgetLines[0].fiscalYear'],
    [{ budgetLines: [{ fiscalYear: 2026, amount: 0n, apbdReference: null }] }, 'budgetLines[0].amount'],
    [{ budgetLines: [{ fiscalYear: 2026, amount: -1n, apbdReference: null }] }, 'budgetLines[0].amount'],
  ] as [Partial<MouTerms>, string][])('refuses bad terms, naming the field (%#: %s)', (change, field) => {
    expect(refusal(() => validateTerms({ ...sorong, ...change }))).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('says which fiscal years the term covers when a budget line is outside it', () => {
    expect(refusal(() => validateTerms({ ...sorong, budgetLines: [{ fiscalYear: 2028, amount: 1n, apbdReference: null }] })).message).toBe(
      "Fiscal year 2028 is outside the MoU's term (2026-03-01 to 2027-12-31, fiscal years 2026–2027).",
    );
  });
});

describe('addenda and the terms as of a date', () => {
  const original: TermsVersion = { ...sorong, version: 1, effectiveFrom: '2026-03-01', kind: 'ORIGINAL', reason: null };
  const inUse = { total: 11_000, byGroup: { RT_RW_HEAD: 9_000, RELIGIOUS_TEACHER: 2_000 } };

  it('raises a group quota from its effective date; the old terms stay readable as of their dates', () => {
    const addendum = applyAddendum(
      original,
      { effectiveFrom: '2026-07-01', reason: 'Addendum I: more RT/RW heads', quota: 23_000, groups: [{ group: 'RT_RW_HEAD', quota: 15_000, monthlyContribution: 16_800n }] },
      '2026-06-15',
      inUse,
    );
    expect(addendum).toMatchObject({ version: 2, kind: 'ADDENDUM', quota: 23_000, validTo: '2027-12-31' });
    expect(addendum.groups).toEqual([{ group: 'RT_RW_HEAD', quota: 15_000, monthlyContribution: 16_800n }, sorong.groups[1]]);
    const versions = [original, addendum];
    expect(termsAsOf(versions, '2026-02-28')).toBeUndefined();
    expect(termsAsOf(versions, '2026-06-30')?.version).toBe(1);
    expect(termsAsOf(versions, '2026-07-01')?.version).toBe(2);
    expect(termsAsOf(versions, '2027-12-31')?.groups[0]?.quota).toBe(15_000);
  });

  it('extends the term and adds the new fiscal year’s budget line', () => {
    const next = applyAddendum(
      original,
      {
        effectiveFrom: '2026-06-15',
        reason: 'Addendum II: one more year',
        validTo: '2028-12-31',
        budgetLines: [{ fiscalYear: 2028, amount: 4_500_000_000n, apbdReference: null }],
      },
      '2026-06-15',
      inUse,
    );
    expect(next.budgetLines.map((b) => b.fiscalYear)).toEqual([2026, 2027, 2028]);
  });

  it('on the same day, the later version wins', () => {
    const same = applyAddendum(original, { effectiveFrom: '2026-03-01', reason: 'typo fixed', quota: 19_000 }, '2026-03-01', inUse);
    expect(termsAsOf([original, same], '2026-03-01')?.version).toBe(2);
  });

  it.each([
    [{ effectiveFrom: '2026-06-14' }, 'effectiveFrom'],
    [{ effectiveFrom: '2028-01-01' }, 'effectiveFrom'],
    [{ reason: ' ' }, 'reason'],
    [{ quota: undefined }, 'reason'],
    [{ quota: 10_999 }, 'quota'],
    [{ quota: 16_000, groups: [{ group: 'RT_RW_HEAD', quota: 8_999, monthlyContribution: 16_800n }] }, 'groups[0].quota'],
    [{ validTo: '2026-06-14' }, 'validTo'],
    [{ validTo: '2026-12-31' }, 'budgetLines[1].fiscalYear'],
  ] as [Record<string, unknown>, string][])('refuses a bad addendum, naming the field (%#)', (change, field) => {
    const base = { effectiveFrom: '2026-06-15', reason: 'Addendum', quota: 19_000 };
    expect(refusal(() => applyAddendum(original, { ...base, ...change } as never, '2026-06-15', inUse))).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
