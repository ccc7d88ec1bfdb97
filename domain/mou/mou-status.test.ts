import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import {
  enrolmentCoverage,
  isInForce,
  mouNumber,
  mouReminderDates,
  mouStatusOn,
  renewMou,
  signMou,
  terminateMou,
  validateReminderOffsets,
  type MouLike,
  type MouParty,
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
  const unsigned = { ...draft, signed: [] as MouParty[] };

  it('needs both parties, in either order, each once; signed before the term → SIGNED, within it → ACTIVE', () => {
    expect(signMou(unsigned, 'BPJS', '2025-12-10', '2025-12-10')).toBe('AWAITING_SIGNATURES');
    expect(signMou({ ...unsigned, status: 'AWAITING_SIGNATURES', signed: ['BPJS'] }, 'CITY', '2025-12-11', '2025-12-11')).toBe('SIGNED');
    expect(signMou({ ...unsigned, status: 'AWAITING_SIGNATURES', signed: ['CITY'] }, 'BPJS', '2026-01-05', '2026-02-01')).toBe('ACTIVE');
    expect(thrown(() => signMou({ ...unsigned, status: 'AWAITING_SIGNATURES', signed: ['CITY'] }, 'CITY', '2026-01-05', '2026-02-01'))).toMatchObject({
      code: 'CONFLICT',
      field: 'party',
      message: 'The city has already signed this MoU; each party signs once.',
    });
  });

  it('refuses signing outside a draft, in the future, or after the term ended', () => {
    expect(thrown(() => signMou({ ...unsigned, status: 'ACTIVE' }, 'CITY', '2026-02-01', '2026-02-01'))).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'This MoU is active; only a draft can be signed.',
    });
    expect(thrown(() => signMou(unsigned, 'CITY', '2026-02-02', '2026-02-01'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'signedOn' });
    expect(thrown(() => signMou(unsigned, 'CITY', '2027-01-01', '2027-01-01'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validTo' });
  });

  it('renews only an MoU in force, terminates anything not yet over, with a reason', () => {
    const active: MouLike = { ...draft, status: 'ACTIVE' };
    expect(renewMou(active, '2026-10-01')).toBe('RENEWED');
    expect(renewMou({ ...active, status: 'RENEWAL_DUE' }, '2026-12-31')).toBe('RENEWED');
    expect(thrown(() => renewMou({ ...active, status: 'EXPIRED' }, '2027-01-02')).code).toBe('INVALID_TRANSITION');
    expect(thrown(() => renewMou({ ...active, status: 'TERMINATED' }, '2026-05-01')).code).toBe('INVALID_TRANSITION');
    expect(thrown(() => renewMou({ ...active, status: 'RENEWED' }, '2026-05-01')).message).toBe('This MoU has already been renewed; only an active MoU can be renewed.');
    expect(terminateMou(active, 'APBD cut')).toBe('TERMINATED');
    expect(terminateMou(draft, 'not pursued')).toBe('TERMINATED');
    expect(thrown(() => terminateMou(active, '  ')).field).toBe('reason');
    expect(thrown(() => terminateMou({ ...active, status: 'EXPIRED' }, 'x')).code).toBe('INVALID_TRANSITION');
    expect(isInForce('RENEWED')).toBe(true);
    expect(isInForce('SIGNED')).toBe(false);
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
    expect(validateReminderOffsets([7, 90, 7, 30])).toEqual([90, 30, 7]);
    expect(thrown(() => validateReminderOffsets([0])).field).toBe('reminderOffsetsDays');
    expect(thrown(() => validateReminderOffsets([])).field).toBe('reminderOffsetsDays');
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
