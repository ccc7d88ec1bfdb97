import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { todayIn } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import { normaliseApplicant, validateApplicant } from '../../../../domain/participants/applicant.js';
import type { TaskQueues } from '../../../../workflows/contracts/task-queues.js';
import {
  ENROLMENT_WORKFLOW,
  enrolmentWorkflowId,
  type EnrolmentRequest,
  type EnrolmentWarning,
  type EnrolmentWorkflow,
} from '../../../../workflows/enrolment/enrolment.messages.js';
import { auditActorOf } from '../../../kit/src/audit.js';
import { findVisibleByIds } from '../../../kit/src/batch.js';
import type { Caller } from '../../../kit/src/context.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';
import { rethrowAsDomainError } from '../../../kit/src/temporal.js';
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
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Enrols one worker. The MoU lives in another service, so the enrolment workflow reads it
   * through an activity and then records the enrolment here; this waits for its outcome.
   */
  async enrol(input: EnrolParticipantInput, caller: Caller): Promise<EnrolmentResult> {
    const applicant = normaliseApplicant(input);
    // Jayapura is the easternmost zone: a date in its past is in the past everywhere in Indonesia.
    validateApplicant(applicant, todayIn('Asia/Jayapura', this.now()));
    if (!isUuid(input.mouId)) throw new DomainError('NOT_FOUND', `No MoU with id ${input.mouId}.`, 'mouId');
    const { nik, ...rest } = applicant;
    const request: EnrolmentRequest = {
      ...rest,
      nikCiphertext: this.cipher.encrypt(nik),
      nikIndex: this.nikIndex(nik),
      participantId: randomUUID(),
      enrolledBy: caller.identity.subject,
      cities: caller.identity.cities,
      actor: auditActorOf(caller),
      queues: this.queues,
    };
    const outcome = await this.temporal.workflow
      .execute<EnrolmentWorkflow>(ENROLMENT_WORKFLOW, {
        workflowId: enrolmentWorkflowId(request.mouId, request.nikIndex),
        taskQueue: this.queues.lifecycle,
        args: [request],
      })
      .catch((error: unknown) => {
        if (error instanceof WorkflowExecutionAlreadyStartedError) {
          throw new DomainError('CONFLICT', 'This person is being enrolled under this MoU right now; wait a moment and look them up by NIK.', 'nik');
        }
        return rethrowAsDomainError(error);
      });
    const [participant] = await this.findMany([outcome.participantId], caller.scope);
    if (!participant) throw new Error(`enrolment ${request.participantId} finished but its row is missing`);
    return { participant, warnings: outcome.warnings };
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
        args: [{ participantId: participant.id, lastCoveredDay: input.lastCoveredDay, reason: input.reason, cities: caller.identity.cities, actor: auditActorOf(caller), queues: this.queues }],
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

  private nikIndex(nik: string): string {
    return this.cipher.blindIndex('nik', nik);
  }
}
