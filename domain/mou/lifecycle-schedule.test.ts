import { describe, expect, it } from 'vitest';
import { dueSteps, nextWakeDate, type ScheduleFacts } from './lifecycle-schedule.js';

const signed: ScheduleFacts = {
  status: 'SIGNED',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  reminderOffsetsDays: [90, 60, 30, 7],
  escalationDaysBefore: 30,
  remindersSent: [],
  escalated: false,
};

describe('the MoU schedule', () => {
  it('activates on validFrom, not before', () => {
    expect(nextWakeDate(signed)).toBe('2026-01-01');
    expect(dueSteps(signed, '2025-12-31').steps).toEqual([]);
    const { steps, facts } = dueSteps(signed, '2026-01-01');
    expect(steps).toEqual([{ kind: 'ACTIVATE' }]);
    expect(facts.status).toBe('ACTIVE');
    // The renewal window opens 90 days before 31 December.
    expect(nextWakeDate(facts)).toBe('2026-10-02');
  });

  it('opens the renewal window with the first reminder, then reminds at each offset and escalates 30 days before', () => {
    let { steps, facts } = dueSteps({ ...signed, status: 'ACTIVE' }, '2026-10-02');
    expect(steps).toEqual([{ kind: 'RENEWAL_DUE' }, { kind: 'REMIND', daysBefore: 90, passedOver: [] }]);
    expect(nextWakeDate(facts)).toBe('2026-11-01');
    ({ steps, facts } = dueSteps(facts, '2026-11-01'));
    expect(steps).toEqual([{ kind: 'REMIND', daysBefore: 60, passedOver: [] }]);
    ({ steps, facts } = dueSteps(facts, '2026-12-01'));
    expect(steps).toEqual([{ kind: 'REMIND', daysBefore: 30, passedOver: [] }, { kind: 'ESCALATE' }]);
    expect(nextWakeDate(facts)).toBe('2026-12-24');
    ({ steps, facts } = dueSteps(facts, '2026-12-24'));
    expect(steps).toEqual([{ kind: 'REMIND', daysBefore: 7, passedOver: [] }]);
    expect(nextWakeDate(facts)).toBe('2027-01-01');
    expect(dueSteps(facts, '2026-12-31').steps).toEqual([]);
    ({ steps, facts } = dueSteps(facts, '2027-01-01'));
    expect(steps).toEqual([{ kind: 'END' }]);
    expect(facts.status).toBe('EXPIRED');
    expect(nextWakeDate(facts)).toBeNull();
  });

  it('sends one reminder, not a burst, when several fell due while the MoU was not yet active', () => {
    // Signed late: activated 20 days before the end.
    const { steps, facts } = dueSteps({ ...signed, validFrom: '2026-12-11' }, '2026-12-11');
    expect(steps).toEqual([{ kind: 'ACTIVATE' }, { kind: 'RENEWAL_DUE' }, { kind: 'REMIND', daysBefore: 30, passedOver: [90, 60] }, { kind: 'ESCALATE' }]);
    expect([...facts.remindersSent].sort()).toEqual([30, 60, 90]);
  });

  it('stops reminding once renewed and ends the renewed term the day after validTo', () => {
    const renewed: ScheduleFacts = { ...signed, status: 'RENEWED', remindersSent: [90] };
    expect(nextWakeDate(renewed)).toBe('2027-01-01');
    expect(dueSteps(renewed, '2026-12-24').steps).toEqual([]);
    expect(dueSteps(renewed, '2027-01-01')).toMatchObject({ steps: [{ kind: 'END' }], facts: { status: 'RENEWED' } });
  });

  it('waits for people while unsigned, and after the end', () => {
    expect(nextWakeDate({ ...signed, status: 'AWAITING_SIGNATURES' })).toBeNull();
    expect(nextWakeDate({ ...signed, status: 'TERMINATED' })).toBeNull();
    expect(dueSteps({ ...signed, status: 'DRAFT' }, '2027-06-01').steps).toEqual([]);
  });

  it('handles leap years: a term ending 29 February 2028 reminds 7 days before on the 22nd', () => {
    const leap: ScheduleFacts = { ...signed, status: 'RENEWAL_DUE', validTo: '2028-02-29', remindersSent: [90, 60, 30], escalated: true };
    expect(nextWakeDate(leap)).toBe('2028-02-22');
    expect(nextWakeDate({ ...leap, remindersSent: [90, 60, 30, 7] })).toBe('2028-03-01');
  });
});
