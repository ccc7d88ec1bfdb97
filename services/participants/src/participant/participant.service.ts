import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { todayIn } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import { decideCoverage, type CoverageDecision } from '../../../../domain/eligibility/coverage.js';
import { applicantWarnings, planEnrolment, validateApplicant } from '../../../../domain/participants/enrolment.js';
import type { Program } from '../../../../domain/programs.js';
import type { TaskQueues } from '../../../kit/src/config.js';
import type { Actor } from '../../../kit/src/context.js';
import { isUniqueViolation, isUuid } from '../../../kit/src/ids.js';
import { rethrowAsDomainError } from '../../../kit/src/temporal.js';
import type { enrolParticipant, EnrolmentRequest } from '../../../../workflows/enrolment/enrol-participant.workflow.js';
import type { MouForEnrolment } from '../../../municipalities/src/mou/mou.service.js';
import { ParticipantEntity } from './participant.entity.js';
import type { EnrolParticipantInput } from './participant.inputs.js';

export interface EnrolmentResult {
  participant: ParticipantEntity;
  warnings: { code: string; message: string }[];
}

export interface CoverageCheck {
  found: boolean;
  municipalityId: string | null;
  decision: CoverageDecision;
}

export class ParticipantService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly queues: TaskQueues,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Enrols one worker. The MoU lives in another service, so the enrolment workflow reads it
   * through an activity and then records the enrolment here; this waits for its outcome.
   */
  async enrol(input: EnrolParticipantInput, actor: Actor): Promise<EnrolmentResult> {
    const applicant = { ...input, nik: input.nik.trim(), fullName: input.fullName.trim() };
    // Jayapura is the easternmost zone: a date in its past is in the past everywhere in Indonesia.
    validateApplicant(applicant, todayIn('Asia/Jayapura', this.now()));
    if (!isUuid(input.mouId)) throw new DomainError('NOT_FOUND', `No MoU with id ${input.mouId}.`, 'mouId');
    const participantId = randomUUID();
    const request: EnrolmentRequest = { ...applicant, participantId, enrolledBy: actor.id, queues: this.queues };
    const outcome = await this.temporal.workflow
      .execute<typeof enrolParticipant>('enrolParticipant', {
        workflowId: `enrolment/${participantId}`,
        taskQueue: this.queues.lifecycle,
        args: [request],
      })
      .catch(rethrowAsDomainError);
    const [participant] = await this.findMany([outcome.participantId]);
    if (!participant) throw new Error(`enrolment ${participantId} finished but its row is missing`);
    return { participant, warnings: outcome.warnings };
  }

  /** Activity: writes the enrolment. Idempotent on the workflow-chosen id; quota-safe per MoU. */
  async recordEnrolment(request: EnrolmentRequest, mou: MouForEnrolment): Promise<{ participantId: string; warnings: { code: string; message: string }[] }> {
    const warnings = applicantWarnings(request, mou.regionCode);
    await this.dataSource.transaction(async (tx) => {
      const [existing] = (await tx.query(`SELECT id FROM participants.participant WHERE id = $1`, [request.participantId])) as unknown[];
      if (existing) return; // a retry of an enrolment that already committed
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`mou-quota:${mou.mouId}`]);
      const [count] = (await tx.query(`SELECT count(*)::int AS n FROM participants.participant WHERE mou_id = $1 AND status = 'ACTIVE'`, [mou.mouId])) as { n: number }[];
      const coverage = planEnrolment({ ...mou, number: mou.mouNumber }, mou.today, count?.n ?? 0);
      const repository = tx.getRepository(ParticipantEntity);
      try {
        await repository.insert({
          id: request.participantId,
          nik: request.nik,
          fullName: request.fullName,
          birthDate: request.birthDate,
          sex: request.sex,
          motherMaidenName: request.motherMaidenName.trim(),
          address: request.address.trim(),
          occupationGroup: request.occupationGroup,
          municipalityId: mou.municipalityId,
          mouId: mou.mouId,
          programs: mou.programs as Program[],
          coverageFrom: coverage.coverageFrom,
          coverageTo: coverage.coverageTo,
          status: 'ACTIVE',
          enrolledBy: request.enrolledBy,
        });
      } catch (error) {
        if (isUniqueViolation(error, 'participant_one_active_nik')) {
          throw new DomainError('CONFLICT', 'This NIK is already actively enrolled; a person can be covered by one city scheme at a time.', 'nik');
        }
        throw error;
      }
    });
    return { participantId: request.participantId, warnings };
  }

  /** Activity: was this person covered for this program on the incident date? */
  async checkCoverage(query: { participantId: string; program: Program; incidentDate: string }): Promise<CoverageCheck> {
    const [participant] = await this.findMany([query.participantId]);
    if (!participant) {
      return { found: false, municipalityId: null, decision: { covered: false, reasons: [] } };
    }
    return {
      found: true,
      municipalityId: participant.municipalityId,
      decision: decideCoverage(participant, { program: query.program, incidentDate: query.incidentDate }),
    };
  }

  async findMany(ids: readonly string[]): Promise<(ParticipantEntity | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await this.dataSource.getRepository(ParticipantEntity).createQueryBuilder('p').where('p.id = ANY(:ids)', { ids: valid }).getMany()
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
