import type { DataSource } from 'typeorm';
import type { Actor, CityScope } from '../../../../domain/access.js';
import { todayIn } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import { allocatePlaces } from '../../../../domain/mou/place-allocation.js';
import { isInForce, type MouStatus } from '../../../../domain/mou/mou-status.js';
import { termsAsOf } from '../../../../domain/mou/mou-terms.js';
import type { OccupationGroup } from '../../../../domain/participants/occupation.js';
import {
  importParticipantId,
  pageGroup,
  pageRows,
  type BulkQuotaActivities,
  type ImportPage,
  type ImportPlace,
  type PlaceOutcomes,
} from '../../../../workflows/enrolment-import/enrolment-import.activities.js';
import { recordAudit } from '../../../kit/src/audit.js';
import { CityScopeFilter } from '../../../kit/src/scope.js';
import { loadTermsVersions } from './mou.terms.js';
import { placesInUse } from './quota.records.js';

/**
 * The quota guard for bulk imports: a page of places under the MoU's row lock, like single
 * reservations (quota.records.ts), in a handful of statements instead of one transaction per row.
 */
export class BulkQuotaRecords implements BulkQuotaActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async reserveQuotaPlaces(input: { mouId: string; startsOn: string; places: ImportPlace[]; batchId: string; cities: CityScope; actor: Actor }) {
    return this.dataSource.transaction(async (tx) => {
      const [mou] = (await tx.query(
        `SELECT m.id, m.number, m.status, m.valid_to, m.region_code, c.time_zone
           FROM municipalities.mou m JOIN municipalities.municipality c ON c.id = m.municipality_id WHERE m.id = $1 FOR UPDATE OF m`,
        [input.mouId],
      )) as { id: string; number: string; status: MouStatus; valid_to: string; region_code: string; time_zone: string }[];
      if (!mou || !new CityScopeFilter(input.cities).allows(mou.region_code)) throw new DomainError('NOT_FOUND', `No MoU with id ${input.mouId}.`, 'mouId');
      const ids = input.places.map((p) => p.participantId);
      const held = new Set(
        ((await tx.query(`SELECT participant_id FROM municipalities.quota_reservation WHERE participant_id = ANY($1::uuid[])`, [ids])) as { participant_id: string }[]).map(
          (r) => r.participant_id,
        ),
      );
      const today = todayIn(mou.time_zone, this.now());
      const fresh = input.places.filter((p) => !held.has(p.participantId));
      if (fresh.length === 0) return { granted: ids, refused: [] };
      if (!isInForce(mou.status) || today > mou.valid_to) throw new DomainError('NOT_ELIGIBLE', `MoU ${mou.number} is not in force; it cannot enrol workers.`, 'mouId');
      const terms = termsAsOf((await loadTermsVersions(tx, [mou.id])).get(mou.id)!, today);
      const used = await placesInUse(tx, mou.id);
      const byGroup: Partial<Record<OccupationGroup, number>> = {};
      for (const line of terms?.groups ?? []) byGroup[line.group] = line.quota - (used.byGroup[line.group] ?? 0);
      const { granted, refused } = allocatePlaces(fresh, { total: (terms?.quota ?? 0) - used.total, byGroup });
      if (granted.length > 0) {
        await tx.query(
          `INSERT INTO municipalities.quota_reservation (participant_id, mou_id, occupation_group, region_code, starts_on, reserved_by)
           SELECT id, $2, grp, $3, $4, $5 FROM unnest($1::uuid[], $6::text[]) AS t(id, grp)`,
          [granted.map((g) => g.participantId), mou.id, mou.region_code, input.startsOn, input.actor.subject, granted.map((g) => g.occupationGroup)],
        );
        await tx.query(
          `INSERT INTO municipalities.mou_quota_use (mou_id, occupation_group, used)
           SELECT $1, grp, count(*) FROM unnest($2::text[]) AS t(grp) GROUP BY grp
           ON CONFLICT (mou_id, occupation_group) DO UPDATE SET used = mou_quota_use.used + EXCLUDED.used`,
          [mou.id, granted.map((g) => g.occupationGroup)],
        );
        await tx.query(`UPDATE municipalities.mou SET places_used = places_used + $2 WHERE id = $1`, [mou.id, granted.length]);
      }
      await recordAudit(tx, 'municipalities', {
        actor: input.actor,
        action: 'quota.reserve_bulk',
        entityType: 'Mou',
        entityId: mou.id,
        regionCode: mou.region_code,
        before: null,
        after: { batchId: input.batchId, granted: granted.length, refused: refused.length, startsOn: input.startsOn },
      });
      return {
        granted: [...held, ...granted.map((g) => g.participantId)],
        refused: refused.map((r) => ({ participantId: r.item.participantId, reason: r.reason })),
      };
    });
  }

  /** A page by row number: the same places, with each row's participant id derived from the batch and row; one outcome character a row. */
  async reserveImportPlaces(input: { mouId: string; startsOn: string; page: ImportPage; batchId: string; cities: CityScope; actor: Actor }): Promise<{ outcomes: PlaceOutcomes }> {
    const places = pageRows(input.page).map((row, i) => ({ participantId: importParticipantId(input.batchId, row), occupationGroup: pageGroup(input.page, i) }));
    const { granted, refused } = await this.reserveQuotaPlaces({ ...input, places });
    const outcome = new Map<string, string>(granted.map((id) => [id, 'G']));
    for (const r of refused) outcome.set(r.participantId, r.reason === 'QUOTA_EXCEEDED' ? 'Q' : 'N');
    return { outcomes: places.map((p) => outcome.get(p.participantId) ?? 'Q').join('') };
  }

  async releaseQuotaPlaces(input: { participantIds: string[]; actor: Actor }): Promise<void> {
    if (input.participantIds.length === 0) return;
    await this.dataSource.transaction(async (tx) => {
      const mous = (await tx.query(`SELECT DISTINCT mou_id FROM municipalities.quota_reservation WHERE participant_id = ANY($1::uuid[]) AND released_at IS NULL`, [
        input.participantIds,
      ])) as { mou_id: string }[];
      for (const { mou_id } of mous) {
        await tx.query(`SELECT 1 FROM municipalities.mou WHERE id = $1 FOR UPDATE`, [mou_id]);
        const [rows] = (await tx.query(
          `DELETE FROM municipalities.quota_reservation WHERE mou_id = $1 AND participant_id = ANY($2::uuid[]) AND released_at IS NULL RETURNING occupation_group, region_code`,
          [mou_id, input.participantIds],
        )) as [{ occupation_group: string; region_code: string }[], number];
        if (!rows || rows.length === 0) continue;
        const counts = new Map<string, number>();
        for (const row of rows) counts.set(row.occupation_group, (counts.get(row.occupation_group) ?? 0) + 1);
        for (const [group, n] of counts) {
          await tx.query(`UPDATE municipalities.mou_quota_use SET used = used - $3 WHERE mou_id = $1 AND occupation_group = $2`, [mou_id, group, n]);
        }
        await tx.query(`UPDATE municipalities.mou SET places_used = places_used - $2 WHERE id = $1`, [mou_id, rows.length]);
        await recordAudit(tx, 'municipalities', {
          actor: input.actor,
          action: 'quota.release_bulk',
          entityType: 'Mou',
          entityId: mou_id,
          regionCode: rows[0]!.region_code,
          before: null,
          after: { released: rows.length },
        });
      }
    });
  }
}
