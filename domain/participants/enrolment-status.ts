import { addDays, compareLocalDates, parseLocalDate, type LocalDate } from '../calendar.js';
import { DomainError } from '../errors.js';

// A person's enrolments over time, and what they say about a given day. Pure and Intl-free:
// the participants service, the migration and workflows use it.
//
// An enrolment covers the days coverageFrom..coverageTo (inclusive). Inside that span its
// standing is kept as effective-dated periods, ACTIVE or INACTIVE (contributions in arrears),
// each from a day until the day before the next one starts; the last one runs to the end of
// coverage. ENDED is what an enrolment is once it has been closed (with a reason): its
// coverageTo is then the last day it covered.

export const ENROLMENT_STATUSES = ['ACTIVE', 'INACTIVE', 'ENDED'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** The standing of a covered day. */
export type Standing = Exclude<EnrolmentStatus, 'ENDED'>;

export const END_REASONS = ['MOU_ENDED', 'MOU_RENEWED', 'MOVED', 'DIED', 'WITHDRAWN'] as const;
export type EndReason = (typeof END_REASONS)[number];

/** The reasons a city operator may give when ending one enrolment early (the MoU ones are the system's). */
export const OPERATOR_END_REASONS: readonly EndReason[] = ['MOVED', 'DIED', 'WITHDRAWN'];

export const NOT_COVERED_REASONS = ['NOT_ENROLLED', 'ENDED', 'INACTIVE_ARREARS', 'BEFORE_START'] as const;
export type NotCoveredReason = (typeof NOT_COVERED_REASONS)[number];

/** One period of standing: from `from` until the next period starts (`to` null: to the end of coverage). */
export type StatusPeriod = { status: Standing; from: LocalDate; to: LocalDate | null };

export type EnrolmentHistory = {
  id: string;
  coverageFrom: LocalDate;
  coverageTo: LocalDate;
  status: EnrolmentStatus;
  endReason: EndReason | null;
  /** Sorted by `from`, not overlapping. */
  periods: readonly StatusPeriod[];
};

export type CoverageVerdict = {
  covered: boolean;
  reason: NotCoveredReason | null;
  message: string;
  /** The enrolment that covered the day, or the one nearest to it that explains why not. */
  enrolment: EnrolmentHistory | null;
  statusOnDate: EnrolmentStatus | null;
};

/** The standing of an enrolment on a day inside its coverage (periods decide; none: ACTIVE). */
export function standingOn(enrolment: Pick<EnrolmentHistory, 'periods'>, date: LocalDate): Standing {
  let standing: Standing = 'ACTIVE';
  for (const period of enrolment.periods) {
    if (compareLocalDates(period.from, date) <= 0 && (period.to === null || compareLocalDates(date, period.to) <= 0)) standing = period.status;
  }
  return standing;
}

const within = (e: EnrolmentHistory, date: LocalDate) => compareLocalDates(e.coverageFrom, date) <= 0 && compareLocalDates(date, e.coverageTo) <= 0;

/**
 * Was this person covered on `date`, judged over all their enrolments? Covered when an enrolment
 * spans the day and its standing that day is ACTIVE. Otherwise the coded reason: INACTIVE_ARREARS
 * (spanned, but in arrears), ENDED (the latest enrolment before the day had ended: also a gap
 * between two enrolments, or the day after a death), BEFORE_START (only later enrolments), NOT_ENROLLED.
 */
export function coverageOn(enrolments: readonly EnrolmentHistory[], date: LocalDate): CoverageVerdict {
  parseLocalDate(date, 'date');
  const spanning = enrolments.find((e) => within(e, date));
  if (spanning) {
    const standing = standingOn(spanning, date);
    return standing === 'ACTIVE'
      ? { covered: true, reason: null, message: `Covered on ${date}.`, enrolment: spanning, statusOnDate: 'ACTIVE' }
      : {
          covered: false,
          reason: 'INACTIVE_ARREARS',
          message: `On ${date} the membership was inactive: three months of contributions were unpaid. Incidents in inactive months are not covered.`,
          enrolment: spanning,
          statusOnDate: 'INACTIVE',
        };
  }
  const before = enrolments.filter((e) => compareLocalDates(e.coverageTo, date) < 0 && compareLocalDates(e.coverageFrom, e.coverageTo) <= 0);
  const latest = before.sort((a, b) => compareLocalDates(b.coverageTo, a.coverageTo))[0];
  if (latest) {
    const why = latest.endReason ? ` (${END_REASON_LABELS[latest.endReason]})` : '';
    return { covered: false, reason: 'ENDED', message: `Coverage ended on ${latest.coverageTo}${why}, before ${date}.`, enrolment: latest, statusOnDate: 'ENDED' };
  }
  const after = enrolments.filter((e) => compareLocalDates(date, e.coverageFrom) < 0).sort((a, b) => compareLocalDates(a.coverageFrom, b.coverageFrom))[0];
  if (after) return { covered: false, reason: 'BEFORE_START', message: `Coverage started on ${after.coverageFrom}, after ${date}.`, enrolment: after, statusOnDate: null };
  return { covered: false, reason: 'NOT_ENROLLED', message: `This person had no enrolment covering ${date}.`, enrolment: null, statusOnDate: null };
}

export const END_REASON_LABELS: Readonly<Record<EndReason, string>> = {
  MOU_ENDED: 'the MoU ended',
  MOU_RENEWED: 'the MoU was renewed; coverage continues under its successor',
  MOVED: 'the person moved',
  DIED: 'the person died',
  WITHDRAWN: 'withdrawn by the city',
};

/**
 * The periods after "from `from` on, the standing is `status`" (arrears: INACTIVE; paid: ACTIVE).
 * Periods starting on or after `from` are replaced; the one running into it is cut the day before,
 * or simply carried on when it already has that standing. `null`: nothing changes (already so).
 */
export function withStandingFrom(periods: readonly StatusPeriod[], from: LocalDate, status: Standing): StatusPeriod[] | null {
  parseLocalDate(from, 'fromDate');
  const earlier = periods
    .filter((p) => compareLocalDates(p.from, from) < 0)
    .map((p, i, all) => (i === all.length - 1 && (p.to === null || compareLocalDates(p.to, from) >= 0) ? { ...p, to: addDays(from, -1) } : p));
  const next = merged([...earlier, { status, from, to: null }]);
  return JSON.stringify(next) === JSON.stringify(merged(periods)) ? null : next;
}

/** Neighbouring periods of the same standing as one. */
function merged(periods: readonly StatusPeriod[]): StatusPeriod[] {
  const out: StatusPeriod[] = [];
  for (const period of periods) {
    const last = out[out.length - 1];
    if (last && last.status === period.status) out[out.length - 1] = { ...last, to: period.to };
    else out.push({ ...period });
  }
  return out;
}

/** Checks a change of standing falls inside the enrolment's coverage and that the enrolment is still open. */
export function checkStandingChange(enrolment: Pick<EnrolmentHistory, 'status' | 'coverageFrom' | 'coverageTo'>, from: LocalDate): boolean {
  if (enrolment.status === 'ENDED') return false;
  return compareLocalDates(enrolment.coverageFrom, from) <= 0 && compareLocalDates(from, enrolment.coverageTo) <= 0;
}

/**
 * The last covered day when a death on `dateOfDeath` ends an enrolment: the day of death itself
 * (covered through it, not after), or the day before coverage began for an enrolment that had
 * not started yet. Null: the enrolment had already ended before the death and stays as it is.
 */
export function lastDayAfterDeath(enrolment: Pick<EnrolmentHistory, 'status' | 'coverageFrom' | 'coverageTo'>, dateOfDeath: LocalDate): LocalDate | null {
  parseLocalDate(dateOfDeath, 'dateOfDeath');
  if (enrolment.status === 'ENDED' && compareLocalDates(enrolment.coverageTo, dateOfDeath) <= 0) return null;
  if (compareLocalDates(dateOfDeath, enrolment.coverageFrom) < 0) return addDays(enrolment.coverageFrom, -1);
  return compareLocalDates(dateOfDeath, enrolment.coverageTo) < 0 ? dateOfDeath : null;
}

export function assertDeathDate(dateOfDeath: LocalDate, today: LocalDate, birthDate: LocalDate): void {
  parseLocalDate(dateOfDeath, 'dateOfDeath');
  if (compareLocalDates(dateOfDeath, today) > 0) throw new DomainError('BAD_USER_INPUT', `The date of death ${dateOfDeath} is in the future; today is ${today}.`, 'dateOfDeath');
  if (compareLocalDates(dateOfDeath, birthDate) < 0)
    throw new DomainError('BAD_USER_INPUT', `The date of death ${dateOfDeath} is before the birth date ${birthDate}.`, 'dateOfDeath');
}
