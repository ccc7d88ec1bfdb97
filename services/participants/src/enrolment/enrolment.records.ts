import type { DataSource } from 'typeorm';
import type { Actor } from '../../../../domain/access.js';
import { enrolmentRate } from '../../../../domain/contributions/group-rates.js';
import { contributionForIncome, DEFAULT_DECLARED_INCOME } from '../../../../domain/contributions/income-basis.js';
import { DomainError } from '../../../../domain/errors.js';
import { maskNik } from '../../../../domain/nik.js';
import { applicantWarnings } from '../../../../domain/participants/applicant.js';
import { checkEnrolmentEnd, planEnrolment } from '../../../../domain/participants/enrolment.js';
import { OPERATOR_END_REASONS } from '../../../../domain/participants/enrolment-status.js';
import type { Program } from '../../../../domain/programs.js';
import type { EnrolmentEndOutcome, EnrolmentEndRequest } from '../../../../workflows/enrolment-end/enrolment-end.messages.js';
import type { EnrolmentRecordActivities, MouForEnrolment } from '../../../../workflows/enrolment/enrolment.activities.js';
import type { EnrolmentOutcome, EnrolmentRequest } from '../../../../workflows/enrolment/enrolment.messages.js';
import { recordAudit } from '../../../kit/src/audit.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import { isUniqueViolation } from '../../../kit/src/ids.js';
import { CityScopeFilter } from '../../../kit/src/scope.js';
import { ratesFromWire } from '../contribution/billing-wire.js';
import { issueKpjOnActivation, personForEnrolment } from '../person/person.records.js';

/** The one-open-enrolment-per-person index (migration 1765100000000). */
export const ONE_OPEN_ENROLMENT = 'enrolment_one_open_per_person';
export const ALREADY_COVERED = 'This NIK is already actively enrolled; a person can be covered by one city scheme at a time.';

/**
 * The writes the enrolment workflows' activities perform. Idempotent on the workflow-chosen
 * enrolment (participant) id (Temporal may run an activity again). Quota is held by municipalities.
 */
