import type { Actor, CityScope } from '../../domain/access.js';
import type { LocalDate } from '../../domain/calendar.js';
import type { EndReason, EnrolmentStatus, NotCoveredReason } from '../../domain/participants/enrolment-status.js';
import type { OccupationGroup } from '../../domain/participants/occupation.js';
import type { Program } from '../../domain/programs.js';

// The participants task queue as other workflows use it: coverage on a date and a recorded death
// (claims), arrears and their end (billing). Implemented by services/participants/src/activities.ts.
//
// The model behind it: a person (NIK once, KPJ number) has enrolments over time; a Participant
// (GraphQL `Participant @key(id)`, the `participantId` claims store) is one enrolment. Questions
// about a participant and a date are answered over all enrolments of that participant's person,
// so a claim filed under an enrolment that was renewed into a successor still finds the
// enrolment that covered the day. Enrolments outside the caller's cities count as absent.
// Every write is idempotent: Temporal may run an activity again.

export type { EndReason, EnrolmentStatus, NotCoveredReason };

export interface CoverageOnDateQuery {
  /** A Participant id (an enrolment of the person). */
  participantId: string;
  /** The incident date, the city's local date. */
  date: LocalDate;
  /** The asking person's cities. */
  cities: CityScope;
}

export interface CoverageOnDate {
  covered: boolean;
  /** Null when covered. NOT_ENROLLED also stands for an unknown participant or one outside the caller's cities (then every id below is null). */
  reason: NotCoveredReason | null;
  /** For a caseworker, in English, with the dates involved. */
  message: string;
  personId: string | null;
  kpjNumber: string | null;
  /** The enrolment that covered the day, or for ENDED the latest one before it, for BEFORE_START the first one after it. */
  enrolmentId: string | null;
  mouId: string | null;
  municipalityId: string | null;
  regionCode: string | null;
  occupationGroup: OccupationGroup | null;
  /** ACTIVE or INACTIVE on that date; ENDED when the day is after that enrolment ended; null before the start or when not enrolled. */
  statusOnDate: EnrolmentStatus | null;
  endReason: EndReason | null;
  coverageFrom: LocalDate | null;
  coverageTo: LocalDate | null;
  /** The programs of that enrolment (its MoU's). */
  programs: Program[];
  /** Rupiah as digits, the BPU basis the contribution is computed from (JKK benefits use it). */
  declaredMonthlyIncome: string | null;
  /** Rupiah as digits, the monthly contribution that income implies. */
  monthlyContribution: string | null;
  /** Recorded by recordDeath (or an enrolment ended with DIED); null when not known. */
  dateOfDeath: LocalDate | null;
}

export interface CoverageOnDateActivities {
  /** Was the participant's person covered on the date, and by which enrolment with which standing? Read only. */
  coverageOnDate(query: CoverageOnDateQuery): Promise<CoverageOnDate>;
}

export interface DeathRecord {
  participantId: string;
  dateOfDeath: LocalDate;
  /** The claim that established the death, for the audit log. */
  claimId: string | null;
  actor: Actor;
}

export interface DeathRecorded {
  personId: string;
  dateOfDeath: LocalDate;
  /**
   * Enrolments this call ended with reason DIED (covered through the date of death; one that had
   * not started yet ends the day before its start). The caller gives each place back to its MoU
   * (QuotaActivities.releaseQuota with participantId = enrolmentId and lastCoveredDay). Empty on a repeat.
   */
  ended: { enrolmentId: string; mouId: string; lastCoveredDay: LocalDate }[];
}

export interface DeathActivities {
  /**
   * Marks the person deceased and ends their open enrolments with reason DIED from the day after.
   * Idempotent: the same date again changes nothing. A different date than the one on record is
   * CONFLICT; a date in the future or before birth is BAD_USER_INPUT; an unknown participant NOT_FOUND.
   */
  recordDeath(record: DeathRecord): Promise<DeathRecorded>;
}

export interface StandingChange {
  /** Participant (enrolment) ids; at most 1,000 per call (page larger sets). */
  enrolmentIds: string[];
  /** From this day on (inclusive) the standing changes; the days before keep theirs. */
  fromDate: LocalDate;
  /** For the audit log, e.g. the invoices in arrears or the payment that settled them. */
  note: string | null;
  actor: Actor;
}

export interface StandingChanged {
  /** Enrolments whose standing changed. */
  changed: string[];
  /** Already so from that day, ended, or the day outside their coverage: nothing done. */
  unchanged: string[];
  /** Not known. */
  unknown: string[];
}

export interface EnrolmentStandingActivities {
  /** Arrears: INACTIVE from fromDate (claims for those days are INACTIVE_ARREARS). Idempotent. The place in the quota is kept. */
  markInactive(change: StandingChange): Promise<StandingChanged>;
  /** Arrears paid: ACTIVE again from fromDate (a fromDate at or before the inactive start erases it). Idempotent. */
  reactivate(change: StandingChange): Promise<StandingChanged>;
}

/** Everything the participants queue offers other workflows through this file. */
export type ParticipantQueueActivities = CoverageOnDateActivities & DeathActivities & EnrolmentStandingActivities;
