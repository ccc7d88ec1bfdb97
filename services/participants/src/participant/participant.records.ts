import type { DataSource } from 'typeorm';
import { DomainError } from '../../../../domain/errors.js';
import { maskNik } from '../../../../domain/nik.js';
import { applicantWarnings } from '../../../../domain/participants/applicant.js';
import { planEnrolment } from '../../../../domain/participants/enrolment.js';
import type { Program } from '../../../../domain/programs.js';
import type { EnrolmentRecordActivities, MouForEnrolment } from '../../../../workflows/enrolment/enrolment.activities.js';
import type { EnrolmentOutcome, EnrolmentRequest } from '../../../../workflows/enrolment/enrolment.messages.js';
import { recordAudit } from '../../../kit/src/audit.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import { isUniqueViolation } from '../../../kit/src/ids.js';
import { ParticipantEntity } from './participant.entity.js';

/**
 * The writes the enrolment workflow's activities perform. Idempotent on the workflow-chosen
 * participant id (Temporal may run an activity again); quota-safe per MoU.
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
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`mou-quota:${mou.mouId}`]);
      const [count] = (await tx.query(`SELECT count(*)::int AS n FROM participants.participant WHERE mou_id = $1 AND status = 'ACTIVE'`, [mou.mouId])) as { n: number }[];
      const coverage = planEnrolment({ ...mou, number: mou.mouNumber }, mou.today, count?.n ?? 0);
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
        actor: request.actor, action: 'participant.enrol', entityType: 'Participant', entityId: row.id, regionCode: row.regionCode,
        before: null, after: { ...row, nikCiphertext: undefined, nikIndex: undefined, nik: maskNik(nik), warnings: warnings.map((w) => w.code) },
      });
    });
    return { participantId: request.participantId, warnings };
  }
}
