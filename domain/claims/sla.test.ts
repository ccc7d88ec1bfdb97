import { describe, expect, it } from 'vitest';
import { slaRisk, startSlaClock, workingDaysBetween } from './sla.js';

// 2026-03-19 (Thu) Nyepi and 2026-03-20 (Fri) Idul Fitri are days off; 21–22 March a weekend.
const HOLIDAYS = new Set(['2026-03-19', '2026-03-20']);
const JKM = { workingDays: 3, warnBefore: 1 };

describe('SLA clocks on the working-day calendar', () => {
  it('counts 3 working days across a weekend and a holiday', () => {
    // Documents complete on Wednesday 18 March: Mon 23, Tue 24, Wed 25.
    expect(startSlaClock('2026-03-18', JKM, HOLIDAYS)).toEqual({ startedOn: '2026-03-18', warnOn: '2026-03-24', dueOn: '2026-03-25' });
    // Without the holidays it would be due on Monday.
    expect(startSlaClock('2026-03-18', JKM, new Set()).dueOn).toBe('2026-03-23');
  });

  it('starts a clock begun on a day off from the next working day', () => {
    expect(startSlaClock('2026-03-21', JKM, HOLIDAYS).dueOn).toBe('2026-03-25');
  });

  it.each([
    ['2026-03-23', null, 'ON_TRACK'],
    ['2026-03-24', null, 'AT_RISK'],
    ['2026-03-25', null, 'AT_RISK'],
    ['2026-03-26', null, 'BREACHED'],
    ['2026-03-30', '2026-03-25', 'MET'],
    ['2026-03-30', '2026-03-26', 'BREACHED'],
  ] as const)('on %s (paid %s) the clock is %s', (today, paidOn, risk) => {
    expect(slaRisk(startSlaClock('2026-03-18', JKM, HOLIDAYS), today, paidOn)).toBe(risk);
  });

  it('measures working days taken', () => {
    expect(workingDaysBetween('2026-03-18', '2026-03-25', HOLIDAYS)).toBe(3);
    expect(workingDaysBetween('2026-03-18', '2026-03-18', HOLIDAYS)).toBe(0);
  });
});

describe('city time zones from region codes', () => {
  it.each([
    ['96.71', 'Asia/Jayapura'],
    ['92.71', 'Asia/Jayapura'],
    ['71.74', 'Asia/Makassar'],
    ['18.72', 'Asia/Jakarta'],
    ['61.71', 'Asia/Jakarta'],
  ])('%s is %s', async (code, zone) => {
    const { timeZoneOfRegion } = await import('./sla.js');
    expect(timeZoneOfRegion(code)).toBe(zone);
  });
});
