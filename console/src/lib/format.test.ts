import { describe, expect, it } from 'vitest';
import { formatCount, formatInstant, formatLocalDate, formatPercent, formatRupiah, todayIn } from './format.js';

describe('formatting for Indonesia', () => {
  it('writes rupiah with dots between thousands and no decimals', () => {
    expect(formatRupiah('42000000')).toBe('Rp 42.000.000');
    expect(formatRupiah('71500000000')).toBe('Rp 71.500.000.000');
    expect(formatRupiah('999')).toBe('Rp 999');
    expect(formatRupiah('-1500000')).toBe('−Rp 1.500.000');
    expect(formatRupiah(null)).toBe('—');
  });

  it('writes local dates as 12 Feb 2026, with Indonesian month names', () => {
    expect(formatLocalDate('2026-02-12')).toBe('12 Feb 2026');
    expect(formatLocalDate('2026-08-01')).toBe('1 Agu 2026');
    expect(formatLocalDate('2026-05-31', 'en')).toBe('31 May 2026');
  });

  it('shows an instant on the city’s clock with its zone name', () => {
    // 23:30 UTC on 11 Feb is 12 Feb on every Indonesian clock: 08.30 in Sorong (UTC+9), 06.30 in Jakarta (UTC+7).
    expect(formatInstant('2026-02-11T23:30:00.000Z', 'Asia/Jayapura')).toBe('12 Feb 2026 08.30 WIT');
    expect(formatInstant('2026-02-11T23:30:00.000Z', 'Asia/Jakarta')).toBe('12 Feb 2026 06.30 WIB');
    expect(formatInstant('2026-02-11T15:30:00.000Z', 'Asia/Makassar', 'en')).toBe('11 Feb 2026 23:30 WITA');
  });

  it('knows the date in each city', () => {
    const instant = new Date('2026-12-31T16:30:00Z');
    expect(todayIn('Asia/Jakarta', instant)).toBe('2026-12-31');
    expect(todayIn('Asia/Jayapura', instant)).toBe('2027-01-01');
  });

  it('writes percentages and counts per language', () => {
    expect(formatPercent(1234)).toBe('12,34%');
    expect(formatPercent(10000, 'en')).toBe('100%');
    expect(formatCount(244236)).toBe('244.236');
    expect(formatCount(244236, 'en')).toBe('244,236');
  });
});
