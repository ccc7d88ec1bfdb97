import { daysInMonth, isLeapYear, parseLocalDate, type LocalDate } from './calendar.js';
import { DomainError } from './errors.js';

// NIK: PP RR DD (where first issued) · DDMMYY birth date, women's day + 40 · 4-digit serial.
// A NIK never changes after issue, so disagreement with the city or the stated birth date is a
// warning for a caseworker to look at, never a rejection. Only an impossible NIK is an error.

export type NikIssue = { code: string; message: string };

export type ParsedNik = {
  province: string;
  regency: string;
  district: string;
  /** 'PP.RR', the Kemendagri code of the regency or city of first issue. */
  regionCode: string;
  birthDate: LocalDate;
  sex: 'M' | 'F';
  serial: string;
};

export type NikCheck = { ok: boolean; errors: NikIssue[]; warnings: NikIssue[]; parsed?: ParsedNik };

export type NikContext = {
  /** The enrolling city, 'PP.RR' (e.g. '18.72' for Kota Metro). */
  expectedRegionCode?: string;
  /** Stated birth date; also settles the century of the NIK's two-digit year. */
  birthDate?: LocalDate;
  sex?: 'M' | 'F';
  /**
   * The current year, for the century guess when there is no stated birth date:
   * yy above this year's two digits means 19yy. Without either, 19yy is assumed.
   */
  referenceYear?: number;
};

/** Region codes renamed by a province split: old → new. NIKs keep the old code. */
export const FORMER_REGION_CODES: Readonly<Record<string, string>> = {
  '92.71': '96.71', // Kota Sorong: Papua Barat → Papua Barat Daya (2022)
};

/** Removes the spaces, dots and dashes people type to group the digits. */
export function normalizeNik(text: string): string {
  return text.replace(/[\s.-]/g, '');
}

function regionCodeOf(code: string, field: string): string {
  const m = /^(\d{2})\.?(\d{2})$/.exec(code);
  if (!m) throw new DomainError('BAD_USER_INPUT', `${field} must look like 18.72; got "${code}".`, field);
  return `${m[1]}.${m[2]}`;
}

function centuryFor(yy: number, context: NikContext): number {
  if (context.birthDate !== undefined) {
    const year = Number(context.birthDate.slice(0, 4));
    if (year % 100 === yy) return year - yy;
  }
  if (context.referenceYear !== undefined) {
    const base = context.referenceYear - (context.referenceYear % 100);
    return yy > context.referenceYear % 100 ? base - 100 : base;
  }
  return 1900;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function validateNik(nik: string, context: NikContext = {}): NikCheck {
  if (context.birthDate !== undefined) parseLocalDate(context.birthDate, 'birthDate');
  const expectedRegion = context.expectedRegionCode === undefined ? undefined : regionCodeOf(context.expectedRegionCode, 'expectedRegionCode');

  const errors: NikIssue[] = [];
  const warnings: NikIssue[] = [];
  const done = (parsed?: ParsedNik): NikCheck => ({ ok: errors.length === 0, errors, warnings, ...(parsed ? { parsed } : {}) });

  if (nik.length !== 16) {
    errors.push({ code: 'LENGTH', message: `NIK must be exactly 16 digits; got ${nik.length}.` });
  }
  const bad = nik.search(/\D/);
  if (bad >= 0) {
    const what = /\s/.test(nik[bad]!) ? 'a space' : `"${nik[bad]}"`;
    errors.push({ code: 'NON_DIGIT', message: `NIK must contain digits only; character ${bad + 1} is ${what}.` });
  }
  if (errors.length > 0) return done();

  const province = nik.slice(0, 2);
  const regency = nik.slice(2, 4);
  const district = nik.slice(4, 6);
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const serial = nik.slice(12, 16);

  if (province === '00') {
    errors.push({ code: 'PROVINCE_ZERO', message: 'NIK starts with province code 00, which does not exist.' });
  }

  const sex: 'M' | 'F' = rawDay > 40 ? 'F' : 'M';
  const day = sex === 'F' ? rawDay - 40 : rawDay;
  let birthDate: LocalDate | undefined;
  const where = 'The birth date in the NIK (digits 7–12)';
  if ((rawDay < 1 || rawDay > 31) && (rawDay < 41 || rawDay > 71)) {
    errors.push({
      code: 'BIRTH_DATE_IMPOSSIBLE',
      message: `${where} is impossible: the day is ${rawDay}, but it must be 1–31 for men or 41–71 (day + 40) for women.`,
    });
  } else if (month < 1 || month > 12) {
    errors.push({ code: 'BIRTH_DATE_IMPOSSIBLE', message: `${where} is impossible: there is no month ${month}.` });
  } else {
    let year = centuryFor(yy, context) + yy;
    // 29 Feb of yy = 00 exists in 2000 but not in 1900: prefer the century where the date exists.
    if (month === 2 && day === 29 && !isLeapYear(year) && isLeapYear(year + 100)) year += 100;
    if (day > daysInMonth(year, month)) {
      errors.push({
        code: 'BIRTH_DATE_IMPOSSIBLE',
        message: `${where} is impossible: month ${month} has no day ${day}.`,
      });
    } else {
      birthDate = `${year}-${pad2(month)}-${pad2(day)}`;
    }
  }

  if (serial === '0000') {
    errors.push({ code: 'SERIAL_ZERO', message: 'The NIK serial number (last 4 digits) is 0000, which is never issued.' });
  }
  if (errors.length > 0 || birthDate === undefined) return done();

  const regionCode = `${province}.${regency}`;
  if (expectedRegion !== undefined && regionCode !== expectedRegion) {
    if (FORMER_REGION_CODES[regionCode] === expectedRegion) {
      warnings.push({
        code: 'REGION_FORMER_CODE',
        message: `NIK was issued under region ${regionCode}, the former code of ${expectedRegion}; this is expected for NIKs issued before the change.`,
      });
    } else {
      warnings.push({
        code: 'REGION_MISMATCH',
        message: `NIK was first issued in region ${regionCode}, not in ${expectedRegion}. A NIK keeps the region where it was first issued, so check that the person moved rather than that the number was mistyped.`,
      });
    }
  }
  if (context.birthDate !== undefined && context.birthDate !== birthDate) {
    warnings.push({
      code: 'BIRTH_DATE_MISMATCH',
      message: `The birth date in the NIK (${birthDate}) differs from the stated birth date (${context.birthDate}).`,
    });
  }
  if (context.sex !== undefined && context.sex !== sex) {
    const [nikSex, stated] = sex === 'F' ? ['a woman (day + 40)', 'male'] : ['a man', 'female'];
    warnings.push({ code: 'SEX_MISMATCH', message: `The NIK is that of ${nikSex}, but the stated sex is ${stated}.` });
  }
  return done({ province, regency, district, regionCode, birthDate, sex, serial });
}

export function assertValidNik(nik: string, field = 'nik'): void {
  const first = validateNik(nik).errors[0];
  if (first) throw new DomainError('BAD_USER_INPUT', first.message, field);
}

/** Shows where the NIK was issued and its last two digits only: '187201********01'. */
export function maskNik(nik: string): string {
  if (nik.length <= 8) return '*'.repeat(nik.length);
  return nik.slice(0, 6) + '*'.repeat(nik.length - 8) + nik.slice(-2);
}
