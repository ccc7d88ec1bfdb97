import type { DataSource } from 'typeorm';
import type { MouStatus } from '../../../../domain/mou/mou-status.js';
import { termsAsOf } from '../../../../domain/mou/mou-terms.js';
import type { OccupationGroup } from '../../../../domain/participants/occupation.js';
import type { SuccessorQuotaActivities } from '../../../../workflows/mou-lifecycle/mou-lifecycle.activities.js';
import { recordAudit } from '../../../kit/src/audit.js';
import { loadTermsVersions } from './mou.terms.js';

type Input = Parameters<SuccessorQuotaActivities['reserveSuccessorPlaces']>[0];
type Output = Awaited<ReturnType<SuccessorQuotaActivities['reserveSuccessorPlaces']>>;

/** Signed by both parties and its term not over: a successor that can take participants over. */
const TAKES_OVER: readonly MouStatus[] = ['SIGNED', 'ACTIVE', 'RENEWAL_DUE', 'RENEWED'];

/**
 * Places on a renewed MoU's successor for the participants moving to it (issue 12), a page at a
 * time under the successor's row lock, in the order given (longest enrolled first): the same
 * guard as one enrolment (group funded, room in the group and in total) applied to a list.
 */
export class SuccessorQuotaRecords implements SuccessorQuotaActivities {
  constructor(private readonly dataSource: DataSource) {}

  async reserveSuccessorPlaces(input: Input): Promise<Output> {
    return this.dataSource.transaction(async (tx) => {
      const [mou] = (await tx.query(`SELECT id, number, status, valid_to::text AS valid_to, region_code, places_used FROM municipalities.mou WHERE id = $1 FOR UPDATE`, [
        input.successorId,
      ])) as { id: string; number: string; status: MouStatus; valid_to: string; region_code: string; places_used: number }[];
      const ids = input.reservations.map((r) => r.participantId);
      const held = new Set(
        ((await tx.query(`SELECT participant_id FROM municipalities.quota_reservation WHERE participant_id = ANY($1::uuid[])`, [ids])) as { participant_id: string }[]).map(
          (r) => r.participant_id,
        ),
      );
      const refuseAll = (message: string): Output => ({
        reserved: ids.filter((id) => held.has(id)),
        refused: input.reservations.filter((r) => !held.has(r.participantId)).map((r) => ({ participantId: r.participantId, code: 'NOT_ELIGIBLE' as const, message })),
      });
      if (!mou) return refuseAll(`The successor MoU ${input.successorId} does not exist.`);
      if (!TAKES_OVER.includes(mou.status) || input.startsOn > mou.valid_to) {
        return refuseAll(`The successor MoU ${mou.number} is ${mou.status}; it must be signed by both parties to take participants over.`);
      }
      const terms = termsAsOf((await loadTermsVersions(tx, [mou.id])).get(mou.id)!, input.startsOn);
      const used = new Map(
        (
          (await tx.query(`SELECT occupation_group, used FROM municipalities.mou_quota_use WHERE mou_id = $1`, [mou.id])) as { occupation_group: OccupationGroup; used: number }[]
        ).map((r) => [r.occupation_group, r.used]),
      );
      let total = mou.places_used;
      const reserved: string[] = [];
      const fresh: { participantId: string; group: OccupationGroup }[] = [];
      const refused: Output['refused'] = [];
      for (const r of input.reservations) {
        if (held.has(r.participantId)) {
          reserved.push(r.participantId);
          continue;
        }
        const line = terms?.groups.find((g) => g.group === r.occupationGroup);
        const inGroup = used.get(r.occupationGroup) ?? 0;
        if (!terms || !line)
          refused.push({ participantId: r.participantId, code: 'NOT_ELIGIBLE', message: `MoU ${mou.number} funds no places for the group ${r.occupationGroup}.` });
        else if (total >= terms.quota)
          refused.push({ participantId: r.participantId, code: 'QUOTA_EXCEEDED', message: `MoU ${mou.number} has no places left: all ${terms.quota} are taken.` });
        else if (inGroup >= line.quota) {
          refused.push({
            participantId: r.participantId,
            code: 'QUOTA_EXCEEDED',
            message: `The group ${r.occupationGroup} of MoU ${mou.number} is full: all ${line.quota} places are taken.`,
          });
        } else {
          total += 1;
          used.set(r.occupationGroup, inGroup + 1);
          fresh.push({ participantId: r.participantId, group: r.occupationGroup });
          reserved.push(r.participantId);
        }
      }
      if (fresh.length > 0) {
        await tx.query(
          `INSERT INTO municipalities.quota_reservation (participant_id, mou_id, occupation_group, region_code, starts_on, reserved_by)
           SELECT id, $3, grp, $4, $5, $6 FROM unnest($1::uuid[], $2::text[]) AS n(id, grp)`,
          [fresh.map((f) => f.participantId), fresh.map((f) => f.group), mou.id, mou.region_code, input.startsOn, input.actor.subject],
        );
        const groups = [...new Set(fresh.map((f) => f.group))];
        await tx.query(
          `INSERT INTO municipalities.mou_quota_use (mou_id, occupation_group, used) SELECT $1, grp, n FROM unnest($2::text[], $3::int[]) AS g(grp, n)
           ON CONFLICT (mou_id, occupation_group) DO UPDATE SET used = EXCLUDED.used`,
          [mou.id, groups, groups.map((g) => used.get(g)!)],
        );
        await tx.query(`UPDATE municipalities.mou SET places_used = $2 WHERE id = $1`, [mou.id, total]);
        await recordAudit(tx, 'municipalities', {
          actor: input.actor,
          action: 'quota.carry_over',
          entityType: 'Mou',
          entityId: mou.id,
          regionCode: mou.region_code,
          before: null,
          after: { reserved: fresh.length, refused: refused.length, startsOn: input.startsOn, placesUsed: total },
        });
      }
      return { reserved, refused };
    });
  }
}
