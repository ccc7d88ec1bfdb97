import type { DataSource } from 'typeorm';
import { parseLocalDate } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import { checkStandingChange, withStandingFrom, type Standing, type StatusPeriod } from '../../../../domain/participants/enrolment-status.js';
import type { EnrolmentStandingActivities, StandingChange, StandingChanged } from '../../../../workflows/contracts/participants.activities.js';
import { recordAudit } from '../../../kit/src/audit.js';
import { isUuid } from '../../../kit/src/ids.js';

export const MAX_STANDING_BATCH = 1000;

/**
 * Arrears and their end (billing calls these): the standing of each enrolment from a day on,
 * kept as effective-dated periods (domain/participants/enrolment-status.ts decides the new
 * periods). One transaction per call, a few statements whatever the batch size, one audit row
 * per changed enrolment.
 */
export class StandingRecords implements EnrolmentStandingActivities {
  constructor(private readonly dataSource: DataSource) {}

  markInactive(change: StandingChange): Promise<StandingChanged> {
    return this.change(change, 'INACTIVE');
  }

  reactivate(change: StandingChange): Promise<StandingChanged> {
    return this.change(change, 'ACTIVE');
  }

  private async change(change: StandingChange, status: Standing): Promise<StandingChanged> {
    parseLocalDate(change.fromDate, 'fromDate');
    if (change.enrolmentIds.length > MAX_STANDING_BATCH) {
      throw new DomainError('BAD_USER_INPUT', `At most ${MAX_STANDING_BATCH} enrolments per call; got ${change.enrolmentIds.length}.`, 'enrolmentIds');
    }
    const ids = [...new Set(change.enrolmentIds)];
    return this.dataSource.transaction(async (tx) => {
      const rows = (await tx.query(
        `SELECT id, status, region_code, coverage_from::text, coverage_to::text FROM participants.enrolment WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
        [ids.filter(isUuid)],
      )) as { id: string; status: 'ACTIVE' | 'INACTIVE' | 'ENDED'; region_code: string; coverage_from: string; coverage_to: string }[];
      const periods = (await tx.query(
        `SELECT enrolment_id, status, valid_from::text AS from, valid_to::text AS to FROM participants.enrolment_status_period
          WHERE enrolment_id = ANY($1::uuid[]) ORDER BY enrolment_id, valid_from`,
        [rows.map((r) => r.id)],
      )) as { enrolment_id: string; status: Standing; from: string; to: string | null }[];
      const byEnrolment = new Map<string, StatusPeriod[]>();
      for (const p of periods) byEnrolment.set(p.enrolment_id, [...(byEnrolment.get(p.enrolment_id) ?? []), { status: p.status, from: p.from, to: p.to }]);

      const changed: { id: string; region: string; before: StatusPeriod[]; after: StatusPeriod[]; from: string }[] = [];
      const unchanged: string[] = [];
      for (const row of rows) {
        const before = byEnrolment.get(row.id) ?? [];
        const after = checkStandingChange({ status: row.status, coverageFrom: row.coverage_from, coverageTo: row.coverage_to }, change.fromDate)
          ? withStandingFrom(before, change.fromDate, status)
          : null;
        if (after === null) unchanged.push(row.id);
        else changed.push({ id: row.id, region: row.region_code, before, after, from: row.status });
      }
      if (changed.length > 0) {
        const changedIds = changed.map((c) => c.id);
        await tx.query(`DELETE FROM participants.enrolment_status_period WHERE enrolment_id = ANY($1::uuid[])`, [changedIds]);
        const flat = changed.flatMap((c) => c.after.map((p) => ({ id: c.id, ...p })));
        await tx.query(
          `INSERT INTO participants.enrolment_status_period (enrolment_id, status, valid_from, valid_to)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[])`,
          [flat.map((p) => p.id), flat.map((p) => p.status), flat.map((p) => p.from), flat.map((p) => p.to)],
        );
        // The current standing is that of the last period (billing changes it from a past day on).
        await tx.query(`UPDATE participants.enrolment SET status = $2 WHERE id = ANY($1::uuid[])`, [changedIds, status]);
        for (const c of changed) {
          await recordAudit(tx, 'participants', {
            actor: change.actor,
            action: status === 'INACTIVE' ? 'participant.inactive' : 'participant.reactivate',
            entityType: 'Participant',
            entityId: c.id,
            regionCode: c.region,
            before: { status: c.from, periods: c.before },
            after: { status, fromDate: change.fromDate, periods: c.after, note: change.note },
          });
        }
      }
      const known = new Set(rows.map((r) => r.id));
      return { changed: changed.map((c) => c.id), unchanged, unknown: ids.filter((id) => !known.has(id)) };
    });
  }
}
