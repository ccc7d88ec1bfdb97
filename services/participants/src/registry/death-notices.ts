import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { isSupportedDate, type LocalDate } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import { maskNik, normalizeNik, validateNik } from '../../../../domain/nik.js';
import type { TaskQueues } from '../../../../workflows/contracts/task-queues.js';
import { DEATH_NOTICE_WORKFLOW, deathNoticeWorkflowId, type ClaimLeadOpened, type DeathNoticeWorkflow } from '../../../../workflows/death-notice/death-notice.messages.js';
import { auditActorOf } from '../../../kit/src/audit.js';
import type { Caller } from '../../../kit/src/context.js';
import { acceptedPending, mutationDeadlineMs, untilDeadline } from '../../../kit/src/deadline.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import { rethrowAsDomainError } from '../../../kit/src/temporal.js';
import type { DeathEvent } from './civil-registry.js';

/** Notices per call (a registry extract is sent in pages of this many). */
export const MAX_DEATH_NOTICES = 200;

export type DeathNoticeOutcome = 'LEAD_OPENED' | 'ALREADY_KNOWN' | 'NOT_COVERED' | 'UNKNOWN_PERSON' | 'INVALID';

export interface DeathNoticeResult {
  /** Position of the notice in the call, from 1. */
  line: number;
  nikMasked: string;
  dateOfDeath: string;
  outcome: DeathNoticeOutcome;
  leadId: string | null;
  participantId: string | null;
  message: string;
}

type Match = { person_id: string; enrolment_id: string; municipality_id: string; region_code: string };

/**
 * Deaths the civil registry reports (an extract, or a live adapter's `deaths`): each NIK is
 * matched by its blind index to a person covered on the date of death, and a claim lead is opened
 * in the claims inbox through the death-notice workflow (one per person and date, so a notice
 * delivered twice is ALREADY_KNOWN). Lindung does not mark the person deceased on a notice alone:
 * that happens when the JKM claim is paid.
 */
export class DeathNoticeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly queues: TaskQueues,
    private readonly cipher: FieldCipher,
  ) {}

  async record(notices: readonly DeathEvent[], caller: Caller): Promise<DeathNoticeResult[]> {
    if (notices.length === 0 || notices.length > MAX_DEATH_NOTICES) {
      throw new DomainError('BAD_USER_INPUT', `Send between 1 and ${MAX_DEATH_NOTICES} notices per call.`, 'notices');
    }
    const results: DeathNoticeResult[] = [];
    const runs: (() => Promise<void>)[] = [];
    const deadline = Date.now() + mutationDeadlineMs();
    for (const [i, notice] of notices.entries()) {
      const nik = normalizeNik(notice.nik);
      const result: DeathNoticeResult = {
        line: i + 1,
        nikMasked: maskNik(nik),
        dateOfDeath: notice.dateOfDeath,
        outcome: 'INVALID',
        leadId: null,
        participantId: null,
        message: '',
      };
      results.push(result);
      if (!validateNik(nik).ok || !isSupportedDate(notice.dateOfDeath)) {
        result.message = 'Not a valid NIK and date of death (YYYY-MM-DD).';
        continue;
      }
      const match = await this.coveredOn(nik, notice.dateOfDeath);
      if (!match) {
        result.outcome = (await this.knownPerson(nik)) ? 'NOT_COVERED' : 'UNKNOWN_PERSON';
        result.message = result.outcome === 'NOT_COVERED' ? 'The person was not covered on the date of death: no lead.' : 'Nobody with this NIK is enrolled: no lead.';
        continue;
      }
      result.participantId = match.enrolment_id;
      runs.push(() =>
        this.openLead(match, notice, caller).then((opened) => {
          result.leadId = opened.leadId;
          result.outcome = opened.opened ? 'LEAD_OPENED' : 'ALREADY_KNOWN';
          result.message = opened.opened ? 'A claim lead is open in the claims inbox.' : 'This death was reported before; its lead stands.';
        }),
      );
    }
    const done = await untilDeadline(this.temporal, deadline, () => Promise.all(runs.map((run) => run()))).catch(rethrowAsDomainError);
    if (!done.finished) {
      throw acceptedPending('The notices were received and their leads are still being opened (a worker may be busy or down); send the same notices again for the outcome.', {
        notices: notices.length,
      });
    }
    return results;
  }

  /** The enrolment that covered the day, of the person with this NIK. */
  private async coveredOn(nik: string, date: LocalDate): Promise<Match | null> {
    const [row] = (await this.dataSource.query(
      `SELECT p.id AS person_id, e.id AS enrolment_id, e.municipality_id, e.region_code
         FROM participants.person p JOIN participants.enrolment e ON e.person_id = p.id
        WHERE p.nik_index = $1 AND e.coverage_from <= $2::date AND e.coverage_to >= $2::date
        ORDER BY e.coverage_from DESC LIMIT 1`,
      [this.cipher.blindIndex('nik', nik), date],
    )) as Match[];
    return row ?? null;
  }

  private async knownPerson(nik: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM participants.person WHERE nik_index = $1`, [this.cipher.blindIndex('nik', nik)])) as unknown[];
    return rows.length > 0;
  }

  private async openLead(match: Match, notice: DeathEvent, caller: Caller): Promise<ClaimLeadOpened> {
    const workflowId = deathNoticeWorkflowId(match.person_id, notice.dateOfDeath);
    const request = {
      personId: match.person_id,
      participantId: match.enrolment_id,
      municipalityId: match.municipality_id,
      regionCode: match.region_code,
      dateOfDeath: notice.dateOfDeath,
      source: notice.source,
      actor: auditActorOf(caller),
      queues: this.queues,
    };
    try {
      return await this.temporal.workflow.execute<DeathNoticeWorkflow>(DEATH_NOTICE_WORKFLOW, { workflowId, taskQueue: this.queues.lifecycle, args: [request] });
    } catch (error) {
      // The same notice in flight from another call: its outcome is ours.
      if (error instanceof WorkflowExecutionAlreadyStartedError) return this.temporal.workflow.getHandle(workflowId).result() as Promise<ClaimLeadOpened>;
      throw error;
    }
  }
}
