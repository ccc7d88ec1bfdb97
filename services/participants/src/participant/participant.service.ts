import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { todayIn } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import { applicantWarnings, normaliseApplicant, validateApplicant } from '../../../../domain/participants/applicant.js';
import type { TaskQueues } from '../../../../workflows/contracts/task-queues.js';
import {
  ENROLMENT_WORKFLOW,
  enrolmentWorkflowId,
  type EnrolmentRequest,
  type EnrolmentWarning,
  type EnrolmentWorkflow,
} from '../../../../workflows/enrolment/enrolment.messages.js';
import { auditActorOf } from '../../../kit/src/audit.js';
import { findVisibleByIds, groupByKeys } from '../../../kit/src/batch.js';
import { incomeBasis } from '../../../../domain/contributions/income-basis.js';
import type { Standing } from '../../../../domain/participants/enrolment-status.js';
import type { Caller } from '../../../kit/src/context.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';
import { rethrowAsDomainError } from '../../../kit/src/temporal.js';
import { acceptedPending, engineDidNotAnswer, mutationDeadlineMs, untilDeadline } from '../../../kit/src/deadline.js';
import { idempotentId } from '../../../kit/src/idempotency.js';
import { ParticipantEntity } from './participant.entity.js';
import type { EndEnrolmentInput, EnrolParticipantInput } from './participant.inputs.js';
import { checkEnrolmentEnd } from '../../../../domain/participants/enrolment.js';
import { ENROLMENT_END_WORKFLOW, enrolmentEndWorkflowId, type EnrolmentEndWorkflow } from '../../../../workflows/enrolment-end/enrolment-end.messages.js';

export interface EnrolmentResult {
  participant: ParticipantEntity;
  warnings: EnrolmentWarning[];
}

