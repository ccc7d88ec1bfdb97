import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addWorkingDays,
  compareLocalDates,
  dayOfWeek,
  daysBetween,
  isIndonesianTimeZone,
  isLocalDate,
  isSupportedDate,
  isWithin,
  isWorkingDay,
  parseLocalDate,
  todayIn,
} from './calendar.js';

describe('parsing', () => {
  it('accepts real dates, including 29 February in leap years', () => {
    expect(parseLocalDate('2026-05-01', 'incidentDate')).toBe('2026-05-01');
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2000-02-29')).toBe(true);
  });

  it('rejects impossible dates and other shapes', () => {
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('1900-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-04-31')).toBe(false);
    expect(isLocalDate('2026-4-1')).toBe(false);
    expect(isLocalDate('2026-04-01T00:00:00Z')).toBe(false);
  });

  it('supports 1900 to 2100 only: year 0000 and 9999 are no one’s birth or incident', () => {
    expect(isSupportedDate('1900-01-01')).toBe(true);
    expect(isSupportedDate('2100-12-31')).toBe(true);
    expect(isSupportedDate('1899-12-31')).toBe(false);
    expect(isSupportedDate('0000-01-01')).toBe(false);
    expect(isSupportedDate('9999-12-31')).toBe(false);
    expect(isSupportedDate('2026-02-30')).toBe(false);
  });

  it('explains what is wrong, naming the field', () => {
    expect(() => parseLocalDate('2026-02-30', 'dueDate')).toThrow('dueDate 2026-02-30 is not a real date: February 2026 has 28 days.');
    expect(() => parseLocalDate('01/05/2026', 'incidentDate')).toThrow('incidentDate must be a date written as YYYY-MM-DD; got "01/05/2026".');
    expect(() => parseLocalDate('2026-00-10', 'x')).toThrow('there is no month 0');
    try {
      parseLocalDate('2026-02-30', 'dueDate');
    } catch (e) {
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueDate' });
    }
  });
});

describe('arithmetic', () => {
  it('compares', () => {
    expect(compareLocalDates('2026-01-09', '2026-01-10')).toBe(-1);
    expect(compareLocalDates('2026-01-10', '2026-01-10')).toBe(0);
    expect(compareLocalDates('2027-01-01', '2026-12-31')).toBe(1);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2019-12-01', 1)).toBe('2019-12-02');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(addDays('1970-01-01', -1)).toBe('1969-12-31');
  });

  it('adds months, clamping to the end of shorter months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(addMonths('2026-05-01', 12)).toBe('2027-05-01');
  });

  it('counts days between dates, signed', () => {
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
  });

  it('checks inclusive ranges', () => {
    expect(isWithin('2026-01-01', '2026-01-01', '2026-12-31')).toBe(true);
    expect(isWithin('2026-12-31', '2026-01-01', '2026-12-31')).toBe(true);
    expect(isWithin('2027-01-01', '2026-01-01', '2026-12-31')).toBe(false);
    expect(isWithin('2025-12-31', '2026-01-01', '2026-12-31')).toBe(false);
  });
});

describe('working days', () => {
  it('knows the weekday', () => {
    expect(dayOfWeek('2026-05-01')).toBe(5); // Friday
    expect(dayOfWeek('1945-08-17')).toBe(5); // Proclamation day, a Friday
    expect(dayOfWeek('2026-05-03')).toBe(0);
  });

  it('skips weekends and holidays', () => {
    const holidays = new Set(['2026-05-14']); // Ascension Day (example)
    expect(isWorkingDay('2026-05-02')).toBe(false);
    expect(isWorkingDay('2026-05-14', holidays)).toBe(false);
    expect(isWorkingDay('2026-05-14')).toBe(true);
    // Documents complete on a Friday: 3 working days later is Wednesday.
    expect(addWorkingDays('2026-05-01', 3)).toBe('2026-05-06');
    // Complete on a Saturday: Monday is day 1.
    expect(addWorkingDays('2026-05-02', 1)).toBe('2026-05-04');
    expect(addWorkingDays('2026-05-12', 3, holidays)).toBe('2026-05-18');
    expect(addWorkingDays('2026-05-02', 0)).toBe('2026-05-04');
    expect(addWorkingDays('2026-05-04', 0)).toBe('2026-05-04');
  });
});

describe('todayIn', () => {
  // 2026-01-01T16:30Z is 23:30 in Jakarta (UTC+7) but already 1:30 on 2 Jan in Jayapura (UTC+9).
  const now = new Date('2026-01-01T16:30:00Z');

  it("gives each city's local date", () => {
    expect(todayIn('Asia/Jakarta', now)).toBe('2026-01-01');
    expect(todayIn('Asia/Makassar', now)).toBe('2026-01-02');
    expect(todayIn('Asia/Jayapura', now)).toBe('2026-01-02');
  });

  it('refuses an unknown zone', () => {
    expect(() => todayIn('Asia/Atlantis', now)).toThrow('"Asia/Atlantis" is not a known time zone');
  });

  it('knows the Indonesian city zones', () => {
    expect(isIndonesianTimeZone('Asia/Makassar')).toBe(true);
    expect(isIndonesianTimeZone('Asia/Singapore')).toBe(false);
  });
});
