import { describe, expect, it } from 'vitest';
import { assertIncidentNotInFuture, decideCoverage, type CoverageInput } from './coverage.js';

const enrolment: CoverageInput = { status: 'ACTIVE', coverageFrom: '2026-01-01', coverageTo: '2026-12-31', programs: ['JKK', 'JKM'] };

describe('decideCoverage', () => {
  it('covers an incident inside an active enrolment, edges included', () => {
    expect(decideCoverage(enrolment, { program: 'JKM', incidentDate: '2026-06-15' })).toEqual({ covered: true, reasons: [] });
    expect(decideCoverage(enrolment, { program: 'JKK', incidentDate: '2026-01-01' }).covered).toBe(true);
    expect(decideCoverage(enrolment, { program: 'JKK', incidentDate: '2026-12-31' }).covered).toBe(true);
  });

  it('refuses incidents outside the coverage period, with the dates', () => {
    expect(decideCoverage(enrolment, { program: 'JKM', incidentDate: '2025-12-31' }).reasons).toEqual([
      { code: 'BEFORE_COVERAGE', message: 'The incident on 2025-12-31 happened before coverage started on 2026-01-01.' },
    ]);
    expect(decideCoverage(enrolment, { program: 'JKM', incidentDate: '2027-01-01' }).reasons).toEqual([
      { code: 'AFTER_COVERAGE', message: 'The incident on 2027-01-01 happened after coverage ended on 2026-12-31.' },
    ]);
  });

  it('refuses inactive and ended memberships', () => {
    const inactive = decideCoverage({ ...enrolment, status: 'INACTIVE' }, { program: 'JKM', incidentDate: '2026-06-15' });
    expect(inactive.covered).toBe(false);
    expect(inactive.reasons[0]?.code).toBe('NOT_ACTIVE');
    expect(inactive.reasons[0]?.message).toContain('inactive (contributions unpaid)');
    expect(decideCoverage({ ...enrolment, status: 'ENDED' }, { program: 'JKM', incidentDate: '2026-06-15' }).reasons[0]?.message).toBe(
      'The membership is ended, so the incident on 2026-06-15 is not covered.',
    );
  });

  it('refuses a program the enrolment does not include', () => {
    const d = decideCoverage({ ...enrolment, programs: ['JKM'] }, { program: 'JKK', incidentDate: '2026-06-15' });
    expect(d.reasons).toEqual([{ code: 'PROGRAM_NOT_COVERED', message: 'This participant is not enrolled in JKK (work accident); the enrolment covers JKM (death).' }]);
  });

  it('lists every failing reason, not just the first', () => {
    const d = decideCoverage(
      { status: 'INACTIVE', coverageFrom: '2026-01-01', coverageTo: '2026-03-31', programs: ['JKM'] },
      {
        program: 'JKK',
        incidentDate: '2026-05-01',
      },
    );
    expect(d.covered).toBe(false);
    expect(d.reasons.map((r) => r.code)).toEqual(['NOT_ACTIVE', 'AFTER_COVERAGE', 'PROGRAM_NOT_COVERED']);
  });

  it('refuses a malformed incident date', () => {
    expect(() => decideCoverage(enrolment, { program: 'JKM', incidentDate: '2026-02-29' })).toThrow(/incidentDate 2026-02-29 is not a real date/);
  });
});

describe('assertIncidentNotInFuture', () => {
  it('allows today and earlier, refuses tomorrow', () => {
    expect(() => assertIncidentNotInFuture('2026-05-01', '2026-05-01')).not.toThrow();
    expect(() => assertIncidentNotInFuture('2026-04-30', '2026-05-01')).not.toThrow();
    expect(() => assertIncidentNotInFuture('2026-05-02', '2026-05-01')).toThrow('The incident date 2026-05-02 is in the future; today is 2026-05-01.');
    try {
      assertIncidentNotInFuture('2026-05-02', '2026-05-01');
    } catch (e) {
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'incidentDate' });
    }
  });
});
