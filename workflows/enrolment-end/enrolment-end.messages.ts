import type { Actor, CityScope } from '../../domain/access.js';
import type { LocalDate } from '../../domain/calendar.js';
import type { EndReason } from '../../domain/participants/enrolment-status.js';
import type { TaskQueues } from '../contracts/task-queues.js';

export const ENROLMENT_END_WORKFLOW = 'endEnrolment';

/** One end per enrolment: a second start while the first runs is refused. */
export function enrolmentEndWorkflowId(participantId: string): string {
  return `enrolment-end/${participantId}`;
}

export interface EnrolmentEndRequest {
  participantId: string;
  /** Covered through this day, not after. */
  lastCoveredDay: LocalDate;
  reason: string;
  /** MOVED, DIED or WITHDRAWN (absent: WITHDRAWN). DIED records the last covered day as the date of death. */
  endReason?: EndReason;
  /** The ending person's cities: a participant elsewhere is as good as absent. */
  cities: CityScope;
  actor: Actor;
  queues: TaskQueues;
}

export interface EnrolmentEndOutcome {
  participantId: string;
  mouId: string;
  lastCoveredDay: LocalDate;
}

export type EnrolmentEndWorkflow = (request: EnrolmentEndRequest) => Promise<EnrolmentEndOutcome>;