export class EnrolmentRecords implements EnrolmentRecordActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  /** The person (created on first enrolment), the enrolment ACTIVE from its first day, the KPJ number on first activation. */
  async recordEnrolment(request: EnrolmentRequest, mou: MouForEnrolment): Promise<EnrolmentOutcome> {
    const nik = this.cipher.decrypt(request.nikCiphertext);
    const warnings = applicantWarnings({ ...request, nik }, mou.regionCode);
    await this.dataSource.transaction(async (tx) => {
      const [existing] = (await tx.query(`SELECT id FROM participants.enrolment WHERE id = $1`, [request.participantId])) as unknown[];
      if (existing) return; // a retry of an enrolment that already committed
      // The place was reserved by municipalities' quota guard before this runs.
      const coverage = planEnrolment({ ...mou, number: mou.mouNumber }, mou.today);
      const programs = mou.programs as Program[];
      const income = request.declaredMonthlyIncome === undefined ? DEFAULT_DECLARED_INCOME : BigInt(request.declaredMonthlyIncome);
      // The MoU's group rate is the one rate source (billing charges it); the income formula only
      // for MoU lookups recorded before rates travelled with them.
      const contribution =
        enrolmentRate(ratesFromWire(mou.rates ?? []), request.occupationGroup, coverage.coverageFrom) ?? contributionForIncome(programs, income, coverage.coverageFrom).total;
      const person = await personForEnrolment(tx, { ...request, regionCode: mou.regionCode });
      try {
        await tx.query(
          `INSERT INTO participants.enrolment (id, person_id, full_name, occupation_group, municipality_id, mou_id, region_code, programs,
                  coverage_from, coverage_to, status, declared_monthly_income, monthly_contribution, enrolled_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'ACTIVE', $11, $12, $13)`,
          [
            request.participantId,
            person.id,
            request.fullName,
            request.occupationGroup,
            mou.municipalityId,
            mou.mouId,
            mou.regionCode,
            programs,
            coverage.coverageFrom,
            coverage.coverageTo,
            income.toString(),
            contribution.toString(),
            request.enrolledBy,
          ],
        );
      } catch (error) {
        if (isUniqueViolation(error, ONE_OPEN_ENROLMENT)) throw new DomainError('CONFLICT', ALREADY_COVERED, 'nik');
        throw error;
      }
      await tx.query(`INSERT INTO participants.enrolment_status_period (enrolment_id, status, valid_from) VALUES ($1, 'ACTIVE', $2)`, [
        request.participantId,
        coverage.coverageFrom,
      ]);
      const kpjNumber = await issueKpjOnActivation(tx, person.id);
      await recordAudit(tx, 'participants', {
        actor: request.actor,
        action: 'participant.enrol',
        entityType: 'Participant',
        entityId: request.participantId,
        regionCode: mou.regionCode,
        before: null,
        after: {
          personId: person.id,
          kpjNumber,
          nik: maskNik(nik),
          fullName: request.fullName,
          occupationGroup: request.occupationGroup,
          mouId: mou.mouId,
          programs,
          ...coverage,
          declaredMonthlyIncome: income.toString(),
          monthlyContribution: contribution.toString(),
          warnings: warnings.map((w) => w.code),
        },
      });
    });
    return { participantId: request.participantId, warnings };
  }

  /** One enrolment ends early: covered through lastCoveredDay. A repeat (Temporal retry) finds it done. */
  async recordEnrolmentEnded(request: Omit<EnrolmentEndRequest, 'queues'>): Promise<EnrolmentEndOutcome> {
    const endReason = request.endReason ?? 'WITHDRAWN';
    if (!OPERATOR_END_REASONS.includes(endReason)) {
      throw new DomainError('BAD_USER_INPUT', `An enrolment is ended early as ${OPERATOR_END_REASONS.join(', ')}; ${endReason} is the system's.`, 'endReason');
    }
    return this.dataSource.transaction(async (tx) => {
      const [row] = (await tx.query(
        `SELECT id, person_id, mou_id, region_code, status, coverage_from::text, coverage_to::text FROM participants.enrolment WHERE id = $1 FOR UPDATE`,
        [request.participantId],
      )) as { id: string; person_id: string; mou_id: string; region_code: string; status: string; coverage_from: string; coverage_to: string }[];
      if (!row || !new CityScopeFilter(request.cities).allows(row.region_code)) {
        throw new DomainError('NOT_FOUND', `No participant with id ${request.participantId}.`, 'participantId');
      }
      if (row.status === 'ENDED' && row.coverage_to === request.lastCoveredDay) return { participantId: row.id, mouId: row.mou_id, lastCoveredDay: row.coverage_to };
      checkEnrolmentEnd({ status: row.status, coverageFrom: row.coverage_from, coverageTo: row.coverage_to }, request.lastCoveredDay, request.reason);
      await tx.query(`UPDATE participants.enrolment SET status = 'ENDED', end_reason = $2, end_note = $3, coverage_to = $4, ended_at = now() WHERE id = $1`, [
        row.id,
        endReason,
        request.reason.trim(),
        request.lastCoveredDay,
      ]);
      if (endReason === 'DIED') {
        await tx.query(`UPDATE participants.person SET date_of_death = $2, updated_at = now() WHERE id = $1 AND date_of_death IS NULL`, [row.person_id, request.lastCoveredDay]);
      }
      await recordAudit(tx, 'participants', {
        actor: request.actor,
        action: 'participant.end',
        entityType: 'Participant',
        entityId: row.id,
        regionCode: row.region_code,
        before: { status: row.status, coverageTo: row.coverage_to },
        after: { status: 'ENDED', endReason, coverageTo: request.lastCoveredDay, reason: request.reason.trim() },
      });
      return { participantId: row.id, mouId: row.mou_id, lastCoveredDay: request.lastCoveredDay };
    });
  }

  /**
   * An MoU expired or was terminated: every open enrolment under it ends (reason MOU_ENDED), covered
   * up to `lastCoveredDay` and not after. One set-based statement, one audit row for the MoU.
   */
  async endEnrolmentsUnderMou(input: { mouId: string; lastCoveredDay: string; reason: string; actor: Actor }): Promise<{ ended: number }> {
    return this.dataSource.transaction(async (tx) => {
      const rows = (await tx.query(
        `UPDATE participants.enrolment SET status = 'ENDED', end_reason = 'MOU_ENDED', end_note = $3, ended_at = now(),
                coverage_to = GREATEST(LEAST(coverage_to, $2::date), coverage_from - 1)
          WHERE mou_id = $1 AND status IN ('ACTIVE', 'INACTIVE') RETURNING region_code`,
        [input.mouId, input.lastCoveredDay, input.reason],
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
          after: { status: 'ENDED', endReason: 'MOU_ENDED', lastCoveredDay: input.lastCoveredDay, reason: input.reason, participants: ended },
        });
      }
      return { ended };
    });
  }
}
