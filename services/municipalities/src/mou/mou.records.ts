import type { DataSource } from 'typeorm';
import type { Actor } from '../../../../domain/access.js';
import { addDays, addMonths, daysBetween } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import type { MouStatus } from '../../../../domain/mou/mou-status.js';
import { applyAddendum, fiscalYearsOf, latestTerms, validateTerms, type BudgetLine, type TermsVersion } from '../../../../domain/mou/mou-terms.js';
import { budgetAlarm, budgetUtilisation } from '../../../../domain/mou/budget.js';
import type { MouNotice, MouRecordActivities } from '../../../../workflows/mou-lifecycle/mou-lifecycle.activities.js';
import type { AddendumCommand, RenewCommand } from '../../../../workflows/mou-lifecycle/mou-lifecycle.messages.js';
import { recordAudit } from '../../../kit/src/audit.js';
import { MunicipalityEntity } from '../municipality/municipality.entity.js';
import type { NotificationRecords } from '../notification/notification.records.js';
import { insertMou } from './mou.draft.js';
import { MouEntity } from './mou.entity.js';
import type { MouLifecycles } from './mou.lifecycle.js';
import { mouBudgetUtilisation } from './mou.budget.js';
import type { MouService } from './mou.service.js';
import { groupsFromWire, insertTermsVersion, linesFromWire, loadTermsVersions } from './mou.terms.js';
import { placesInUse, releaseAllPlaces } from './quota.records.js';

const ENDING: readonly MouStatus[] = ['EXPIRED', 'TERMINATED'];

/**
 * The writes the MoU workflow's activities perform, each in one transaction with its audit row,
 * each safe to repeat (Temporal may run an activity again).
 */
