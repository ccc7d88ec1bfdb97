import type { DataSource } from 'typeorm';
import { enrolmentRate } from '../../../../domain/contributions/group-rates.js';
import { contributionForIncome } from '../../../../domain/contributions/income-basis.js';
import { ratesFromWire } from '../contribution/billing-wire.js';
import type { OccupationGroup } from '../../../../domain/participants/occupation.js';
import type { Program } from '../../../../domain/programs.js';
import type { RenewalCandidate, RenewalMoveActivities, RenewalReport } from '../../../../workflows/mou-lifecycle/mou-lifecycle.activities.js';
import { recordAudit } from '../../../kit/src/audit.js';

type MoveInput = Parameters<RenewalMoveActivities['moveToSuccessor']>[0];

/** The actor's subject recorded as `enrolled_by` of an enrolment a renewal started. */
export const RENEWAL_ENROLLER = 'system:mou-renewal';

/**
 * A RENEWED MoU's participants continue under its successor (issue 12): per page, the old
 * enrolments end with reason MOU_RENEWED at the old term's last day, and those the successor
 * had room for start again on its first day: same person, name, group and declared income.
 */
export class RenewalRecords implements RenewalMoveActivities {
  constructor(private readonly dataSource: DataSource) {}

  async renewalCandidates(input: { mouId: string; limit: number }): Promise<RenewalCandidate[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, occupation_group FROM participants.enrolment WHERE mou_id = $1 AND status IN ('ACTIVE', 'INACTIVE')
        ORDER BY coverage_from, enrolled_at, id LIMIT $2`,
      [input.mouId, Math.min(Math.max(1, input.limit), 1000)],
    )) as { id: string; occupation_group: OccupationGroup }[];
    return rows.map((r) => ({ enrolmentId: r.id, occupationGroup: r.occupation_group }));
  }

  async moveToSuccessor(input: MoveInput): Promise<RenewalReport> {
    const { successor } = input;
    const programs = successor.programs as Program[];
    const successorOf = new Map(input.moves.map((m) => [m.enrolmentId, m.successorEnrolmentId]));
    const refusal = new Map(input.refused.map((r) => [r.enrolmentId, r]));
    return this.dataSource.transaction(async (tx) => {
      const listed = [...successorOf.keys(), ...refusal.keys()];
      const open = (await tx.query(
        `SELECT id, person_id, full_name, occupation_group, declared_monthly_income::text AS income, region_code FROM participants.enrolment
          WHERE id = ANY($1::uuid[]) AND mou_id = $2 AND status IN ('ACTIVE', 'INACTIVE') ORDER BY id FOR UPDATE`,
        [listed, input.mouId],
      )) as { id: string; person_id: string; full_name: string; occupation_group: OccupationGroup; income: string; region_code: string }[];
      const ids = open.map((r) => r.id);
      await tx.query(
        `UPDATE participants.enrolment e SET status = 'ENDED', end_reason = 'MOU_RENEWED', ended_at = now(),
                coverage_to = GREATEST(LEAST(e.coverage_to, $2::date), e.coverage_from - 1), end_note = n.note
           FROM unnest($1::uuid[], $3::text[]) AS n(id, note) WHERE e.id = n.id`,
        [
          ids,
          input.lastCoveredDay,
          ids.map((id) => (successorOf.has(id) ? `continued under MoU ${successor.mouId}` : `not moved to MoU ${successor.mouId}: ${refusal.get(id)?.message ?? ''}`)),
        ],
      );
      const moving = open.filter((r) => successorOf.has(r.id));
      // The successor's group rate (the one rate source); the income formula only for older histories.
      const rates = ratesFromWire(successor.rates ?? []);
      const contributionOf = (r: { occupation_group: OccupationGroup; income: string }) =>
        (enrolmentRate(rates, r.occupation_group, successor.validFrom) ?? contributionForIncome(programs, BigInt(r.income), successor.validFrom).total).toString();
      const newIds = moving.map((r) => successorOf.get(r.id)!);
      await tx.query(
        `INSERT INTO participants.enrolment (id, person_id, full_name, occupation_group, municipality_id, mou_id, region_code, programs, coverage_from, coverage_to,
                status, declared_monthly_income, monthly_contribution, enrolled_by, predecessor_id)
         SELECT m.new_id, m.person_id, m.full_name, m.grp, $4, $5, $6, $7, $8, $9, 'ACTIVE', m.income, m.contribution, $10, m.old_id
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $11::text[], $12::text[], $13::bigint[], $14::bigint[]) AS m(new_id, old_id, person_id, full_name, grp, income, contribution)
         ON CONFLICT (id) DO NOTHING`,
        [
          newIds,
          moving.map((r) => r.id),
          moving.map((r) => r.person_id),
          successor.municipalityId,
          successor.mouId,
          successor.regionCode,
          programs,
          successor.validFrom,
          successor.validTo,
          RENEWAL_ENROLLER,
          moving.map((r) => r.full_name),
          moving.map((r) => r.occupation_group),
          moving.map((r) => r.income),
          moving.map(contributionOf),
        ],
      );
      await tx.query(
        `INSERT INTO participants.enrolment_status_period (enrolment_id, status, valid_from) SELECT id, 'ACTIVE', $2 FROM unnest($1::uuid[]) AS n(id) ON CONFLICT DO NOTHING`,
        [newIds, successor.validFrom],
      );
      const leftBehind = open.filter((r) => !successorOf.has(r.id));
      if (open.length > 0) {
        await recordAudit(tx, 'participants', {
          actor: input.actor,
          action: 'participant.renewal_move',
          entityType: 'Mou',
          entityId: input.mouId,
          regionCode: open[0]!.region_code,
          before: { status: 'ACTIVE', lastCoveredDay: input.lastCoveredDay },
          after: {
            successorId: successor.mouId,
            startsOn: successor.validFrom,
            moved: moving.length,
            leftBehind: leftBehind.map((r) => ({ participantId: r.id, group: r.occupation_group, code: refusal.get(r.id)?.code ?? null })),
          },
        });
      }
      // A repeat of a page that committed finds nothing open: the successor enrolments made the first time count as moved.
      const successorIds = input.moves.map((m) => m.successorEnrolmentId);
      const existing = new Set(((await tx.query(`SELECT id FROM participants.enrolment WHERE id = ANY($1::uuid[])`, [successorIds])) as { id: string }[]).map((r) => r.id));
      return { moved: existing.size, leftBehind: leftBehind.length, unused: successorIds.filter((id) => !existing.has(id)) };
    });
  }
}
