import { describe, expect, it } from 'vitest';
import { currentClock, slaCountdown } from './slaCountdown.js';

const clock = { step: 'PAYMENT', dueOn: '2026-02-12', metOn: null, risk: 'ON_TRACK' as const };
// Monday 9 Feb 2026, 10:00 WIB (03:00 UTC).
const monday = new Date('2026-02-09T03:00:00Z');

describe('the SLA countdown on the city’s calendar', () => {
  it('counts working days left, skipping weekends and the city’s days off', () => {
    expect(slaCountdown(clock, monday, 'Asia/Jakarta', new Set())).toEqual({ kind: 'daysLeft', workingDays: 3, dueOn: '2026-02-12' });
    expect(slaCountdown(clock, monday, 'Asia/Jakarta', new Set(['2026-02-11']))).toEqual({ kind: 'daysLeft', workingDays: 2, dueOn: '2026-02-12' });
    // Friday 6 Feb → Thursday 12 Feb: Mon, Tue, Wed, Thu.
    expect(slaCountdown(clock, new Date('2026-02-06T03:00:00Z'), 'Asia/Jakarta', new Set()).kind === 'daysLeft').toBe(true);
    expect(slaCountdown(clock, new Date('2026-02-06T03:00:00Z'), 'Asia/Jakarta', new Set())).toMatchObject({ workingDays: 4 });
  });

  it('counts hours on the due day, in the city’s zone (WIT is two hours ahead of WIB)', () => {
    const dueDay = new Date('2026-02-12T10:00:00Z'); // 17:00 WIB, 19:00 WIT
    expect(slaCountdown(clock, dueDay, 'Asia/Jakarta', new Set())).toEqual({ kind: 'hoursLeft', hours: 7, dueOn: '2026-02-12' });
    expect(slaCountdown(clock, dueDay, 'Asia/Jayapura', new Set())).toEqual({ kind: 'hoursLeft', hours: 5, dueOn: '2026-02-12' });
    // 16:30 UTC on the 11th is already the 12th in Jayapura (01:30 WIT), still 23:30 on the 11th in Jakarta.
    expect(slaCountdown(clock, new Date('2026-02-11T16:30:00Z'), 'Asia/Jayapura', new Set())).toMatchObject({ kind: 'hoursLeft', hours: 23 });
    expect(slaCountdown(clock, new Date('2026-02-11T16:30:00Z'), 'Asia/Jakarta', new Set())).toMatchObject({ kind: 'daysLeft', workingDays: 1 });
  });

  it('says how many working days a clock is overdue, and whether a met one was on time', () => {
    expect(slaCountdown(clock, new Date('2026-02-16T03:00:00Z'), 'Asia/Jakarta', new Set())).toEqual({ kind: 'overdue', workingDays: 2, dueOn: '2026-02-12' });
    expect(slaCountdown({ ...clock, metOn: '2026-02-11' }, monday, 'Asia/Jakarta', new Set())).toEqual({ kind: 'met', onTime: true, metOn: '2026-02-11' });
    expect(slaCountdown({ ...clock, metOn: '2026-02-13' }, monday, 'Asia/Jakarta', new Set())).toMatchObject({ kind: 'met', onTime: false });
  });

  it('shows the earliest running clock, else the payment clock', () => {
    const verification = { step: 'VERIFICATION', dueOn: '2026-02-10', metOn: '2026-02-09', risk: 'MET' as const };
    expect(currentClock([verification, clock])).toBe(clock);
    expect(currentClock([verification, { ...clock, metOn: '2026-02-11' }])?.step).toBe('PAYMENT');
    expect(currentClock([])).toBeNull();
  });
});