export class MouRecords implements MouRecordActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mous: MouService,
    private readonly lifecycles: MouLifecycles,
    private readonly notifications: NotificationRecords,
    private readonly afterNotify: (ids: string[]) => Promise<void> = async () => undefined,
  ) {}

  private async lockedMou(tx: import('typeorm').EntityManager, mouId: string): Promise<MouEntity> {
    await tx.query(`SELECT 1 FROM municipalities.mou WHERE id = $1 FOR UPDATE`, [mouId]);
    return tx.getRepository(MouEntity).findOneByOrFail({ id: mouId });
  }

  async recordSignature(input: { mouId: string; party: 'CITY' | 'BPJS'; signatory: string; signedOn: string; status: MouStatus; on: string; actor: Actor }): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const mou = await this.lockedMou(tx, input.mouId);
      const inserted = (await tx.query(
        `INSERT INTO municipalities.mou_signature (mou_id, party, signatory, signed_on, recorded_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (mou_id, party) DO NOTHING RETURNING party`,
        [input.mouId, input.party, input.signatory, input.signedOn, input.actor.subject],
      )) as unknown[];
      if (inserted.length === 0) return; // a retry: already recorded
      await tx.query(
        `UPDATE municipalities.mou SET status = $2, status_changed_at = now(),
                activated_by = CASE WHEN $2 = 'ACTIVE' THEN $3 ELSE activated_by END,
                activated_at = CASE WHEN $2 = 'ACTIVE' THEN now() ELSE activated_at END
          WHERE id = $1`,
        [input.mouId, input.status, input.actor.subject],
      );
      await recordAudit(tx, 'municipalities', {
        actor: input.actor,
        action: 'mou.sign',
        entityType: 'Mou',
        entityId: mou.id,
        regionCode: mou.regionCode,
        before: { status: mou.status },
        after: { status: input.status, party: input.party, signatory: input.signatory, signedOn: input.signedOn },
      });
    });
  }

  async recordStatus(input: { mouId: string; from: MouStatus[]; to: MouStatus; on: string; reason: string | null; actor: Actor }): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const mou = await this.lockedMou(tx, input.mouId);
      if (mou.status === input.to) return; // a retry
      if (!input.from.includes(mou.status)) {
        throw new DomainError('CONFLICT', `MoU ${mou.number} is ${mou.status}, not ${input.from.join(' or ')}; it cannot become ${input.to}.`, 'status');
      }
      const ending = ENDING.includes(input.to);
      await tx.query(
        `UPDATE municipalities.mou SET status = $2, status_changed_at = now(),
                termination_reason = CASE WHEN $2 = 'TERMINATED' THEN $3 ELSE termination_reason END,
                ended_on = CASE WHEN $4 THEN $5::date ELSE ended_on END,
                activated_by = CASE WHEN $2 = 'ACTIVE' AND activated_by IS NULL THEN $6 ELSE activated_by END,
                activated_at = CASE WHEN $2 = 'ACTIVE' AND activated_at IS NULL THEN now() ELSE activated_at END
          WHERE id = $1`,
        [mou.id, input.to, input.reason, ending, input.to === 'EXPIRED' ? mou.validTo : input.on, input.actor.subject],
      );
      if (ending) await releaseAllPlaces(tx, mou.id, input.to === 'EXPIRED' ? mou.validTo : input.on);
      await recordAudit(tx, 'municipalities', {
        actor: input.actor,
        action: `mou.${input.to.toLowerCase()}`,
        entityType: 'Mou',
        entityId: mou.id,
        regionCode: mou.regionCode,
        before: { status: mou.status },
        after: { status: input.to, on: input.on, reason: input.reason },
      });
    });
  }

  async recordTermEnded(input: { mouId: string; on: string; actor: Actor }): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const mou = await this.lockedMou(tx, input.mouId);
      if (mou.endedOn !== null) return;
      await tx.query(`UPDATE municipalities.mou SET ended_on = valid_to WHERE id = $1`, [mou.id]);
      await releaseAllPlaces(tx, mou.id, mou.validTo);
      await recordAudit(tx, 'municipalities', {
        actor: input.actor,
        action: 'mou.term_end',
        entityType: 'Mou',
        entityId: mou.id,
        regionCode: mou.regionCode,
        before: null,
        after: { endedOn: mou.validTo },
      });
    });
  }

  async recordAddendum(input: { mouId: string; command: AddendumCommand; today: string }): Promise<{ version: number; validTo: string }> {
    const c = input.command;
    return this.dataSource.transaction(async (tx) => {
      const mou = await this.lockedMou(tx, input.mouId);
      const latest = latestTerms((await loadTermsVersions(tx, [mou.id])).get(mou.id)!);
      if (latest.kind === 'ADDENDUM' && latest.reason === c.reason.trim() && latest.effectiveFrom === c.effectiveFrom) {
        return { version: latest.version, validTo: latest.validTo }; // a retry
      }
      const next = applyAddendum(
        latest,
        {
          effectiveFrom: c.effectiveFrom,
          reason: c.reason,
          validTo: c.validTo ?? undefined,
          quota: c.quota ?? undefined,
          groups: c.groups ? groupsFromWire(c.groups) : undefined,
          budgetLines: c.budgetLines ? linesFromWire(c.budgetLines) : undefined,
        },
        input.today,
        await placesInUse(tx, mou.id),
      );
      await insertTermsVersion(tx, mou.id, next, c.actor.subject, c.signedOn);
      await tx.query(`UPDATE municipalities.mou SET valid_to = $2, terms_version = $3 WHERE id = $1`, [mou.id, next.validTo, next.version]);
      await recordAudit(tx, 'municipalities', {
        actor: c.actor,
        action: 'mou.amend',
        entityType: 'Mou',
        entityId: mou.id,
        regionCode: mou.regionCode,
        before: latest,
        after: next,
      });
      return { version: next.version, validTo: next.validTo };
    });
  }

  async recordRenewal(input: { mouId: string; command: RenewCommand; today: string }): Promise<{ successorId: string; successorNumber: string }> {
    const c = input.command;
    const successor = await this.dataSource.transaction(async (tx) => {
      const mou = await this.lockedMou(tx, input.mouId);
      const existing = await tx.getRepository(MouEntity).findOneBy({ predecessorId: mou.id });
      if (existing) return existing; // a retry
      const city = await tx.getRepository(MunicipalityEntity).findOneByOrFail({ id: mou.municipalityId });
      const latest = latestTerms((await loadTermsVersions(tx, [mou.id])).get(mou.id)!);
      const terms = await this.successorTerms(tx, mou, latest, c, input.today);
      validateTerms(terms);
      const created = await insertMou(
        tx,
        city,
        {
          citySignatory: mou.citySignatory,
          bpjsOffice: mou.bpjsOffice,
          bpjsSignatory: mou.bpjsSignatory,
          reminderOffsetsDays: mou.reminderOffsetsDays,
          escalationDaysBefore: mou.escalationDaysBefore,
          predecessorId: mou.id,
          createdBy: c.actor.subject,
        },
        terms,
        c.successorId,
      );
      await tx.query(`UPDATE municipalities.mou SET status = 'RENEWED', status_changed_at = now() WHERE id = $1`, [mou.id]);
      await recordAudit(tx, 'municipalities', {
        actor: c.actor,
        action: 'mou.renew',
        entityType: 'Mou',
        entityId: mou.id,
        regionCode: mou.regionCode,
        before: { status: mou.status },
        after: { status: 'RENEWED', successorId: created.id, successorNumber: created.number, terms },
      });
      return created;
    });
    const city = await this.dataSource.getRepository(MunicipalityEntity).findOneByOrFail({ id: successor.municipalityId });
    await this.lifecycles.start(await this.lifecycles.input(this.dataSource.manager, successor, city));
    return { successorId: successor.id, successorNumber: successor.number };
  }

  /**
   * The successor's terms: a term as long as this one from the day after it ends, the same groups,
   * rates and quotas, and budget lines that keep today's participants covered (the full quota's
   * cost if no one is enrolled yet); anything the renewal names replaces that.
   */
  private async successorTerms(tx: import('typeorm').EntityManager, mou: MouEntity, latest: TermsVersion, c: RenewCommand, today: string): Promise<TermsVersion> {
    const validFrom = addDays(latest.validTo, 1);
    const months = (Number(validFrom.slice(0, 4)) - Number(latest.validFrom.slice(0, 4))) * 12 + Number(validFrom.slice(5, 7)) - Number(latest.validFrom.slice(5, 7));
    const wholeMonths = latest.validFrom.slice(8) === validFrom.slice(8) && months > 0;
    const validTo = c.validTo ?? (wholeMonths ? addDays(addMonths(validFrom, months), -1) : addDays(validFrom, daysBetween(latest.validFrom, latest.validTo)));
    const groups = c.groups ? [...latest.groups.filter((g) => !c.groups!.some((n) => n.group === g.group)), ...groupsFromWire(c.groups)] : [...latest.groups];
    const quota = c.quota ?? latest.quota;
    let budgetLines: BudgetLine[];
    if (c.budgetLines) budgetLines = linesFromWire(c.budgetLines);
    else {
      const inUse = await placesInUse(tx, mou.id);
      const spans = groups.map((g) => ({
        group: g.group,
        startsOn: validFrom,
        endsOn: null,
        count: inUse.total > 0 ? (inUse.byGroup[g.group] ?? 0) : g.quota,
      }));
      const rates = Object.fromEntries(groups.map((g) => [g.group, g.monthlyContribution]));
      budgetLines = fiscalYearsOf(validFrom, validTo)
        .map((fiscalYear) => ({ fiscalYear, amount: budgetUtilisation({ fiscalYear, budget: 0n, validFrom, validTo, rates, spans, today }).committed, apbdReference: null }))
        .filter((line) => line.amount > 0n);
    }
    return { version: 1, kind: 'ORIGINAL', effectiveFrom: validFrom, reason: null, validFrom, validTo, programs: latest.programs, jht: latest.jht, quota, groups, budgetLines };
  }

  async notify(notice: MouNotice): Promise<void> {
    const ids = await this.notifications.notify(notice);
    // One event, one webhook call: the rows per recipient role are the same news.
    await this.afterNotify(ids.slice(0, 1));
  }

  async checkBudget(input: { mouId: string; today: string }): Promise<void> {
    for (const line of await mouBudgetUtilisation(this.dataSource.manager, input.mouId, input.today)) {
      const level = budgetAlarm(line);
      if (level === null) continue;
      // One alarm per fiscal year and level (a run-out once per projected month): raised again only when it gets worse or the projection moves.
      await this.notify({
        mouId: input.mouId,
        kind: 'BUDGET_ALARM',
        dedupeKey: `mou/${input.mouId}/budget/${line.fiscalYear}/${level === 'RUN_OUT' ? `run-out/${line.projectedRunOut ?? 'overcommitted'}` : level}`,
        occurredOn: input.today,
        details: {
          level,
          fiscalYear: line.fiscalYear,
          utilisationBasisPoints: line.utilisationBasisPoints,
          projectedRunOut: line.projectedRunOut,
          committed: line.committed.toString(),
          budget: line.budget.toString(),
        },
      });
    }
  }
}
