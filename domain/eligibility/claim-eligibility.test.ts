import { describe, expect, it } from 'vitest';
import { assertEligible, eligibilityProblems, eligibilityReasonOf } from './claim-eligibility.js';

const covered = { covered: true, reasons: [] };
const facts = { program: 'JKM' as const, incidentDate: '2026-03-14', filedOn: '2026-03-20', coverage: covered, jkkExpiryMonths: 60 };

describe('claim eligibility', () => {
  it('accepts a covered incident', () => {
    expect(eligibilityProblems(facts)).toEqual([]);
  });

  it.each([
    ['NOT_ACTIVE', 'The membership is inactive (contributions unpaid)', 'INACTIVE_ARREARS'],
    ['NOT_ACTIVE', 'The membership is terminated', 'ENDED'],
    ['BEFORE_COVERAGE', '', 'BEFORE_START'],
    ['AFTER_COVERAGE', '', 'ENDED'],
    ['PROGRAM_NOT_COVERED', '', 'PROGRAM_NOT_IN_MOU'],
    ['INACTIVE_ARREARS', '', 'INACTIVE_ARREARS'],
    ['NOT_ENROLLED', '', 'NOT_ENROLLED'],
  ])('reads the coverage reason %s (%s) as %s', (code, message, reason) => {
    expect(eligibilityReasonOf(code, message)).toBe(reason);
  });

  it('lets a JKK claim lapse 5 years after the accident (the day itself is too late)', () => {
    const jkk = { ...facts, program: 'JKK' as const };
    expect(eligibilityProblems({ ...jkk, filedOn: '2031-03-13' })).toEqual([]);
    expect(eligibilityProblems({ ...jkk, filedOn: '2031-03-14' }).map((p) => p.reason)).toEqual(['JKK_EXPIRED']);
  });

  it('throws NOT_ELIGIBLE with the first reason and all of them', () => {
    const coverage = { covered: false, reasons: [{ code: 'NOT_ACTIVE' as const, message: 'The membership is inactive (contributions unpaid), so …' }] };
    try {
      assertEligible({ ...facts, coverage });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'NOT_ELIGIBLE', field: 'incidentDate', details: { reason: 'INACTIVE_ARREARS', reasons: 'INACTIVE_ARREARS' } });
    }
  });
});
