import { describe, expect, it } from 'vitest';
import { CITY_TIME_ZONES, todayIn } from './calendar.js';
import { cityDayClock, localDateAt, startOfLocalDay, type DayClock } from './local-clock.js';

describe('a city day clock without Intl', () => {
  it('agrees with the time-zone database at every hour of leap days, month and year ends, in WIB, WITA and WIT', () => {
    const instants: number[] = [];
    for (const day of ['2024-02-28', '2024-02-29', '2024-03-01', '2025-02-28', '2026-12-31', '2027-01-01', '2030-06-30']) {
      for (let hour = 0; hour < 24; hour++) instants.push(Date.parse(`${day}T00:00:00Z`) + hour * 3_600_000 + 59 * 60_000);
    }
    for (const zone of CITY_TIME_ZONES) {
      const clock = cityDayClock(zone);
      for (const at of instants) expect(localDateAt(clock, at), `${zone} at ${new Date(at).toISOString()}`).toBe(todayIn(zone, new Date(at)));
    }
  });

  it('starts a local day at local midnight', () => {
    expect(new Date(startOfLocalDay(cityDayClock('Asia/Jakarta'), '2026-01-01')).toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(new Date(startOfLocalDay(cityDayClock('Asia/Makassar'), '2024-03-01')).toISOString()).toBe('2024-02-29T16:00:00.000Z');
    expect(new Date(startOfLocalDay(cityDayClock('Asia/Jayapura'), '2027-01-01')).toISOString()).toBe('2026-12-31T15:00:00.000Z');
    // 23:59:59.999 is still the day before; midnight is the new day.
    const jayapura = cityDayClock('Asia/Jayapura');
    expect(localDateAt(jayapura, startOfLocalDay(jayapura, '2027-01-01') - 1)).toBe('2026-12-31');
    expect(localDateAt(jayapura, startOfLocalDay(jayapura, '2027-01-01'))).toBe('2027-01-01');
  });

  it('compresses days for tests: 250 ms a day', () => {
    const fast: DayClock = { originDate: '2026-12-30', originAtMs: 1_000_000, msPerDay: 250 };
    expect(localDateAt(fast, 1_000_000)).toBe('2026-12-30');
    expect(localDateAt(fast, 1_000_499)).toBe('2026-12-31');
    expect(localDateAt(fast, 1_000_500)).toBe('2027-01-01');
    expect(localDateAt(fast, 999_999)).toBe('2026-12-29');
    expect(startOfLocalDay(fast, '2027-03-01')).toBe(1_000_000 + 61 * 250);
  });
});