/** Participant use cases: enrolment goes through its workflow; reads come from the read model. */
export class ParticipantService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly queues: TaskQueues,
    private readonly cipher: FieldCipher,
    private readonly deadlineMs: number = mutationDeadlineMs(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Enrols one worker. The MoU lives in another service, so the enrolment workflow reads it
   * through an activity and then records the enrolment here; this waits for its outcome until
   * the mutation deadline, then answers ACCEPTED_PENDING with the participant id it will have.
   * With an Idempotency-Key the participant id is derived from it, so a retry joins the first
   * attempt's workflow, or (once that has finished) finds the enrolment it recorded.
   */
  async enrol(input: EnrolParticipantInput, caller: Caller): Promise<EnrolmentResult> {
    const deadline = this.now().getTime() + this.deadlineMs;
    const applicant = normaliseApplicant(input);
    // Jayapura is the easternmost zone: a date in its past is in the past everywhere in Indonesia.
    validateApplicant(applicant, todayIn('Asia/Jayapura', this.now()));
    if (!isUuid(input.mouId)) throw new DomainError('NOT_FOUND', `No MoU with id ${input.mouId}.`, 'mouId');
    const { nik, declaredMonthlyIncome, ...rest } = applicant;
    if (declaredMonthlyIncome !== undefined && declaredMonthlyIncome !== null) incomeBasis(declaredMonthlyIncome, todayIn('Asia/Jayapura', this.now()));
    const keyed = idempotentId(caller, 'enrolParticipant', applicant);
    if (keyed) {
      // A keyed retry of an enrolment that went through: the same participant, the same warnings.
      const [first] = await this.findMany([keyed], caller.scope);
      if (first) return { participant: first, warnings: applicantWarnings(applicant, first.regionCode) };
    }
    const participantId = keyed ?? randomUUID();
    const request: EnrolmentRequest = {
      ...rest,
      ...(declaredMonthlyIncome === undefined || declaredMonthlyIncome === null ? {} : { declaredMonthlyIncome: declaredMonthlyIncome.toString() }),
      nikCiphertext: this.cipher.encrypt(nik),
      nikIndex: this.nikIndex(nik),
      participantId,
      enrolledBy: caller.identity.subject,
      cities: caller.identity.cities,
      actor: auditActorOf(caller),
      queues: this.queues,
    };
    const workflowId = enrolmentWorkflowId(request.mouId, request.nikIndex);
    const started = await untilDeadline(this.temporal, deadline, () =>
      this.temporal.workflow
        .start<EnrolmentWorkflow>(ENROLMENT_WORKFLOW, { workflowId, taskQueue: this.queues.lifecycle, args: [request], memo: { participantId } })
        .catch(async (error: unknown) => {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
          // Running already: our own first attempt (same derived id) is joined; anyone else's is a conflict.
          const running = this.temporal.workflow.getHandle<EnrolmentWorkflow>(workflowId);
          if ((await running.describe()).memo?.['participantId'] === participantId) return running;
          throw new DomainError('CONFLICT', 'This person is being enrolled under this MoU right now; wait a moment and look them up by NIK.', 'nik');
        }),
    ).catch(rethrowAsDomainError);
    if (!started.finished) throw engineDidNotAnswer(this.deadlineMs);
    const outcome = await untilDeadline(this.temporal, deadline, () => started.value.result()).catch(rethrowAsDomainError);
    if (!outcome.finished) {
      throw acceptedPending(
        `The enrolment was received and is still running (a worker may be busy or down); it completes on its own. Look the participant up by id ${participantId} or by NIK, or send the same request with the same Idempotency-Key for its result.`,
        { participantId },
      );
    }
    const [participant] = await this.findMany([outcome.value.participantId], caller.scope);
    if (!participant) throw new Error(`enrolment ${request.participantId} finished but its row is missing`);
    return { participant, warnings: outcome.value.warnings };
  }

  /** Ends an enrolment early; the place goes back to the MoU's quota (through the enrolment-end workflow). */
  async endEnrolment(input: EndEnrolmentInput, caller: Caller): Promise<ParticipantEntity> {
    const [participant] = await this.findMany([input.participantId], caller.scope);
    if (!participant) throw new DomainError('NOT_FOUND', `No participant with id ${input.participantId}.`, 'participantId');
    checkEnrolmentEnd(participant, input.lastCoveredDay, input.reason);
    await this.temporal.workflow
      .execute<EnrolmentEndWorkflow>(ENROLMENT_END_WORKFLOW, {
        workflowId: enrolmentEndWorkflowId(participant.id),
        taskQueue: this.queues.lifecycle,
        args: [
          {
            participantId: participant.id,
            lastCoveredDay: input.lastCoveredDay,
            reason: input.reason,
            ...(input.endReason ? { endReason: input.endReason } : {}),
            cities: caller.identity.cities,
            actor: auditActorOf(caller),
            queues: this.queues,
          },
        ],
      })
      .catch((error: unknown) => {
        if (error instanceof WorkflowExecutionAlreadyStartedError) throw new DomainError('CONFLICT', 'This enrolment is being ended right now.', 'participantId');
        return rethrowAsDomainError(error);
      });
    const [ended] = await this.findMany([participant.id], caller.scope);
    return ended!;
  }

  /** Exact lookup by NIK through the blind index; the NIK itself is never stored in the clear. */
  async findByNik(nik: string, scope: CityScopeFilter): Promise<ParticipantEntity[]> {
    const rows = await this.dataSource
      .getRepository(ParticipantEntity)
      .createQueryBuilder('p')
      .where('p.nik_index = :index', { index: this.nikIndex(nik.trim()) })
      .orderBy('p.enrolled_at', 'DESC')
      .getMany();
    return rows.filter((row) => scope.allows(row.regionCode));
  }

  nikOf(participant: ParticipantEntity): string {
    return this.cipher.decrypt(participant.nikCiphertext);
  }

  async findMany(ids: readonly string[], scope: CityScopeFilter): Promise<(ParticipantEntity | null)[]> {
    return findVisibleByIds(this.dataSource.getRepository(ParticipantEntity), ids, scope, (row) => row.regionCode);
  }

  /** Standing periods of each enrolment, oldest first. */
  async statusHistories(ids: readonly string[]): Promise<{ status: Standing; from: string; to: string | null }[][]> {
    const rows = (await this.dataSource.query(
      `SELECT enrolment_id, status, valid_from::text AS from, valid_to::text AS to FROM participants.enrolment_status_period WHERE enrolment_id = ANY($1::uuid[]) ORDER BY valid_from`,
      [ids.filter(isUuid)],
    )) as { enrolment_id: string; status: Standing; from: string; to: string | null }[];
    return groupByKeys(ids, rows, (row) => row.enrolment_id).map((periods) => periods.map(({ status, from, to }) => ({ status, from, to })));
  }

  private nikIndex(nik: string): string {
    return this.cipher.blindIndex('nik', nik);
  }
}
