import type { Actor } from '../../domain/access.js';
import type { LocalDate } from '../../domain/calendar.js';
import type { MouParty, MouStatus } from '../../domain/mou/mou-status.js';
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
