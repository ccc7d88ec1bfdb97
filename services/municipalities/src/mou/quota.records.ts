import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../../../domain/access.js';
import { todayIn } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import { isInForce, type MouStatus } from '../../../../domain/mou/mou-status.js';
import { termsAsOf, type PlacesInUse } from '../../../../domain/mou/mou-terms.js';
import type { OccupationGroup } from '../../../../domain/participants/occupation.js';
import type { QuotaActivities, QuotaReservation } from '../../../../workflows/enrolment/enrolment.activities.js';
import { recordAudit } from '../../../kit/src/audit.js';
import { CityScopeFilter } from '../../../kit/src/scope.js';
import { loadTermsVersions } from './mou.terms.js';

/** Places taken now, in total and per group. */
export async function placesInUse(db: Pick<EntityManager, 'query'>, mouId: string): Promise<PlacesInUse> {
  const [mou] = (await db.query(`SELECT places_used FROM municipalities.mou WHERE id = $1`, [mouId])) as { places_used: number }[];
  const rows = (await db.query(`SELECT occupation_group, used FROM municipalities.mou_quota_use WHERE mou_id = $1`, [mouId])) as {
    occupation_group: OccupationGroup;
    used: number;
  }[];
  return { total: mou?.places_used ?? 0, byGroup: Object.fromEntries(rows.map((r) => [r.occupation_group, r.used])) };
}

/**
 * The quota guard. Every reservation and release of an MoU takes that MoU's row lock first, so
 * the check of total and group quota and the counters' update are one atomic step per MoU: no
 * interleaving of concurrent enrolments can hold more places than the terms in force allow.
 */
