import type { DataSource } from 'typeorm';
import { todayIn } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import { assertDeathDate, lastDayAfterDeath, type EnrolmentStatus } from '../../../../domain/participants/enrolment-status.js';
import type { DeathActivities, DeathRecord, DeathRecorded } from '../../../../workflows/contracts/participants.activities.js';
import { recordAudit } from '../../../kit/src/audit.js';
import { isUuid } from '../../../kit/src/ids.js';
import { CityScopeFilter } from '../../../kit/src/scope.js';

/** A death established by a claim: the person is deceased, their enrolments end with reason DIED from the next day. */
export class DeathRecords implements DeathActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async recordDeath(record: DeathRecord): Promise<DeathRecorded> {
    const notFound = () => new DomainError('NOT_FOUND', `No participant with id ${record.participantId}.`, 'participantId');
    if (!isUuid(record.participantId)) throw notFound();
    return this.dataSource.transaction(async (tx) => {
      const [person] = (await tx.query(
        `SELECT p.id, p.birth_date::text AS birth_date, p.date_of_death::text AS date_of_death, e.region_code
           FROM participants.enrolment e JOIN participants.person p ON p.id = e.person_id WHERE e.id = $1 FOR UPDATE OF p`,
        [record.participantId],
      )) as { id: string; birth_date: string; date_of_death: string | null; region_code: string }[];
      if (!person || !new CityScopeFilter(record.actor.cities).allows(person.region_code)) throw notFound();
      if (person.date_of_death !== null && person.date_of_death !== record.dateOfDeath) {
        throw new DomainError('CONFLICT', `A different date of death (${person.date_of_death}) is already on record for this person.`, 'dateOfDeath');
      }
      // Jayapura is the easternmost zone: a day in its future is in the future everywhere in Indonesia.
      assertDeathDate(record.dateOfDeath, todayIn('Asia/Jayapura', this.now()), person.birth_date);
      const enrolments = (await tx.query(
        `SELECT id, mou_id, region_code, status, coverage_from::text AS coverage_from, coverage_to::text AS coverage_to
           FROM participants.enrolment WHERE person_id = $1 ORDER BY coverage_from FOR UPDATE`,
        [person.id],
      )) as { id: string; mou_id: string; region_code: string; status: EnrolmentStatus; coverage_from: string; coverage_to: string }[];
      const ended: DeathRecorded['ended'] = [];
      for (const e of enrolments) {
        const last = lastDayAfterDeath({ status: e.status, coverageFrom: e.coverage_from, coverageTo: e.coverage_to }, record.dateOfDeath);
        if (last === null || (e.status === 'ENDED' && e.coverage_to === last)) continue;
        await tx.query(`UPDATE participants.enrolment SET status = 'ENDED', end_reason = 'DIED', end_note = $2, coverage_to = $3, ended_at = now() WHERE id = $1`, [
          e.id,
          record.claimId ? `death established by claim ${record.claimId}` : 'death recorded',
          last,
        ]);
        ended.push({ enrolmentId: e.id, mouId: e.mou_id, lastCoveredDay: last });
      }
      if (person.date_of_death === null) {
        await tx.query(`UPDATE participants.person SET date_of_death = $2, updated_at = now() WHERE id = $1`, [person.id, record.dateOfDeath]);
      }
      if (person.date_of_death === null || ended.length > 0) {
        await recordAudit(tx, 'participants', {
          actor: record.actor,
          action: 'person.death',
          entityType: 'Person',
          entityId: person.id,
          regionCode: person.region_code,
          before: { dateOfDeath: person.date_of_death },
          after: { dateOfDeath: record.dateOfDeath, claimId: record.claimId, ended },
        });
      }
      return { personId: person.id, dateOfDeath: record.dateOfDeath, ended };
    });
  }
}
