import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { applicantWarnings, normaliseApplicant, validateApplicant } from './applicant.js';

const SITI = {
  nik: '1872014506800001',
  fullName: 'Siti Aminah',
  birthDate: '1980-06-05',
  sex: 'F' as const,
  motherMaidenName: 'Sumarni',
  address: 'Jl. Ahmad Yani 1, Metro Pusat',
  occupationGroup: 'RELIGIOUS_TEACHER' as const,
};

function refusal(run: () => void): { code: string; field: string | undefined } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the applicant a city submits', () => {
  it('is stored without the spaces a spreadsheet adds around its values', () => {
    expect(
      normaliseApplicant({ ...SITI, nik: ' 1872014506800001 ', fullName: '  Siti Aminah ', motherMaidenName: 'Sumarni\t', address: ' Jl. Ahmad Yani 1, Metro Pusat ' }),
    ).toEqual(SITI);
  });

  it('is refused for a bad NIK, a blank required field or a birth date not in the past, naming the field', () => {
    expect(refusal(() => validateApplicant({ ...SITI, nik: '187201450680' }, '2026-12-01'))).toEqual({ code: 'BAD_USER_INPUT', field: 'nik' });
    expect(refusal(() => validateApplicant({ ...SITI, motherMaidenName: '   ' }, '2026-12-01'))).toEqual({ code: 'BAD_USER_INPUT', field: 'motherMaidenName' });
    expect(refusal(() => validateApplicant({ ...SITI, birthDate: '2026-12-01' }, '2026-12-01'))).toEqual({ code: 'BAD_USER_INPUT', field: 'birthDate' });
    expect(() => validateApplicant(SITI, '2026-12-01')).not.toThrow();
  });

  it('is warned about, not refused, when the NIK was issued elsewhere or disagrees with the stated sex', () => {
    expect(applicantWarnings(SITI, '18.72')).toEqual([]);
    expect(applicantWarnings(SITI, '96.71').length).toBeGreaterThan(0);
    expect(applicantWarnings({ ...SITI, sex: 'M' }, '18.72').length).toBeGreaterThan(0);
  });
});
