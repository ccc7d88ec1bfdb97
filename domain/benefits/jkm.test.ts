import { describe, expect, it } from 'vitest';
import { jkmBenefitFor, type JkmBenefitTable } from './jkm.js';

describe('jkmBenefitFor', () => {
  it('pays Rp 42,000,000 for a death in 2026 (PP 82/2019), as in the seed articles', () => {
    const b = jkmBenefitFor('2026-03-14');
    expect(b.program).toBe('JKM');
    expect(b.regulation).toBe('PP 82/2019');
    expect(b.components.map((c) => [c.code, c.amount])).toEqual([
      ['LUMP_SUM', 20_000_000n],
      ['PERIODIC', 12_000_000n],
      ['FUNERAL', 10_000_000n],
    ]);
    expect(b.total).toBe(42_000_000n);
  });

  it('uses the table in force on the date of death, switching on 2 Dec 2019', () => {
    expect(jkmBenefitFor('2019-12-02').total).toBe(42_000_000n);
    const before = jkmBenefitFor('2019-12-01');
    expect(before.regulation).toBe('PP 44/2015');
    expect(before.components.map((c) => c.amount)).toEqual([16_200_000n, 4_800_000n, 3_000_000n]);
    expect(before.total).toBe(24_000_000n);
  });

  it('refuses a date no table covers, and a malformed date', () => {
    expect(() => jkmBenefitFor('2015-06-30')).toThrow('No JKM benefit rules are on record for a death on 2015-06-30');
    expect(() => jkmBenefitFor('2026-02-30')).toThrow(/incidentDate 2026-02-30 is not a real date/);
  });

  it('takes the tables as data, so a new regulation needs no code change', () => {
    const tables: JkmBenefitTable[] = [
      { validFrom: '2019-12-02', validTo: '2026-12-31', regulation: 'PP 82/2019', lumpSum: 20_000_000n, periodic: 12_000_000n, funeral: 10_000_000n },
      { validFrom: '2027-01-01', regulation: 'PP 99/2026', lumpSum: 25_000_000n, periodic: 12_000_000n, funeral: 11_000_000n },
    ];
    expect(jkmBenefitFor('2026-12-31', tables).total).toBe(42_000_000n);
    expect(jkmBenefitFor('2027-01-01', tables)).toMatchObject({ regulation: 'PP 99/2026', total: 48_000_000n });
  });
});
