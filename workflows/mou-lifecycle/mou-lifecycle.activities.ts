import type { GroupRateWire } from '../billing/billing.activities.js';
import type { Actor } from '../../domain/access.js';
import type { LocalDate } from '../../domain/calendar.js';
import type { MouParty, MouStatus } from '../../domain/mou/mou-status.js';
import type { OccupationGroup } from '../../domain/participants/occupation.js';
import type { AddendumCommand, RenewCommand } from './mou-lifecycle.messages.js';

// The activities the MoU lifecycle workflow calls, per task queue. Every one is idempotent:
// Temporal may run an activity again after a crash.

// ── municipalities queue ─────────────────────────────────────────────────────────────────

export const NOTIFICATION_KINDS = [
  'MOU_SIGNED',
  'MOU_ACTIVATED',
  'MOU_RENEWAL_REMINDER',
  'MOU_RENEWAL_ESCALATION',
  'MOU_AMENDED',
  'MOU_RENEWED',
  'MOU_EXPIRED',
  'MOU_TERM_ENDED',
  'MOU_TERMINATED',
  'BUDGET_ALARM',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface MouNotice {
  mouId: string;
  kind: NotificationKind;
  /** Same key, same notification: a replayed step notifies once. */
  dedupeKey: string;
  /** The city's local date it happened on. */
  occurredOn: LocalDate;
  details: Record<string, string | number | null>;
}

export interface MouRecordActivities {
  recordSignature(input: { mouId: string; party: MouParty; signatory: string; signedOn: LocalDate; status: MouStatus; on: LocalDate; actor: Actor }): Promise<void>;
  /** A guarded status change: applied only from one of `from` (a repeat finds it done). Ending statuses release every held place. */
  recordStatus(input: { mouId: string; from: MouStatus[]; to: MouStatus; on: LocalDate; reason: string | null; actor: Actor }): Promise<void>;
  /** The term is over (expired, or a renewed MoU's term ended): places are released. */
  recordTermEnded(input: { mouId: string; on: LocalDate; actor: Actor }): Promise<void>;
  /** Checks the addendum against the stored terms and places in use, and stores the new version. */
  recordAddendum(input: { mouId: string; command: AddendumCommand; today: LocalDate }): Promise<{ version: number; validTo: LocalDate }>;
  /** Creates the successor (a DRAFT pre-filled from these terms and their use), marks this MoU RENEWED, starts the successor's lifecycle. */
  recordRenewal(input: { mouId: string; command: RenewCommand; today: LocalDate }): Promise<{ successorId: string; successorNumber: string }>;
  /** Stores the notification for its recipients and hands it to their webhooks. */
  notify(notice: MouNotice): Promise<void>;
  /** Raises a budget alarm for a fiscal-year line that is overcommitted or projected to run out within its year. */
  checkBudget(input: { mouId: string; today: LocalDate }): Promise<void>;
}

// ── participants queue ───────────────────────────────────────────────────────────────────

export interface MouCoverageActivities {
  /** Ends every active enrolment under the MoU: covered up to `lastCoveredDay`, not after. Set-based. */
  endEnrolmentsUnderMou(input: { mouId: string; lastCoveredDay: LocalDate; reason: 'MOU_EXPIRED' | 'MOU_TERMINATED' | 'MOU_TERM_ENDED'; actor: Actor }): Promise<{ ended: number }>;
}

// ── renewal: the participants of a RENEWED MoU move to its successor at the end of its term ──
// In pages (RENEWAL_PAGE_SIZE), so no list of a whole city travels through one payload:
// participants name the next open enrolments, municipalities hold a place for each on the
// successor as far as its quota goes, participants move those and end the rest.

export const RENEWAL_PAGE_SIZE = 500;

export interface RenewalCandidate {
  enrolmentId: string;
  occupationGroup: OccupationGroup;
}

export interface SuccessorMou {
  mouId: string;
  municipalityId: string;
  regionCode: string;
  programs: string[];
  validFrom: LocalDate;
  validTo: LocalDate;
  /** The successor's group rates (workflows/billing GroupRateWire); absent in histories recorded before. */
  rates?: GroupRateWire[];
}

/** Why a participant could not move to the successor. */
export interface RenewalRefusal {
  enrolmentId: string;
  code: 'QUOTA_EXCEEDED' | 'NOT_ELIGIBLE';
  message: string;
}

export interface RenewalReport {
  moved: number;
  /** Ended with MOU_RENEWED at the old validTo and not moved: beyond the successor's quota (or not funded by it). */
  leftBehind: number;
  /** Successor enrolment ids not used (the old enrolment had ended meanwhile): their places are to be given back. */
  unused: string[];
}

export interface RenewalMoveActivities {
  /** The next open (ACTIVE or INACTIVE) enrolments under the MoU, longest enrolled first. Empty when all have moved or ended. */
  renewalCandidates(input: { mouId: string; limit: number }): Promise<RenewalCandidate[]>;
  /**
   * Ends each listed enrolment with reason MOU_RENEWED, covered through `lastCoveredDay`, and for
   * each move starts the successor enrolment (same person, group and declared income, ACTIVE from
   * the successor's validFrom to its validTo) under the id given. Idempotent per enrolment.
   */
  moveToSuccessor(input: {
    mouId: string;
    lastCoveredDay: LocalDate;
    successor: SuccessorMou;
    moves: { enrolmentId: string; successorEnrolmentId: string }[];
    refused: RenewalRefusal[];
    actor: Actor;
  }): Promise<RenewalReport>;
}

// municipalities queue
export interface SuccessorQuotaActivities {
  /**
   * Holds places on the successor MoU (signed by both parties, its term not over) for a page of
   * moving participants, in order, under the successor's row lock: each one whose group the
   * successor funds and has room for (in the group and in total, terms as of `startsOn`) gets a
   * reservation under its new enrolment id; the rest are refused with their code. Idempotent per id.
   */
  reserveSuccessorPlaces(input: {
    successorId: string;
    startsOn: LocalDate;
    reservations: { participantId: string; enrolmentId: string; occupationGroup: OccupationGroup }[];
    actor: Actor;
  }): Promise<{ reserved: string[]; refused: { participantId: string; code: 'QUOTA_EXCEEDED' | 'NOT_ELIGIBLE'; message: string }[] }>;
}
