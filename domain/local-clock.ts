import { addDays, daysBetween, type CityTimeZone, type LocalDate } from './calendar.js';

// A city's calendar for code that may not call Intl (Temporal workflows): Indonesian zones keep
// a fixed UTC offset all year (no daylight saving), so local midnights are a fixed arithmetic
// progression. A clock maps instants to local dates; tests compress its days to milliseconds.

export const UTC_OFFSET_MINUTES: Readonly<Record<CityTimeZone, number>> = {
  'Asia/Jakarta': 7 * 60, // WIB
  'Asia/Makassar': 8 * 60, // WITA
  'Asia/Jayapura': 9 * 60, // WIT
};

export const MS_PER_DAY = 86_400_000;

/** `originDate` starts at instant `originAtMs`; each later local day starts `msPerDay` after the one before. */
export type DayClock = { originDate: LocalDate; originAtMs: number; msPerDay: number };

/** The real calendar of a city: 1970-01-01 began at local midnight, UTC minus the zone's offset. */
export function cityDayClock(timeZone: CityTimeZone): DayClock {
  return { originDate: '1970-01-01', originAtMs: -UTC_OFFSET_MINUTES[timeZone] * 60_000, msPerDay: MS_PER_DAY };
}

/** The local date at an instant (ms since the epoch). */
export function localDateAt(clock: DayClock, atMs: number): LocalDate {
  return addDays(clock.originDate, Math.floor((atMs - clock.originAtMs) / clock.msPerDay));
}

/** The instant a local date begins. */
export function startOfLocalDay(clock: DayClock, date: LocalDate): number {
  return clock.originAtMs + daysBetween(clock.originDate, date) * clock.msPerDay;
}
