import { describe, expect, it } from 'vitest';
import { coverageOn, lastDayAfterDeath, standingOn, withStandingFrom, type EnrolmentHistory, type StatusPeriod } from './enrolment-status.js';

const active: StatusPeriod[] = [{ status: 'ACTIVE', from: '2026-01-01', to: null }];
const metro: EnrolmentHistory = { id: 'metro-2026', coverageFrom: '2026-01-01', coverageTo: '2026-12-31', status: 'ACTIVE', endReason: null, periods: active };

describe('standing periods', () => {
  it('arrears from a day: the active period ends the day before, inactive runs to the end of coverage', () => {
    const inactive = withStandingFrom(active, '2026-04-01', 'INACTIVE');
    expect(inactive).toEqual([
      { status: 'ACTIVE', from: '2026-01-01', to: '2026-03-31' },
      { status: 'INACTIVE', from: '2026-04-01', to: null },
    ]);
    expect(standingOn({ periods: inactive! }, '2026-03-31')).toBe('ACTIVE');
    expect(standingOn({ periods: inactive! }, '2026-04-01')).toBe('INACTIVE');
  });

  it('is idempotent: the same change again, or inactive from a later day while already inactive, changes nothing', () => {
    const inactive = withStandingFrom(active, '2026-04-01', 'INACTIVE')!;
    expect(withStandingFrom(inactive, '2026-04-01', 'INACTIVE')).toBeNull();
    expect(withStandingFrom(inactive, '2026-05-01', 'INACTIVE')).toBeNull();
    expect(withStandingFrom(active, '2026-02-01', 'ACTIVE')).toBeNull();
  });

  it('paid arrears: active again from a day keeps the inactive months in history; from the inactive start it erases them', () => {
    const inactive = withStandingFrom(active, '2026-04-01', 'INACTIVE')!;
    expect(withStandingFrom(inactive, '2026-07-01', 'ACTIVE')).toEqual([
      { status: 'ACTIVE', from: '2026-01-01', to: '2026-03-31' },
      { status: 'INACTIVE', from: '2026-04-01', to: '2026-06-30' },
      { status: 'ACTIVE', from: '2026-07-01', to: null },
    ]);
    expect(withStandingFrom(inactive, '2026-04-01', 'ACTIVE')).toEqual(active);
  });

  it('arrears from the first day of coverage leave no active period', () => {
    expect(withStandingFrom(active, '2026-01-01', 'INACTIVE')).toEqual([{ status: 'INACTIVE', from: '2026-01-01', to: null }]);
  });
});

describe('coverage on a day, over a person’s enrolments', () => {
  const renewed: EnrolmentHistory = { ...metro, status: 'ENDED', endReason: 'MOU_RENEWED' };
  const successor: EnrolmentHistory = {
    id: 'metro-2027',
    coverageFrom: '2027-01-01',
    coverageTo: '2027-12-31',
    status: 'ACTIVE',
    endReason: null,
    periods: [{ status: 'ACTIVE', from: '2027-01-01', to: null }],
  };

  it('finds the enrolment that covered the day, across a renewal', () => {
    expect(coverageOn([renewed, successor], '2026-06-15')).toMatchObject({ covered: true, reason: null, statusOnDate: 'ACTIVE', enrolment: { id: 'metro-2026' } });
    expect(coverageOn([renewed, successor], '2027-06-15')).toMatchObject({ covered: true, enrolment: { id: 'metro-2027' } });
  });

  it('names the reason it did not: BEFORE_START, ENDED, INACTIVE_ARREARS, NOT_ENROLLED', () => {
    expect(coverageOn([metro], '2025-12-31')).toMatchObject({ covered: false, reason: 'BEFORE_START', statusOnDate: null });
    expect(coverageOn([{ ...metro, status: 'ENDED', endReason: 'MOVED', coverageTo: '2026-05-31' }], '2026-06-01')).toMatchObject({
      covered: false,
      reason: 'ENDED',
      statusOnDate: 'ENDED',
      message: 'Coverage ended on 2026-05-31 (the person moved), before 2026-06-01.',
    });
    const arrears = { ...metro, status: 'INACTIVE' as const, periods: withStandingFrom(active, '2026-04-01', 'INACTIVE')! };
    expect(coverageOn([arrears], '2026-04-15')).toMatchObject({ covered: false, reason: 'INACTIVE_ARREARS', statusOnDate: 'INACTIVE' });
    expect(coverageOn([arrears], '2026-03-15')).toMatchObject({ covered: true });
    expect(coverageOn([], '2026-03-15')).toMatchObject({ covered: false, reason: 'NOT_ENROLLED', enrolment: null });
  });

  it('a gap between two enrolments is ENDED, with the earlier one', () => {
    const early = { ...metro, status: 'ENDED' as const, endReason: 'WITHDRAWN' as const, coverageTo: '2026-03-31' };
    const later = { ...metro, id: 'later', coverageFrom: '2026-06-01' };
    expect(coverageOn([early, later], '2026-05-01')).toMatchObject({ reason: 'ENDED', enrolment: { id: 'metro-2026' } });
  });
});

describe('the last covered day after a death', () => {
  it('is the day of death; an enrolment not yet begun ends the day before its start; one over before the death stays', () => {
    expect(lastDayAfterDeath(metro, '2026-08-17')).toBe('2026-08-17');
    expect(lastDayAfterDeath({ ...metro, coverageFrom: '2027-01-01', coverageTo: '2027-12-31' }, '2026-08-17')).toBe('2026-12-31');
    expect(lastDayAfterDeath({ ...metro, status: 'ENDED', coverageTo: '2026-05-31' }, '2026-08-17')).toBeNull();
    expect(lastDayAfterDeath({ ...metro, status: 'ENDED', coverageTo: '2026-12-31' }, '2026-08-17')).toBe('2026-08-17');
  });
});
