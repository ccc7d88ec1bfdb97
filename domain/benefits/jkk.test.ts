import { describe, expect, it } from 'vitest';
import { jkkBenefitFor, type JkkFacts } from './jkk.js';

const INCOME = 1_000_000n;
const base: JkkFacts = { incidentDate: '2026-03-14', declaredMonthlyIncome: INCOME, outcome: 'RECOVERED' };
const amounts = (facts: Partial<JkkFacts>) => jkkBenefitFor({ ...base, ...facts }).components.map((c) => [c.code, c.amount]);

describe('jkkBenefitFor', () => {
  it.each([
    [1, [['TEMPORARY_INCAPACITY', 1_000_000n]]],
    [12, [['TEMPORARY_INCAPACITY', 12_000_000n]]],
    [
      13,
      [
        ['TEMPORARY_INCAPACITY', 12_000_000n],
        ['TEMPORARY_INCAPACITY', 500_000n],
      ],
    ],
    [
      18,
      [
        ['TEMPORARY_INCAPACITY', 12_000_000n],
        ['TEMPORARY_INCAPACITY', 3_000_000n],
      ],
    ],
  ] as const)('pays %i months of incapacity at 100% for months 1–12, then 50%', (months, expected) => {
    expect(amounts({ incapacityMonths: months })).toEqual(expected);
  });

  it('used 100/75/50% steps before 2 Dec 2019 (rule change date)', () => {
    const old = jkkBenefitFor({ ...base, incidentDate: '2019-12-01', incapacityMonths: 13 });
    expect(old.ruleVersion).toBe('JKK/PP-44-2015');
    expect(old.components.map((c) => c.amount)).toEqual([6_000_000n, 4_500_000n, 500_000n]);
    expect(jkkBenefitFor({ ...base, incidentDate: '2019-12-02', incapacityMonths: 13 }).total).toBe(12_500_000n);
  });

  it('reimburses medical receipts in full and transport up to each ceiling', () => {
    const b = jkkBenefitFor({
      ...base,
      medicalReceipts: [35_000_000n, 2_500_000n],
      transportReceipts: [
        { mode: 'LAND', amount: 3_000_000n },
        { mode: 'LAND', amount: 2_500_000n },
        { mode: 'AIR', amount: 4_000_000n },
      ],
    });
    expect(b.components.map((c) => [c.code, c.amount])).toEqual([
      ['MEDICAL', 37_500_000n],
      ['TRANSPORT', 5_000_000n],
      ['TRANSPORT', 4_000_000n],
    ]);
    expect(b.components[1]!.basis).toBe('Rp 5.500.000 claimed, ceiling Rp 5.000.000');
  });

  it('pays permanent partial disability as table % × 80 × declared income', () => {
    const b = jkkBenefitFor({ ...base, declaredMonthlyIncome: 2_500_000n, outcome: 'PARTIAL_DISABILITY', disabilities: ['ONE_EYE'], incapacityMonths: 12 });
    expect(b.components.map((c) => [c.code, c.amount])).toEqual([
      ['TEMPORARY_INCAPACITY', 30_000_000n],
      ['PARTIAL_DISABILITY', 70_000_000n], // 35% × 80 × 2.5 m
    ]);
    expect(b.total).toBe(100_000_000n);
    expect(() => jkkBenefitFor({ ...base, outcome: 'PARTIAL_DISABILITY', disabilities: ['NOSE'] })).toThrow(/"NOSE" is not in the disability table/);
    expect(() => jkkBenefitFor({ ...base, outcome: 'PARTIAL_DISABILITY' })).toThrow(/Name the disability/);
  });

  it('pays total permanent disability as 56 × income plus the periodic benefit', () => {
    expect(amounts({ outcome: 'TOTAL_DISABILITY', declaredMonthlyIncome: 2_000_000n })).toEqual([
      ['TOTAL_DISABILITY', 112_000_000n],
      ['PERIODIC', 12_000_000n],
    ]);
  });

  it.each([
    ['below the floor the JKM lump sum is paid', 400_000n, 20_000_000n],
    ['exactly at the floor', 416_666n, 20_000_000n], // 48 × 416,666 = 19,999,968 → floor
    ['just above the floor', 416_667n, 20_000_016n],
    ['well above', 5_000_000n, 240_000_000n],
  ])('work-accident death is 48 × income with the JKM lump sum as floor: %s', (_, income, death) => {
    const b = jkkBenefitFor({ ...base, outcome: 'DEATH', declaredMonthlyIncome: income });
    expect(b.components.map((c) => [c.code, c.amount])).toEqual([
      ['WORK_DEATH', death],
      ['FUNERAL', 10_000_000n],
      ['PERIODIC', 12_000_000n],
    ]);
    expect(b.total).toBe(death + 22_000_000n);
  });

  it('refuses a missing declared income, negative receipts and impossible months', () => {
    expect(() => jkkBenefitFor({ ...base, declaredMonthlyIncome: 0n })).toThrow(/declares no monthly income/);
    expect(() => jkkBenefitFor({ ...base, medicalReceipts: [-1n] })).toThrow(/negative/);
    expect(() => jkkBenefitFor({ ...base, incapacityMonths: 1.5 })).toThrow(/whole number/);
    expect(() => jkkBenefitFor({ ...base, incidentDate: '2015-06-30' })).toThrow(/No JKK benefit rules/);
  });
});
