import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../domain/access.js';
import type { LocalDate } from '../../domain/calendar.js';
import type { DayClock } from '../../domain/local-clock.js';
import type { MouParty, MouStatus } from '../../domain/mou/mou-status.js';
import type { OccupationGroup } from '../../domain/participants/occupation.js';
import type { TaskQueues } from '../contracts/task-queues.js';

export const MOU_LIFECYCLE_WORKFLOW = 'mouLifecycle';

/** One lifecycle per MoU: a duplicate start is refused. */
export function mouWorkflowId(mouId: string): string {
  return `mou/${mouId}`;
}

/** Every duration is an input: tests run a whole term in seconds with a compressed clock and short offsets. */
export interface MouLifecycleSettings {
  /** The city's local calendar (fixed UTC offset; compressed in tests). */
  clock: DayClock;
  /** Days before validTo; the largest opens the renewal window. */
  reminderOffsetsDays: number[];
  /** Not renewed this many days before validTo → escalated to BPJS administrators. */
  escalationDaysBefore: number;
  /** While in force, budget alarms are checked every this many days. */
  budgetCheckEveryDays: number;
  /** Continue as new once the history is this long. */
  continueAsNewAfterEvents: number;
  /** Participants per page when a renewed MoU's participants move to its successor (default RENEWAL_PAGE_SIZE). */
  renewalPageSize?: number;
}

/** What the workflow knows; carried across continue-as-new, rebuilt from the read model on a fresh start. */
export interface MouLifecycleState {
  status: MouStatus;
  signed: MouParty[];
  validFrom: LocalDate;
  validTo: LocalDate;
  remindersSent: number[];
  escalated: boolean;
  lastBudgetCheck: LocalDate | null;
  successorId: string | null;
  /** Set once the term is over (expired, or the end of a renewed MoU's term). */
  ended: boolean;
}

export interface MouLifecycleInput {
  mouId: string;
  number: string;
  settings: MouLifecycleSettings;
  state: MouLifecycleState;
  queues: TaskQueues;
}

export interface MouCommand {
  actor: Actor;
}

export interface SignCommand extends MouCommand {
  party: MouParty;
  signatory: string;
  signedOn: LocalDate;
}

/** Rupiah travel as digit strings (Temporal payloads are JSON). */
export interface GroupTermsWire {
  group: OccupationGroup;
  quota: number;
  monthlyContribution: string;
}

export interface BudgetLineWire {
  fiscalYear: number;
  amount: string;
  apbdReference: string | null;
}

export interface AddendumCommand extends MouCommand {
  effectiveFrom: LocalDate;
  signedOn: LocalDate;
  reason: string;
  validTo: LocalDate | null;
  quota: number | null;
  groups: GroupTermsWire[] | null;
  budgetLines: BudgetLineWire[] | null;
}

export interface RenewCommand extends MouCommand {
  /** Chosen by the service, so a retried activity creates the successor once. */
  successorId: string;
  validTo: LocalDate | null;
  quota: number | null;
  groups: GroupTermsWire[] | null;
  budgetLines: BudgetLineWire[] | null;
}

export interface TerminateCommand extends MouCommand {
  reason: string;
}

export interface MouProgress {
  status: MouStatus;
  signed: MouParty[];
  validTo: LocalDate;
  successorId: string | null;
}

export type MouLifecycleWorkflow = (input: MouLifecycleInput) => Promise<MouProgress>;

export const signUpdate = defineUpdate<MouProgress, [SignCommand]>('sign');
export const addendumUpdate = defineUpdate<MouProgress, [AddendumCommand]>('addendum');
export const renewUpdate = defineUpdate<MouProgress, [RenewCommand]>('renew');
export const terminateUpdate = defineUpdate<MouProgress, [TerminateCommand]>('terminate');
export const mouProgressQuery = defineQuery<MouProgress>('progress');
