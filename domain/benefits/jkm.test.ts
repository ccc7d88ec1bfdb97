import { describe, expect, it } from 'vitest';
import { JKM_BENEFIT_TABLES, jkmBenefitFor, jkmScholarshipFor, type JkmBenefitTable } from './jkm.js';

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
      { ...JKM_BENEFIT_TABLES[1]!, validTo: '2026-12-31' },
      { ...JKM_BENEFIT_TABLES[1]!, id: 'JKM/PP-99-2026', validFrom: '2027-01-01', regulation: 'PP 99/2026', lumpSum: 25_000_000n, periodic: 12_000_000n, funeral: 11_000_000n },
    ];
    expect(jkmBenefitFor('2026-12-31', tables).total).toBe(42_000_000n);
    expect(jkmBenefitFor('2027-01-01', tables)).toMatchObject({ regulation: 'PP 99/2026', ruleVersion: 'JKM/PP-99-2026', total: 48_000_000n });
  });
});

describe('jkmScholarshipFor', () => {
  const kids = [
    { name: 'Rina', birthDate: '2014-05-01', level: 'SMP' as const },
    { name: 'Sari', birthDate: '2018-02-01', level: 'TK_SD' as const, yearsDone: 1 },
    { name: 'Tono', birthDate: '2020-02-01', level: 'TK_SD' as const },
  ];

  it.each([
    ['exactly 3 years of membership qualifies', '2023-03-14', '2026-03-14', true],
    ['one day short of 3 years does not', '2023-03-15', '2026-03-14', false],
  ])('%s', (_, membershipFrom, incidentDate, entitled) => {
    const s = jkmScholarshipFor({ incidentDate, membershipFrom, children: kids });
    expect(s.entitled).toBe(entitled);
    expect(s.ruleVersion).toBe('JKM/PP-82-2019');
    if (!entitled) expect(s.reason).toMatch(/needs 3 years \(from 2026-03-15\)/);
  });

  it('pays at most two children, the eldest first, year by year through their levels until 23', () => {
    const s = jkmScholarshipFor({ incidentDate: '2026-03-14', membershipFrom: '2020-01-01', children: kids });
    expect(new Set(s.schedule.map((p) => p.child))).toEqual(new Set(['Rina', 'Sari']));
    const rina = s.schedule.filter((p) => p.child === 'Rina');
    // SMP 3 years (2 m), SMA 3 years (3 m), university 5 years (12 m) — she is 22 on 1 July 2036.
    expect(rina.map((p) => [p.schoolYear, p.level, p.amount])).toEqual([
      [2026, 'SMP', 2_000_000n],
      [2027, 'SMP', 2_000_000n],
      [2028, 'SMP', 2_000_000n],
      [2029, 'SMA', 3_000_000n],
      [2030, 'SMA', 3_000_000n],
      [2031, 'SMA', 3_000_000n],
      [2032, 'UNIVERSITY', 12_000_000n],
      [2033, 'UNIVERSITY', 12_000_000n],
      [2034, 'UNIVERSITY', 12_000_000n],
      [2035, 'UNIVERSITY', 12_000_000n],
      [2036, 'UNIVERSITY', 12_000_000n],
    ]);
    const sari = s.schedule.filter((p) => p.child === 'Sari');
    expect(sari.filter((p) => p.level === 'TK_SD')).toHaveLength(7);
    expect(s.total).toBe(s.schedule.reduce((a, p) => a + p.amount, 0n));
  });

  it('stops a child at 23', () => {
    const s = jkmScholarshipFor({ incidentDate: '2026-03-14', membershipFrom: '2020-01-01', children: [{ name: 'Ayu', birthDate: '2004-08-01', level: 'UNIVERSITY' }] });
    // 21 on 1 July 2026, 22 in 2027, 23 in 2028 (not paid).
    expect(s.schedule.map((p) => p.schoolYear)).toEqual([2026, 2027]);
  });

  it('uses the older rules for a death before 2 Dec 2019: one child, 5 years of membership', () => {
    expect(jkmScholarshipFor({ incidentDate: '2019-12-01', membershipFrom: '2016-01-01', children: kids }).entitled).toBe(false);
    const old = jkmScholarshipFor({ incidentDate: '2019-12-01', membershipFrom: '2014-11-01', children: [{ name: 'Rina', birthDate: '2014-05-01', level: 'TK_SD' }] });
    expect(old).toMatchObject({ entitled: true, ruleVersion: 'JKM/PP-44-2015', total: 12_000_000n });
  });
});
