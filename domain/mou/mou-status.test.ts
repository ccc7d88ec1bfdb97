import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import {
  activateMou,
  enrolmentCoverage,
  expireMou,
  mouNumber,
  mouReminderDates,
  mouStatusOn,
  terminateMou,
  validateMouTerms,
  type MouLike,
  type MouTerms,
} from './mou-status.js';

const draft: MouLike = { status: 'DRAFT', validFrom: '2026-01-01', validTo: '2026-12-31' };

function thrown(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('MoU lifecycle', () => {
  it('activates a draft, even before it starts', () => {
    expect(activateMou(draft, '2025-12-15')).toBe('ACTIVE');
    expect(activateMou(draft, '2026-12-31')).toBe('ACTIVE');
  });

  it('activates only drafts', () => {
    const e = thrown(() => activateMou({ ...draft, status: 'ACTIVE' }, '2026-02-01'));
    expect(e).toMatchObject({ code: 'INVALID_TRANSITION', message: 'This MoU is already active; only a draft MoU can be activated.' });
    expect(thrown(() => activateMou({ ...draft, status: 'TERMINATED' }, '2026-02-01')).message).toBe(
      'This MoU was terminated; only a draft MoU can be activated.',
    );
  });

  it('will not activate a draft whose term has already ended', () => {
    const e = thrown(() => activateMou(draft, '2027-01-01'));
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validTo' });
    expect(e.message).toBe('This MoU ended on 2026-12-31, before today (2027-01-01); correct its end date before activating it.');
  });

  it('terminates and expires only active MoUs, expiry only after the end date', () => {
    const active: MouLike = { ...draft, status: 'ACTIVE' };
    expect(terminateMou(active)).toBe('TERMINATED');
    expect(thrown(() => terminateMou(draft)).code).toBe('INVALID_TRANSITION');
    expect(expireMou(active, '2027-01-01')).toBe('EXPIRED');
    expect(thrown(() => expireMou(active, '2026-12-31')).message).toBe('This MoU runs until 2026-12-31; it cannot expire on 2026-12-31.');
    expect(mouStatusOn(active, '2026-12-31')).toBe('ACTIVE');
    expect(mouStatusOn(active, '2027-01-01')).toBe('EXPIRED');
    expect(mouStatusOn(draft, '2027-01-01')).toBe('DRAFT');
  });

  it('schedules reminders 90/60/30/7 days before expiry', () => {
    expect(mouReminderDates('2026-12-31')).toEqual([
      { daysBefore: 90, date: '2026-10-02' },
      { daysBefore: 60, date: '2026-11-01' },
      { daysBefore: 30, date: '2026-12-01' },
      { daysBefore: 7, date: '2026-12-24' },
    ]);
    expect(mouReminderDates('2026-12-31', [7, 30, 7], '2026-12-02')).toEqual([{ daysBefore: 7, date: '2026-12-24' }]);
  });
});

describe('validateMouTerms', () => {
  const terms: MouTerms = { validFrom: '2026-01-01', validTo: '2026-12-31', budget: 1_708_963_200n, quota: 8477, programs: ['JKK', 'JKM'] };

  it('accepts sound terms', () => {
    expect(() => validateMouTerms(terms)).not.toThrow();
    expect(() => validateMouTerms({ ...terms, programs: ['JKM'] })).not.toThrow();
  });

  it.each([
    ['validTo', { validTo: '2026-01-01' }, 'validTo (2026-01-01) must be after validFrom (2026-01-01).'],
    ['validTo', { validTo: '2025-06-30' }, 'validTo (2025-06-30) must be after validFrom (2026-01-01).'],
    ['validFrom', { validFrom: '2026-02-30' }, 'validFrom 2026-02-30 is not a real date: February 2026 has 28 days.'],
    ['budget', { budget: 0n }, 'budget must be more than Rp 0.'],
    ['budget', { budget: -1n }, 'budget must be more than Rp 0.'],
    ['quota', { quota: 0 }, 'quota must be a whole number of participants above 0; got 0.'],
    ['quota', { quota: 12.5 }, 'quota must be a whole number of participants above 0; got 12.5.'],
    ['programs', { programs: [] }, 'programs must name at least one program (JKK or JKM).'],
    ['programs', { programs: ['JKM', 'JHT'] }, 'programs contains "JHT", which is not a program; use JKK or JKM.'],
    ['programs', { programs: ['JKM', 'JKM'] }, 'programs lists JKM more than once.'],
  ] as [string, Partial<MouTerms>, string][])('refuses bad %s, naming the field (case %#)', (field, change, message) => {
    const e = thrown(() => validateMouTerms({ ...terms, ...change }));
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field, message });
  });
});

describe('mouNumber', () => {
  it('formats the phone reference', () => {
    expect(mouNumber('18.72', 2026, 1)).toBe('MOU/1872/2026/0001');
    expect(mouNumber('9671', 2026, 42)).toBe('MOU/9671/2026/0042');
  });

  it('refuses bad parts', () => {
    expect(() => mouNumber('Metro', 2026, 1)).toThrow('regionCode must look like 18.72; got "Metro".');
    expect(() => mouNumber('18.72', 26, 1)).toThrow('year must have four digits; got 26.');
    expect(() => mouNumber('18.72', 2026, 0)).toThrow('sequence must be a whole number from 1; got 0.');
  });
});

describe('enrolmentCoverage', () => {
  it('covers from enrolment, not before the MoU starts, until the MoU ends', () => {
    expect(enrolmentCoverage(draft, '2026-03-10')).toEqual({ coverageFrom: '2026-03-10', coverageTo: '2026-12-31' });
    expect(enrolmentCoverage(draft, '2025-12-20')).toEqual({ coverageFrom: '2026-01-01', coverageTo: '2026-12-31' });
    expect(enrolmentCoverage(draft, '2026-12-31')).toEqual({ coverageFrom: '2026-12-31', coverageTo: '2026-12-31' });
  });

  it('refuses enrolment after the MoU ended', () => {
    const e = thrown(() => enrolmentCoverage(draft, '2027-01-02'));
    expect(e).toMatchObject({
      code: 'NOT_ELIGIBLE',
      field: 'enrolDate',
      message: 'The MoU ended on 2026-12-31, so no one can be enrolled under it on 2027-01-02.',
    });
  });
});
