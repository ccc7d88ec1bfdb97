import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { todayIn } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import { decideCoverage, type CoverageDecision } from '../../../../domain/eligibility/coverage.js';
import { maskNik } from '../../../../domain/nik.js';
import { applicantWarnings, planEnrolment, validateApplicant } from '../../../../domain/participants/enrolment.js';
import type { Program } from '../../../../domain/programs.js';
import type { TaskQueues } from '../../../kit/src/config.js';
import { auditActorOf, recordAudit } from '../../../kit/src/audit.js';
import type { Caller } from '../../../kit/src/context.js';
import type { CityScope } from '../../../kit/src/identity.js';
import { CityScopeFilter } from '../../../kit/src/scope.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import { findVisibleByIds } from '../../../kit/src/batch.js';
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
  regionCode: string | null;
  decision: CoverageDecision;
}

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
    const applicant = { ...input, nik: input.nik.trim(), fullName: input.fullName.trim() };
    // Jayapura is the easternmost zone: a date in its past is in the past everywhere in Indonesia.
    validateApplicant(applicant, todayIn('Asia/Jayapura', this.now()));
    if (!isUuid(input.mouId)) throw new DomainError('NOT_FOUND', `No MoU with id ${input.mouId}.`, 'mouId');
    const participantId = randomUUID();
    const { nik, ...rest } = applicant;
    const request: EnrolmentRequest = {
      ...rest,
      nikCiphertext: this.cipher.encrypt(nik),
      nikIndex: this.nikIndex(nik),
      participantId,
      enrolledBy: caller.identity.subject,
      cities: caller.identity.cities,
      actor: auditActorOf(caller),
      queues: this.queues,
    };
    const outcome = await this.temporal.workflow
      .execute<typeof enrolParticipant>('enrolParticipant', {
        workflowId: `enrolment/${participantId}`,
        taskQueue: this.queues.lifecycle,
        args: [request],
      })
      .catch(rethrowAsDomainError);
    const [participant] = await this.findMany([outcome.participantId], caller.scope);
    if (!participant) throw new Error(`enrolment ${participantId} finished but its row is missing`);
    return { participant, warnings: outcome.warnings };
  }

  /** Activity: writes the enrolment. Idempotent on the workflow-chosen id; quota-safe per MoU. */
  async recordEnrolment(request: EnrolmentRequest, mou: MouForEnrolment): Promise<{ participantId: string; warnings: { code: string; message: string }[] }> {
    const nik = this.cipher.decrypt(request.nikCiphertext);
    const warnings = applicantWarnings({ ...request, nik }, mou.regionCode);
    await this.dataSource.transaction(async (tx) => {
      const [existing] = (await tx.query(`SELECT id FROM participants.participant WHERE id = $1`, [request.participantId])) as unknown[];
      if (existing) return; // a retry of an enrolment that already committed
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`mou-quota:${mou.mouId}`]);
      const [count] = (await tx.query(`SELECT count(*)::int AS n FROM participants.participant WHERE mou_id = $1 AND status = 'ACTIVE'`, [mou.mouId])) as { n: number }[];
      const coverage = planEnrolment({ ...mou, number: mou.mouNumber }, mou.today, count?.n ?? 0);
      const repository = tx.getRepository(ParticipantEntity);
      const row = {
          id: request.participantId,
          nikCiphertext: request.nikCiphertext,
          nikIndex: request.nikIndex,
          fullName: request.fullName,
          birthDate: request.birthDate,
          sex: request.sex,
          motherMaidenName: request.motherMaidenName.trim(),
          address: request.address.trim(),
          occupationGroup: request.occupationGroup,
          municipalityId: mou.municipalityId,
          mouId: mou.mouId,
          regionCode: mou.regionCode,
          programs: mou.programs as Program[],
          coverageFrom: coverage.coverageFrom,
          coverageTo: coverage.coverageTo,
          status: 'ACTIVE' as const,
          enrolledBy: request.enrolledBy,
      };
      try {
        await repository.insert(row);
      } catch (error) {
        if (isUniqueViolation(error, 'participant_one_active_nik')) {
          throw new DomainError('CONFLICT', 'This NIK is already actively enrolled; a person can be covered by one city scheme at a time.', 'nik');
        }
        throw error;
      }
      await recordAudit(tx, 'participants', {
        actor: request.actor, action: 'participant.enrol', entityType: 'Participant', entityId: row.id, regionCode: row.regionCode,
        before: null, after: { ...row, nikCiphertext: undefined, nikIndex: undefined, nik: maskNik(nik), warnings: warnings.map((w) => w.code) },
      });
    });
    return { participantId: request.participantId, warnings };
  }

  /** Activity: was this person covered for this program on the incident date? */
  async checkCoverage(query: { participantId: string; program: Program; incidentDate: string; cities: CityScope }): Promise<CoverageCheck> {
    const [participant] = await this.findMany([query.participantId], new CityScopeFilter(query.cities));
    if (!participant) {
      return { found: false, municipalityId: null, regionCode: null, decision: { covered: false, reasons: [] } };
    }
    return {
      found: true,
      municipalityId: participant.municipalityId,
      regionCode: participant.regionCode,
      decision: decideCoverage(participant, { program: query.program, incidentDate: query.incidentDate }),
    };
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

  private nikIndex(nik: string): string {
    return this.cipher.blindIndex('nik', nik);
  }

  async findMany(ids: readonly string[], scope: CityScopeFilter): Promise<(ParticipantEntity | null)[]> {
    return findVisibleByIds(this.dataSource.getRepository(ParticipantEntity), ids, scope, (row) => row.regionCode);
  }
}
