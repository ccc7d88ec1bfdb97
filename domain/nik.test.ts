import { describe, expect, it } from 'vitest';
import { assertValidNik, maskNik, normalizeNik, validateNik } from './nik.js';

// Kota Metro (18.72), district 01: a man born 12 Mar 1985 and a woman born the same day (day + 40).
const MAN = '1872011203850001';
const WOMAN = '1872015203850001';

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('validateNik: structure', () => {
  it('parses a valid NIK', () => {
    const check = validateNik(MAN, { referenceYear: 2026 });
    expect(check.ok).toBe(true);
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual([]);
    expect(check.parsed).toEqual({
      province: '18',
      regency: '72',
      district: '01',
      regionCode: '18.72',
      birthDate: '1985-03-12',
      sex: 'M',
      serial: '0001',
    });
  });

  it('reads day + 40 as a woman', () => {
    expect(validateNik(WOMAN, { referenceYear: 2026 }).parsed).toMatchObject({ sex: 'F', birthDate: '1985-03-12' });
    expect(validateNik('1872017103850001', { referenceYear: 2026 }).parsed).toMatchObject({ sex: 'F', birthDate: '1985-03-31' });
  });

  it('guesses the century from the reference year or the stated birth date', () => {
    const young = '1872011203050001'; // yy = 05
    expect(validateNik(young, { referenceYear: 2026 }).parsed?.birthDate).toBe('2005-03-12');
    expect(validateNik(young, { referenceYear: 2004 }).parsed?.birthDate).toBe('1905-03-12');
    expect(validateNik(young, { birthDate: '1905-03-12', referenceYear: 2026 }).parsed?.birthDate).toBe('1905-03-12');
    expect(validateNik(MAN, { referenceYear: 2026 }).parsed?.birthDate).toBe('1985-03-12');
    // 29 Feb of "00" only exists in 2000.
    expect(validateNik('1872012902000003').parsed?.birthDate).toBe('2000-02-29');
  });

  it('reports wrong length and non-digits, without echoing the number', () => {
    const short = validateNik('187201120385001');
    expect(short.ok).toBe(false);
    expect(short.errors).toEqual([{ code: 'LENGTH', message: 'NIK must be exactly 16 digits; got 15.' }]);
    expect(short.parsed).toBeUndefined();

    const letters = validateNik('18720112O3850001');
    expect(codes(letters.errors)).toEqual(['NON_DIGIT']);
    expect(letters.errors[0]?.message).toBe('NIK must contain digits only; character 9 is "O".');

    expect(codes(validateNik('1872 0112038500').errors)).toEqual(['LENGTH', 'NON_DIGIT']);
    expect(validateNik('1872 01120385001').errors[0]?.message).toContain('character 5 is a space');
  });

  it('rejects province 00 and serial 0000', () => {
    expect(codes(validateNik('0072011203850001').errors)).toEqual(['PROVINCE_ZERO']);
    expect(codes(validateNik('1872011203850000').errors)).toEqual(['SERIAL_ZERO']);
    expect(codes(validateNik('0072011203850000').errors)).toEqual(['PROVINCE_ZERO', 'SERIAL_ZERO']);
  });

  it.each([
    ['1872010003850001', 'the day is 0'],
    ['1872013203850001', 'the day is 32'],
    ['1872014003850001', 'the day is 40'],
    ['1872017203850001', 'the day is 72'],
    ['1872011213850001', 'there is no month 13'],
    ['1872011200850001', 'there is no month 0'],
    ['1872013002850001', 'month 2 has no day 30'],
    ['1872017002850001', 'month 2 has no day 30'], // a woman's 30 Feb
    ['1872013104850001', 'month 4 has no day 31'],
    ['1872012902010001', 'month 2 has no day 29'], // 2001 and 1901 are not leap years
  ])('rejects the impossible birth date in %s', (nik, why) => {
    const check = validateNik(nik, { referenceYear: 2026 });
    expect(check.ok).toBe(false);
    expect(codes(check.errors)).toEqual(['BIRTH_DATE_IMPOSSIBLE']);
    expect(check.errors[0]?.message).toContain(why);
  });
});

describe('validateNik: warnings, never errors', () => {
  it('warns when the NIK was first issued elsewhere', () => {
    const check = validateNik('1871011203850001', { expectedRegionCode: '18.72', referenceYear: 2026 });
    expect(check.ok).toBe(true);
    expect(codes(check.warnings)).toEqual(['REGION_MISMATCH']);
    expect(check.warnings[0]?.message).toContain('region 18.71, not in 18.72');
  });

  it('accepts the region code with or without the dot', () => {
    expect(validateNik(MAN, { expectedRegionCode: '1872' }).warnings).toEqual([]);
    expect(() => validateNik(MAN, { expectedRegionCode: 'Metro' })).toThrow('expectedRegionCode must look like 18.72');
  });

  it("treats Sorong's pre-2022 code 92.71 as an expected, softer warning", () => {
    const sorong = '9271014506900002';
    const check = validateNik(sorong, { expectedRegionCode: '96.71', referenceYear: 2026 });
    expect(check.ok).toBe(true);
    expect(codes(check.warnings)).toEqual(['REGION_FORMER_CODE']);
    expect(check.parsed).toMatchObject({ regionCode: '92.71', sex: 'F', birthDate: '1990-06-05' });
    expect(validateNik('9671014506900002', { expectedRegionCode: '96.71' }).warnings).toEqual([]);
  });

  it('warns when the stated birth date or sex disagrees', () => {
    const check = validateNik(MAN, { birthDate: '1985-03-21', sex: 'F' });
    expect(check.ok).toBe(true);
    expect(codes(check.warnings)).toEqual(['BIRTH_DATE_MISMATCH', 'SEX_MISMATCH']);
    expect(check.warnings[0]?.message).toBe('The birth date in the NIK (1985-03-12) differs from the stated birth date (1985-03-21).');
    expect(check.warnings[1]?.message).toBe('The NIK is that of a man, but the stated sex is female.');
    expect(validateNik(WOMAN, { birthDate: '1985-03-12', sex: 'F' }).warnings).toEqual([]);
  });

  it('refuses a malformed stated birth date rather than ignoring it', () => {
    expect(() => validateNik(MAN, { birthDate: '1985-02-30' })).toThrow(/birthDate 1985-02-30 is not a real date/);
  });
});

describe('assertValidNik', () => {
  it('throws the first error as BAD_USER_INPUT on the field', () => {
    expect(() => assertValidNik(MAN)).not.toThrow();
    expect(() => assertValidNik('123', 'rows[4].nik')).toThrow('NIK must be exactly 16 digits; got 3.');
    try {
      assertValidNik('123', 'rows[4].nik');
    } catch (e) {
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rows[4].nik' });
    }
  });

  it('does not throw for warnings', () => {
    expect(() => assertValidNik('9271014506900002')).not.toThrow();
  });
});

describe('maskNik and normalizeNik', () => {
  it('keeps the first 6 and last 2 digits', () => {
    expect(maskNik(MAN)).toBe('187201********01');
    expect(maskNik('12345678')).toBe('********');
  });

  it('strips grouping characters', () => {
    expect(normalizeNik(' 1872.0112-0385 0001 ')).toBe(MAN);
  });
});
