import { describe, expect, it } from 'vitest';
import { BPU_RATE_TABLES } from './contributions/bpu.js';
import { JKM_BENEFIT_TABLES } from './benefits/jkm.js';
import { effectiveTableProblems, tableInForce } from './effective-dated.js';

describe('effective-dated tables', () => {
  const tables = [
    { validFrom: '2015-07-01', validTo: '2019-12-01', name: 'old' },
    { validFrom: '2019-12-02', name: 'new' },
  ];

  it('picks the table in force on a date, edges included', () => {
    expect(tableInForce(tables, '2015-06-30')).toBeUndefined();
    expect(tableInForce(tables, '2015-07-01')?.name).toBe('old');
    expect(tableInForce(tables, '2019-12-01')?.name).toBe('old');
    expect(tableInForce(tables, '2019-12-02')?.name).toBe('new');
    expect(tableInForce(tables, '2090-01-01')?.name).toBe('new');
  });

  it('finds gaps, overlaps and open-ended tables that are followed', () => {
    expect(effectiveTableProblems(tables)).toEqual([]);
    expect(effectiveTableProblems([{ validFrom: '2015-07-01', validTo: '2019-11-30' }, { validFrom: '2019-12-02' }])).toEqual([
      'Table 2 should start on 2019-12-01, the day after table 1 ends; it starts on 2019-12-02.',
    ]);
    expect(effectiveTableProblems([{ validFrom: '2015-07-01' }, { validFrom: '2019-12-02' }])).toEqual(['Table 1 has no end date but table 2 follows it.']);
    expect(effectiveTableProblems([{ validFrom: '2020-01-01', validTo: '2019-01-01' }])).toEqual(['Table 1 ends (2019-01-01) before it starts (2020-01-01).']);
  });

  it('holds for the shipped benefit and rate tables', () => {
    expect(effectiveTableProblems(JKM_BENEFIT_TABLES)).toEqual([]);
    expect(effectiveTableProblems(BPU_RATE_TABLES)).toEqual([]);
  });
});
