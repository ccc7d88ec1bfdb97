import type { EntityManager } from 'typeorm';
import type { Actor } from '../../../../domain/access.js';
import { decideArrears, type BilledMonth } from '../../../../domain/contributions/arrears.js';
import type { SqlRow } from '../../../kit/src/sql-row.js';
import type { EnrolmentStanding } from './standing.js';

const PAGE = 1000;

/**
 * Arrears of one MoU on `today` (domain/contributions/arrears.ts decides each enrolment): ACTIVE
 * enrolments with three consecutive unpaid, past-due months become INACTIVE from the day after
 * the first of them ends; INACTIVE ones whose past-due months are all paid become ACTIVE from
 * today. Only enrolments with something past due, or in arrears, are read. Runs in the caller's
 * transaction (which holds the account lock), pages of 1,000 through the standing records.
 */
export async function reviewArrears(
  tx: EntityManager,
  standing: EnrolmentStanding,
  input: { mouId: string; today: string; actor: Actor },
): Promise<{ inactivated: number; reactivated: number }> {
  const rows = (await tx.query(
    `WITH owed AS (
       SELECT l.participant_id, array_agg(to_char(i.billing_month, 'YYYY-MM') ORDER BY i.billing_month) AS months,
              array_agg((l.amount - l.paid - l.credited)::text ORDER BY i.billing_month) AS outstanding, array_agg(i.due_on::text ORDER BY i.billing_month) AS due
         FROM participants.invoice_line l JOIN participants.invoice i ON i.id = l.invoice_id
        WHERE i.mou_id = $1 AND i.kind = 'INVOICE' AND l.paid + l.credited < l.amount AND i.due_on < $2::date
        GROUP BY l.participant_id
     ), arrears AS (
       SELECT participant_id FROM participants.contribution_arrears WHERE mou_id = $1 AND reactivated_on IS NULL
     )
     SELECT coalesce(o.participant_id, a.participant_id) AS participant_id, a.participant_id IS NOT NULL AS inactive, o.months, o.outstanding, o.due
       FROM owed o FULL JOIN arrears a ON a.participant_id = o.participant_id
      ORDER BY 1`,
    [input.mouId, input.today],
  )) as SqlRow[];
  const inactivate = new Map<string, { ids: string[]; months: string[][] }>();
  const reactivate: string[] = [];
  for (const row of rows) {
    const months: BilledMonth[] = ((row['months'] as string[] | null) ?? []).map((month, i) => ({ month, outstanding: BigInt(row['outstanding'][i]), dueOn: row['due'][i] }));
    const decision = decideArrears(row['inactive'] ? 'INACTIVE' : 'ACTIVE', months, input.today);
    if (decision.action === 'MARK_INACTIVE') {
      const group = inactivate.get(decision.inactiveFrom) ?? { ids: [], months: [] };
      group.ids.push(row['participant_id']);
      group.months.push(decision.unpaidMonths);
      inactivate.set(decision.inactiveFrom, group);
    } else if (decision.action === 'REACTIVATE') reactivate.push(row['participant_id']);
  }
  let inactivated = 0;
  for (const [fromDate, group] of inactivate) {
    for (let i = 0; i < group.ids.length; i += PAGE) {
      const ids = group.ids.slice(i, i + PAGE);
      await tx.query(
        `INSERT INTO participants.contribution_arrears (participant_id, mou_id, inactive_from, unpaid_months)
         SELECT id, $2, $3, string_to_array(months, ',') FROM unnest($1::uuid[], $4::text[]) AS x(id, months) ON CONFLICT DO NOTHING`,
        [ids, input.mouId, fromDate, group.months.slice(i, i + PAGE).map((m) => m.join(','))],
      );
      const changed = await standing.markInactive(tx, { enrolmentIds: ids, fromDate, note: `Three unpaid months from ${group.months[0]![0]}`, actor: input.actor });
      inactivated += changed.changed.length;
    }
  }
  let reactivated = 0;
  for (let i = 0; i < reactivate.length; i += PAGE) {
    const ids = reactivate.slice(i, i + PAGE);
    await tx.query(`UPDATE participants.contribution_arrears SET reactivated_on = $2 WHERE participant_id = ANY($1) AND reactivated_on IS NULL`, [ids, input.today]);
    const changed = await standing.reactivate(tx, { enrolmentIds: ids, fromDate: input.today, note: 'Arrears paid', actor: input.actor });
    reactivated += changed.changed.length;
  }
  return { inactivated, reactivated };
}
