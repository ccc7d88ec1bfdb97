import type { DataSource } from 'typeorm';
import type { Actor } from '../../../../domain/access.js';
import { DomainError } from '../../../../domain/errors.js';
import { maskNik } from '../../../../domain/nik.js';
import { applicantWarnings } from '../../../../domain/participants/applicant.js';
import { checkEnrolmentEnd, planEnrolment } from '../../../../domain/participants/enrolment.js';
import type { EnrolmentEndOutcome, EnrolmentEndRequest } from '../../../../workflows/enrolment-end/enrolment-end.messages.js';
import { CityScopeFilter } from '../../../kit/src/scope.js';
import type { Program } from '../../../../domain/programs.js';
import type { EnrolmentRecordActivities, MouForEnrolment } from '../../../../workflows/enrolment/enrolment.activities.js';
import type { EnrolmentOutcome, EnrolmentRequest } from '../../../../workflows/enrolment/enrolment.messages.js';
import { recordAudit } from '../../../kit/src/audit.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import { isUniqueViolation } from '../../../kit/src/ids.js';
import { ParticipantEntity } from './participant.entity.js';

/**
 * The writes the enrolment workflow's activities perform. Idempotent on the workflow-chosen
 * participant id (Temporal may run an activity again). Quota is held by the municipalities service.
 */
export class EnrolmentRecords implements EnrolmentRecordActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  async recordEnrolment(request: EnrolmentRequest, mou: MouForEnrolment): Promise<EnrolmentOutcome> {
    const nik = this.cipher.decrypt(request.nikCiphertext);
    const warnings = applicantWarnings({ ...request, nik }, mou.regionCode);
    await this.dataSource.transaction(async (tx) => {
      const [existing] = (await tx.query(`SELECT id FROM participants.participant WHERE id = $1`, [request.participantId])) as unknown[];
      if (existing) return; // a retry of an enrolment that already committed
      // The place was reserved by municipalities' quota guard before this runs.
      const coverage = planEnrolment({ ...mou, number: mou.mouNumber }, mou.today);
      const row = {
        id: request.participantId,
        nikCiphertext: request.nikCiphertext,
        nikIndex: request.nikIndex,
        fullName: request.fullName,
        birthDate: request.birthDate,
        sex: request.sex,
        motherMaidenName: request.motherMaidenName,
        address: request.address,
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
        await tx.getRepository(ParticipantEntity).insert(row);
      } catch (error) {
        if (isUniqueViolation(error, 'participant_one_active_nik')) {
          throw new DomainError('CONFLICT', 'This NIK is already actively enrolled; a person can be covered by one city scheme at a time.', 'nik');
        }
        throw error;
      }
      await recordAudit(tx, 'participants', {
        actor: request.actor,
        action: 'participant.enrol',
        entityType: 'Participant',
        entityId: row.id,
        regionCode: row.regionCode,
        before: null,
        after: { ...row, nikCiphertext: undefined, nikIndex: undefined, nik: maskNik(nik), warnings: warnings.map((w) => w.code) },
      });
    });
    return { participantId: request.participantId, warnings };
  }

  /** One enrolment ends early: covered through lastCoveredDay. A repeat (Temporal retry) finds it done. */
  async recordEnrolmentEnded(request: Omit<EnrolmentEndRequest, 'queues'>): Promise<EnrolmentEndOutcome> {
    return this.dataSource.transaction(async (tx) => {
      const [row] = (await tx.query(`SELECT id, mou_id, region_code, status, coverage_from, coverage_to FROM participants.participant WHERE id = $1 FOR UPDATE`, [
        request.participantId,
      ])) as { id: string; mou_id: string; region_code: string; status: string; coverage_from: string; coverage_to: string }[];
      if (!row || !new CityScopeFilter(request.cities).allows(row.region_code))
        throw new DomainError('NOT_FOUND', `No participant with id ${request.participantId}.`, 'participantId');
      if (row.status === 'TERMINATED' && row.coverage_to === request.lastCoveredDay) return { participantId: row.id, mouId: row.mou_id, lastCoveredDay: row.coverage_to };
      checkEnrolmentEnd({ status: row.status, coverageFrom: row.coverage_from, coverageTo: row.coverage_to }, request.lastCoveredDay, request.reason);
      await tx.query(`UPDATE participants.participant SET status = 'TERMINATED', coverage_to = $2 WHERE id = $1`, [row.id, request.lastCoveredDay]);
      await recordAudit(tx, 'participants', {
        actor: request.actor,
        action: 'participant.end',
        entityType: 'Participant',
        entityId: row.id,
        regionCode: row.region_code,
        before: { status: row.status, coverageTo: row.coverage_to },
        after: { status: 'TERMINATED', coverageTo: request.lastCoveredDay, reason: request.reason.trim() },
      });
      return { participantId: row.id, mouId: row.mou_id, lastCoveredDay: request.lastCoveredDay };
    });
  }

  /**
   * An MoU expired or was terminated: every active enrolment under it ends, covered up to
   * `lastCoveredDay` and not after. One set-based statement, one audit row for the MoU.
   */
  async endEnrolmentsUnderMou(input: { mouId: string; lastCoveredDay: string; reason: string; actor: Actor }): Promise<{ ended: number }> {
    return this.dataSource.transaction(async (tx) => {
      const rows = (await tx.query(
        `UPDATE participants.participant SET status = 'TERMINATED', coverage_to = LEAST(coverage_to, $2::date)
          WHERE mou_id = $1 AND status = 'ACTIVE' RETURNING region_code`,
        [input.mouId, input.lastCoveredDay],
      )) as [{ region_code: string }[], number];
      const ended = rows[1];
      if (ended > 0) {
        await recordAudit(tx, 'participants', {
          actor: input.actor,
          action: 'participant.end_under_mou',
          entityType: 'Mou',
          entityId: input.mouId,
          regionCode: rows[0][0]?.region_code ?? null,
          before: { status: 'ACTIVE' },
          after: { status: 'TERMINATED', lastCoveredDay: input.lastCoveredDay, reason: input.reason, participants: ended },
        });
      }
      return { ended };
    });
  }
}