export class QuotaRecords implements QuotaActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async reserveQuota(r: QuotaReservation): Promise<{ placesLeftInGroup: number }> {
    return this.dataSource.transaction(async (tx) => {
      const [mou] = (await tx.query(
        `SELECT m.id, m.number, m.status, m.valid_to, m.region_code, m.places_used, c.time_zone
           FROM municipalities.mou m JOIN municipalities.municipality c ON c.id = m.municipality_id
          WHERE m.id = $1 FOR UPDATE OF m`,
        [r.mouId],
      )) as { id: string; number: string; status: MouStatus; valid_to: string; region_code: string; places_used: number; time_zone: string }[];
      if (!mou || !new CityScopeFilter(r.cities).allows(mou.region_code)) throw new DomainError('NOT_FOUND', `No MoU with id ${r.mouId}.`, 'mouId');
      const held = (await tx.query(`SELECT 1 FROM municipalities.quota_reservation WHERE participant_id = $1`, [r.participantId])) as unknown[];
      const today = todayIn(mou.time_zone, this.now());
      const terms = termsAsOf((await loadTermsVersions(tx, [mou.id])).get(mou.id)!, today);
      const line = terms?.groups.find((g) => g.group === r.occupationGroup);
      const groupUsed = async () =>
        Number(
          ((await tx.query(`SELECT used FROM municipalities.mou_quota_use WHERE mou_id = $1 AND occupation_group = $2`, [mou.id, r.occupationGroup])) as { used: number }[])[0]
            ?.used ?? 0,
        );
      if (held.length > 0) return { placesLeftInGroup: Math.max(0, (line?.quota ?? 0) - (await groupUsed())) }; // a retry

      if (!isInForce(mou.status) || today > mou.valid_to) {
        throw new DomainError('NOT_ELIGIBLE', `MoU ${mou.number} is ${today > mou.valid_to ? 'over' : mou.status}; only an MoU in force can enrol workers.`, 'mouId');
      }
      if (!terms || !line) {
        throw new DomainError('NOT_ELIGIBLE', `MoU ${mou.number} funds no places for the group ${r.occupationGroup}.`, 'occupationGroup');
      }
      if (mou.places_used >= terms.quota) {
        throw new DomainError('QUOTA_EXCEEDED', `MoU ${mou.number} has no places left: all ${terms.quota} are taken (enrolling into ${r.occupationGroup}).`, 'mouId');
      }
      const [group] = (await tx.query(
        `INSERT INTO municipalities.mou_quota_use (mou_id, occupation_group, used) VALUES ($1, $2, 1)
         ON CONFLICT (mou_id, occupation_group) DO UPDATE SET used = mou_quota_use.used + 1 WHERE mou_quota_use.used < $3
         RETURNING used`,
        [mou.id, r.occupationGroup, line.quota],
      )) as { used: number }[];
      if (!group) {
        throw new DomainError('QUOTA_EXCEEDED', `The group ${r.occupationGroup} of MoU ${mou.number} is full: all ${line.quota} places are taken.`, 'occupationGroup');
      }
      await tx.query(`UPDATE municipalities.mou SET places_used = places_used + 1 WHERE id = $1`, [mou.id]);
      await tx.query(
        `INSERT INTO municipalities.quota_reservation (participant_id, mou_id, occupation_group, region_code, starts_on, reserved_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [r.participantId, mou.id, r.occupationGroup, mou.region_code, r.startsOn, r.actor.subject],
      );
      await recordAudit(tx, 'municipalities', {
        actor: r.actor,
        action: 'quota.reserve',
        entityType: 'Mou',
        entityId: mou.id,
        regionCode: mou.region_code,
        before: null,
        after: { participantId: r.participantId, group: r.occupationGroup, groupUsed: group.used, startsOn: r.startsOn },
      });
      return { placesLeftInGroup: line.quota - group.used };
    });
  }

  async releaseQuota(input: { participantId: string; lastCoveredDay: string | null; actor: Actor }): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const [held] = (await tx.query(`SELECT mou_id FROM municipalities.quota_reservation WHERE participant_id = $1 AND released_at IS NULL`, [input.participantId])) as {
        mou_id: string;
      }[];
      if (!held) return; // never held, or already given back
      await tx.query(`SELECT 1 FROM municipalities.mou WHERE id = $1 FOR UPDATE`, [held.mou_id]);
      const released = (
        input.lastCoveredDay === null
          ? await tx.query(`DELETE FROM municipalities.quota_reservation WHERE participant_id = $1 AND released_at IS NULL RETURNING occupation_group, region_code`, [
              input.participantId,
            ])
          : await tx.query(
              `UPDATE municipalities.quota_reservation SET released_at = now(), ends_on = $2 WHERE participant_id = $1 AND released_at IS NULL RETURNING occupation_group, region_code`,
              [input.participantId, input.lastCoveredDay],
            )
      ) as unknown;
      const rows = (Array.isArray(released) && Array.isArray(released[0]) ? released[0] : released) as { occupation_group: string; region_code: string }[];
      const row = rows[0];
      if (!row) return;
      await tx.query(`UPDATE municipalities.mou SET places_used = places_used - 1 WHERE id = $1`, [held.mou_id]);
      await tx.query(`UPDATE municipalities.mou_quota_use SET used = used - 1 WHERE mou_id = $1 AND occupation_group = $2`, [held.mou_id, row.occupation_group]);
      await recordAudit(tx, 'municipalities', {
        actor: input.actor,
        action: 'quota.release',
        entityType: 'Mou',
        entityId: held.mou_id,
        regionCode: row.region_code,
        before: null,
        after: { participantId: input.participantId, group: row.occupation_group, lastCoveredDay: input.lastCoveredDay },
      });
    });
  }
}

/** Ends every held place of an MoU whose term is over: covered until `lastDay`. */
export async function releaseAllPlaces(tx: Pick<EntityManager, 'query'>, mouId: string, lastDay: string): Promise<void> {
  await tx.query(
    `UPDATE municipalities.quota_reservation SET released_at = now(), ends_on = LEAST(COALESCE(ends_on, $2::date), $2::date) WHERE mou_id = $1 AND released_at IS NULL`,
    [mouId, lastDay],
  );
  await tx.query(`UPDATE municipalities.mou SET places_used = 0 WHERE id = $1`, [mouId]);
  await tx.query(`UPDATE municipalities.mou_quota_use SET used = 0 WHERE mou_id = $1`, [mouId]);
}
