// The SLA countdown a caseworker reads in the inbox and on the claim page: working days (or, on
// the due day, hours) left on the city's calendar. The risk colour is the API's (ClaimSla.risk);
// the count uses the same working-day rules (domain/calendar.ts, domain/claims/sla.ts).
import { compareLocalDates, todayIn } from '../../../../domain/calendar';
import { workingDaysBetween } from '../../../../domain/claims/sla';

export type SlaRisk = 'MET' | 'ON_TRACK' | 'AT_RISK' | 'BREACHED';
export interface SlaClockView {
  step: string;
  dueOn: string;
  metOn: string | null;
  risk: SlaRisk;
}

export type Countdown =
  | { kind: 'met'; onTime: boolean; metOn: string }
  | { kind: 'daysLeft'; workingDays: number; dueOn: string }
  | { kind: 'hoursLeft'; hours: number; dueOn: string }
  | { kind: 'overdue'; workingDays: number; dueOn: string };

/** The clock that matters now: the earliest one still running, else the payment clock, else none (documents not complete yet). */
export function currentClock<T extends SlaClockView>(clocks: readonly T[]): T | null {
  const running = clocks.filter((c) => c.metOn === null).sort((a, b) => compareLocalDates(a.dueOn, b.dueOn));
  return running[0] ?? clocks.find((c) => c.step === 'PAYMENT') ?? clocks[0] ?? null;
}

/** Hours until the end of the due day in the city's zone (a step is due by the end of its day). */
function hoursLeftToday(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return Math.max(1, Math.ceil((24 * 60 - (hour * 60 + minute)) / 60));
}

export function slaCountdown(clock: SlaClockView, now: Date, timeZone: string, holidays: ReadonlySet<string>): Countdown {
  if (clock.metOn) return { kind: 'met', onTime: compareLocalDates(clock.metOn, clock.dueOn) <= 0, metOn: clock.metOn };
  const today = todayIn(timeZone, now);
  const order = compareLocalDates(today, clock.dueOn);
  if (order > 0) return { kind: 'overdue', workingDays: workingDaysBetween(clock.dueOn, today, holidays), dueOn: clock.dueOn };
  if (order === 0) return { kind: 'hoursLeft', hours: hoursLeftToday(now, timeZone), dueOn: clock.dueOn };
  return { kind: 'daysLeft', workingDays: workingDaysBetween(today, clock.dueOn, holidays), dueOn: clock.dueOn };
}

export const RISK_COLOURS: Record<SlaRisk, string> = { MET: 'teal', ON_TRACK: 'gray', AT_RISK: 'orange', BREACHED: 'red' };
