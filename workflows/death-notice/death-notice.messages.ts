import type { Actor } from '../../domain/access.js';
import type { LocalDate } from '../../domain/calendar.js';
import type { TaskQueues } from '../contracts/task-queues.js';

export const DEATH_NOTICE_WORKFLOW = 'deathNotice';

/** One run per (person, date of death): the same notice delivered twice opens one lead. */
export function deathNoticeWorkflowId(personId: string, dateOfDeath: LocalDate): string {
  return `death-notice/${personId}/${dateOfDeath}`;
}

/** A death the civil registry reported for a covered person, matched by the participants service. */
export interface DeathNotice {
  personId: string;
  /** The enrolment (Participant id) that covered the date of death, else the person's latest one. */
  participantId: string;
  municipalityId: string;
  regionCode: string;
  dateOfDeath: LocalDate;
  /** Where the notice came from, e.g. "registry-extract" or "admin". */
  source: string;
  actor: Actor;
}

export interface DeathNoticeRequest extends DeathNotice {
  queues: TaskQueues;
}

export interface ClaimLeadOpened {
  leadId: string;
  /** False when a lead for this person and date existed already (nothing new was written). */
  opened: boolean;
}

export type DeathNoticeWorkflow = (request: DeathNoticeRequest) => Promise<ClaimLeadOpened>;
