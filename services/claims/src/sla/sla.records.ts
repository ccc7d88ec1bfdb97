import type { DataSource, EntityManager } from 'typeorm';
import { addDays, type LocalDate } from '../../../../domain/calendar.js';
import { cityDayClock, localDateAt, startOfLocalDay } from '../../../../domain/local-clock.js';
import { startSlaClock, timeZoneOfRegion } from '../../../../domain/claims/sla.js';
import type { SlaAlert, SlaClockStarted } from '../../../../workflows/claim-lifecycle/claim-lifecycle.activities.js';

type Queryable = Pick<EntityManager, 'query'>;

/** Days off of a city (national ones and its own) between two dates, from claims.holiday. */
export async function holidaysFor(db: Queryable, regionCode: string, from: LocalDate, to: LocalDate): Promise<Set<LocalDate>> {
  const rows = (await db.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM claims.holiday WHERE region_code IN ('*', $1) AND day BETWEEN $2 AND $3`, [
    regionCode,
    from,
    to,
  ])) as {
    day: string;
  }[];
  return new Set(rows.map((r) => r.day));
}

/**
 * SLA clocks of claims on the city's working-day calendar, written by the claim workflow's
 * activities. Rules per (step, program) and the holiday table are data in the claims schema.
 */
export class SlaRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async startClock(request: { claimId: string; step: string }): Promise<SlaClockStarted> {
    return this.dataSource.transaction(async (tx) => {
      const [claim] = (await tx.query(`SELECT region_code, program FROM claims.claim WHERE id = $1`, [request.claimId])) as { region_code: string; program: string }[];
      if (!claim) throw new Error(`claim ${request.claimId} is not recorded`);
      const [rule] = (await tx.query(`SELECT working_days, warn_before FROM claims.sla_rule WHERE step = $1 AND program = $2`, [request.step, claim.program])) as {
        working_days: number;
        warn_before: number;
      }[];
      const day = cityDayClock(timeZoneOfRegion(claim.region_code));
      const today = localDateAt(day, this.now().getTime());
      const [existing] = (await tx.query(`SELECT to_char(started_on, 'YYYY-MM-DD') AS started_on FROM claims.claim_sla WHERE claim_id = $1 AND step = $2 AND met_on IS NULL`, [
        request.claimId,
        request.step,
      ])) as { started_on: string }[];
      // A retried activity keeps the clock it started; a new round (reopened claim) starts anew.
      const startedOn = existing?.started_on ?? today;
      const holidays = await holidaysFor(tx, claim.region_code, startedOn, addDays(startedOn, 120));
      const clock = startSlaClock(startedOn, { workingDays: rule?.working_days ?? 3, warnBefore: rule?.warn_before ?? 1 }, holidays);
      await tx.query(
        `INSERT INTO claims.claim_sla (claim_id, step, started_on, warn_on, due_on) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (claim_id, step) DO UPDATE SET started_on = $3, warn_on = $4, due_on = $5, met_on = NULL, warned_at = NULL, breached_at = NULL
           WHERE claims.claim_sla.met_on IS NOT NULL OR claims.claim_sla.started_on <> $3`,
        [request.claimId, request.step, clock.startedOn, clock.warnOn, clock.dueOn],
      );
      return { dueOn: clock.dueOn, warnOn: clock.warnOn, warnAtMs: startOfLocalDay(day, clock.warnOn), breachAtMs: startOfLocalDay(day, addDays(clock.dueOn, 1)) };
    });
  }

  /** Records the escalation or the breach once, with a claim event and a notification to the city's supervisors. */
  async raiseAlert(alert: SlaAlert): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const column = alert.kind === 'AT_RISK' ? 'warned_at' : 'breached_at';
      const updated = (await tx.query(
        `UPDATE claims.claim_sla SET ${column} = now() WHERE claim_id = $1 AND step = $2 AND ${column} IS NULL AND met_on IS NULL RETURNING to_char(due_on, 'YYYY-MM-DD') AS due_on`,
        [alert.claimId, alert.step],
      )) as [{ due_on: string }[], number];
      const [row] = updated[0];
      if (!row) return; // already raised, or the step was done meanwhile
      const [claim] = (await tx.query(`SELECT number, status, region_code FROM claims.claim WHERE id = $1`, [alert.claimId])) as {
        number: string;
        status: string;
        region_code: string;
      }[];
      const message =
        alert.kind === 'AT_RISK'
          ? `Claim ${claim!.number} must be paid by ${row.due_on} (${alert.step.toLowerCase()} service level); it is ${claim!.status.toLowerCase().replace(/_/g, ' ')}.`
          : `Claim ${claim!.number} missed its ${alert.step.toLowerCase()} service level: it was due by ${row.due_on} and is ${claim!.status.toLowerCase().replace(/_/g, ' ')}.`;
      await tx.query(
        `INSERT INTO claims.claim_notification (region_code, recipient_role, claim_id, kind, dedupe_key, message) VALUES ($1, 'supervisor', $2, $3, $4, $5)
         ON CONFLICT (dedupe_key) DO NOTHING`,
        [claim!.region_code, alert.claimId, `SLA_${alert.kind}`, `${alert.claimId}/${alert.step}/${alert.kind}/${row.due_on}`, message],
      );
      await tx.query(`INSERT INTO claims.claim_event (claim_id, action, from_status, to_status, actor, note) VALUES ($1, $2, $3, $3, 'system:sla', $4)`, [
        alert.claimId,
        `SLA_${alert.kind}`,
        claim!.status,
        message,
      ]);
    });
  }
}
