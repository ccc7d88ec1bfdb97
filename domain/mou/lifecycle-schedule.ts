import { addDays, compareLocalDates, type LocalDate } from '../calendar.js';
import type { MouStatus } from './mou-status.js';

// What the MoU workflow does on its own as days pass, as a pure function of what it knows and
// the city's local date. The workflow wakes on nextWakeDate(), applies dueSteps(), and repeats.

export type ScheduleFacts = {
  status: MouStatus;
  validFrom: LocalDate;
  validTo: LocalDate;
  /** Days before validTo, largest first; the largest opens the renewal window. */
  reminderOffsetsDays: readonly number[];
  escalationDaysBefore: number;
  /** Offsets already reminded of (or passed over). */
  remindersSent: readonly number[];
  escalated: boolean;
};

export type ScheduledStep =
  | { kind: 'ACTIVATE' }
  | { kind: 'RENEWAL_DUE' }
  /** One reminder; reminders already overdue when this one fell due are passed over, not sent late in a burst. */
  | { kind: 'REMIND'; daysBefore: number; passedOver: number[] }
  | { kind: 'ESCALATE' }
  /** The day after validTo: EXPIRED, or the end of a renewed MoU's term. */
  | { kind: 'END' };

function windowOpens(f: ScheduleFacts): LocalDate {
  return addDays(f.validTo, -Math.max(...f.reminderOffsetsDays));
}

function awaitingRenewal(status: MouStatus): boolean {
  return status === 'ACTIVE' || status === 'RENEWAL_DUE';
}

/** The steps due on `today`, in order, and the facts after them. */
export function dueSteps(facts: ScheduleFacts, today: LocalDate): { steps: ScheduledStep[]; facts: ScheduleFacts } {
  let f = { ...facts, remindersSent: [...facts.remindersSent] };
  const steps: ScheduledStep[] = [];
  if (f.status === 'SIGNED' && compareLocalDates(today, f.validFrom) >= 0) {
    steps.push({ kind: 'ACTIVATE' });
    f = { ...f, status: 'ACTIVE' };
  }
  if ((awaitingRenewal(f.status) || f.status === 'RENEWED') && compareLocalDates(today, f.validTo) > 0) {
    steps.push({ kind: 'END' });
    return { steps, facts: { ...f, status: f.status === 'RENEWED' ? 'RENEWED' : 'EXPIRED' } };
  }
  if (f.status === 'ACTIVE' && compareLocalDates(today, windowOpens(f)) >= 0) {
    steps.push({ kind: 'RENEWAL_DUE' });
    f = { ...f, status: 'RENEWAL_DUE' };
  }
  if (f.status === 'RENEWAL_DUE') {
    const due = f.reminderOffsetsDays.filter((d) => !f.remindersSent.includes(d) && compareLocalDates(addDays(f.validTo, -d), today) <= 0);
    if (due.length > 0) {
      const latest = Math.min(...due);
      steps.push({ kind: 'REMIND', daysBefore: latest, passedOver: due.filter((d) => d !== latest).sort((a, b) => b - a) });
      f = { ...f, remindersSent: [...f.remindersSent, ...due] };
    }
    if (!f.escalated && compareLocalDates(addDays(f.validTo, -f.escalationDaysBefore), today) <= 0) {
      steps.push({ kind: 'ESCALATE' });
      f = { ...f, escalated: true };
    }
  }
  return { steps, facts: f };
}

/** The next local date on which something is due, or null when only people can move the MoU on. */
export function nextWakeDate(f: ScheduleFacts): LocalDate | null {
  const candidates: LocalDate[] = [];
  if (f.status === 'SIGNED') candidates.push(f.validFrom);
  if (awaitingRenewal(f.status) || f.status === 'RENEWED') candidates.push(addDays(f.validTo, 1));
  if (f.status === 'ACTIVE') candidates.push(windowOpens(f));
  if (f.status === 'RENEWAL_DUE') {
    for (const d of f.reminderOffsetsDays) if (!f.remindersSent.includes(d)) candidates.push(addDays(f.validTo, -d));
    if (!f.escalated) candidates.push(addDays(f.validTo, -f.escalationDaysBefore));
  }
  return candidates.length ? candidates.reduce((a, b) => (compareLocalDates(a, b) <= 0 ? a : b)) : null;
}
