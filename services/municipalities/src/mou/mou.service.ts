import { randomUUID } from 'node:crypto';
import { idempotentId } from '../../../kit/src/idempotency.js';
import type { DataSource } from 'typeorm';
import { todayIn } from '../../../../domain/calendar.js';
import { ratesFromTermsVersions } from '../../../../domain/contributions/group-rates.js';
import { DomainError } from '../../../../domain/errors.js';
import {
  isFinal,
  MOU_ESCALATION_DAYS_BEFORE,
  MOU_REMINDER_OFFSETS_DAYS,
  renewMou,
  signMou,
  terminateMou,
  validateReminderOffsets,
  type MouParty,
} from '../../../../domain/mou/mou-status.js';
import { applyAddendum, latestTerms, termsAsOf, validateTerms, type TermsVersion } from '../../../../domain/mou/mou-terms.js';
import type { TaskQueues } from '../../../../workflows/contracts/task-queues.js';
import type { MouForEnrolment } from '../../../../workflows/enrolment/enrolment.activities.js';
import { addendumUpdate, renewUpdate, signUpdate, terminateUpdate } from '../../../../workflows/mou-lifecycle/mou-lifecycle.messages.js';
import type { Client } from '@temporalio/client';
import { auditActorOf, recordAudit } from '../../../kit/src/audit.js';
import type { Caller } from '../../../kit/src/context.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';
import { findVisibleByIds, groupByKeys } from '../../../kit/src/batch.js';
import { isUuid } from '../../../kit/src/ids.js';
import { MunicipalityEntity } from '../municipality/municipality.entity.js';
import { groupsFrom, insertMou, linesFrom, text } from './mou.draft.js';
import { MouEntity } from './mou.entity.js';
import type { CreateMouInput, MouAddendumInput, RenewMouInput, SignMouInput, TerminateMouInput } from './mou.inputs.js';
import { MouLifecycles } from './mou.lifecycle.js';
import { groupsToWire, linesToWire, loadTermsVersions } from './mou.terms.js';
import { placesInUse } from './quota.records.js';

/** MoU use cases. Anything that moves an MoU along its lifecycle goes through its workflow. */
export class MouService {
  private readonly lifecycles: MouLifecycles;

  constructor(
    private readonly dataSource: DataSource,
    temporal: Client,
    queues: TaskQueues,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.lifecycles = new MouLifecycles(temporal, queues);
  }

  /** Records an MoU as a DRAFT with its original terms and starts its lifecycle. */
  async create(input: CreateMouInput, caller: Caller): Promise<MouEntity> {
    const terms: TermsVersion = {
      version: 1,
      kind: 'ORIGINAL',
      effectiveFrom: input.validFrom,
      reason: null,
      validFrom: input.validFrom,
      validTo: input.validTo,
      programs: [...input.programs],
      jht: input.jht,
      quota: input.quota,
      groups: [],
      budgetLines: linesFrom(input.budgetLines),
    };
    validateTerms({ ...terms, groups: [{ group: 'OTHER', quota: input.quota, monthlyContribution: 1n }] });
    terms.groups = groupsFrom(input.groups, input.programs, input.jht, input.validFrom);
    validateTerms(terms);
    const citySignatory = text(input.citySignatory, 'citySignatory', 'who signs for the city');
    const bpjsOffice = text(input.bpjsOffice, 'bpjsOffice', 'the BPJS Ketenagakerjaan office');
    const bpjsSignatory = text(input.bpjsSignatory, 'bpjsSignatory', 'who signs for the BPJS office');
    const reminderOffsetsDays = validateReminderOffsets(input.reminderOffsetsDays ?? MOU_REMINDER_OFFSETS_DAYS);
    const escalationDaysBefore = input.escalationDaysBefore ?? MOU_ESCALATION_DAYS_BEFORE;
    if (!Number.isInteger(escalationDaysBefore) || escalationDaysBefore < 0 || escalationDaysBefore > 730) {
      throw new DomainError('BAD_USER_INPUT', `escalationDaysBefore must be a whole number of days from 0 to 730; got ${escalationDaysBefore}.`, 'escalationDaysBefore');
    }
    const city = await this.city(input.municipalityId, 'municipalityId', caller.scope);
    // With an Idempotency-Key the MoU id comes from it: a retry finds the first attempt's draft
    // (and makes sure its lifecycle runs) instead of recording a second one.
    const keyed = idempotentId(caller, 'createMou', input);
    const earlier = keyed ? await this.dataSource.getRepository(MouEntity).findOneBy({ id: keyed }) : null;
    if (earlier) {
      await this.lifecycles.start(await this.lifecycles.input(this.dataSource.manager, earlier, city));
      return earlier;
    }
    const mou = await this.dataSource.transaction(async (tx) => {
      const created = await insertMou(
        tx,
        city,
        {
          citySignatory,
          bpjsOffice,
          bpjsSignatory,
          reminderOffsetsDays,
          escalationDaysBefore,
          predecessorId: null,
          createdBy: caller.identity.subject,
        },
        terms,
        keyed ?? undefined,
      );
      await recordAudit(tx, 'municipalities', {
        actor: auditActorOf(caller),
        action: 'mou.create',
        entityType: 'Mou',
        entityId: created.id,
        regionCode: city.code,
        before: null,
        after: { ...created, terms },
      });
      return created;
    });
    await this.lifecycles.start(await this.lifecycles.input(this.dataSource.manager, mou, city));
    return mou;
  }

  /** One party's signature, through the lifecycle; the second one makes the MoU SIGNED, or ACTIVE within its term. */
  async sign(input: SignMouInput, caller: Caller): Promise<MouEntity> {
    const { mou, city, today } = await this.load(input.mouId, caller);
    const signatory = text(input.signatory, 'signatory', 'who signed');
    const lifecycle = await this.lifecycles.input(this.dataSource.manager, mou, city);
    signMou({ ...mou, signed: lifecycle.state.signed }, input.party, input.signedOn, today);
    await this.lifecycles.send(lifecycle, signUpdate, { actor: auditActorOf(caller), party: input.party as MouParty, signatory, signedOn: input.signedOn });
    return this.require(mou.id, caller.scope);
  }

  /** An addendum changing quota, budget or term from its effective date; earlier terms stay readable. */
  async amend(input: MouAddendumInput, caller: Caller): Promise<MouEntity> {
    const { mou, city, today } = await this.load(input.mouId, caller);
    if (!['SIGNED', 'ACTIVE', 'RENEWAL_DUE', 'RENEWED'].includes(mou.status)) {
      throw new DomainError('INVALID_TRANSITION', `MoU ${mou.number} is ${mou.status}; only a signed MoU whose term has not ended can be amended.`, 'mouId');
    }
    if (input.signedOn > today) throw new DomainError('BAD_USER_INPUT', `The signing date ${input.signedOn} is in the future; today is ${today}.`, 'signedOn');
    const versions = (await loadTermsVersions(this.dataSource.manager, [mou.id])).get(mou.id)!;
    const latest = latestTerms(versions);
    const groups = input.groups ? groupsFrom(input.groups, mou.programs, mou.jht, input.effectiveFrom) : undefined;
    const budgetLines = input.budgetLines ? linesFrom(input.budgetLines) : undefined;
    const change = { effectiveFrom: input.effectiveFrom, reason: input.reason, validTo: input.validTo ?? undefined, quota: input.quota ?? undefined, groups, budgetLines };
    applyAddendum(latest, change, today, await placesInUse(this.dataSource.manager, mou.id));
    const lifecycle = await this.lifecycles.input(this.dataSource.manager, mou, city);
    await this.lifecycles.send(lifecycle, addendumUpdate, {
      actor: auditActorOf(caller),
      effectiveFrom: input.effectiveFrom,
      signedOn: input.signedOn,
      reason: input.reason,
      validTo: input.validTo ?? null,
      quota: input.quota ?? null,
      groups: groups ? groupsToWire(groups) : null,
      budgetLines: budgetLines ? linesToWire(budgetLines) : null,
    });
    return this.require(mou.id, caller.scope);
  }

  /** Renews: a successor DRAFT pre-filled from this MoU's terms and use; this one is RENEWED and runs to its end. */
  async renew(input: RenewMouInput, caller: Caller): Promise<MouEntity> {
    const { mou, city, today } = await this.load(input.mouId, caller);
    renewMou(mou, today);
    const groups = input.groups ? groupsFrom(input.groups, mou.programs, mou.jht, today) : null;
    const lifecycle = await this.lifecycles.input(this.dataSource.manager, mou, city);
    const progress = await this.lifecycles.send(lifecycle, renewUpdate, {
      actor: auditActorOf(caller),
      successorId: randomUUID(),
      validTo: input.validTo ?? null,
      quota: input.quota ?? null,
      groups: groups ? groupsToWire(groups) : null,
      budgetLines: input.budgetLines ? linesToWire(linesFrom(input.budgetLines)) : null,
    });
    return this.require(progress.successorId!, caller.scope);
  }

  async terminate(input: TerminateMouInput, caller: Caller): Promise<MouEntity> {
    const { mou, city } = await this.load(input.mouId, caller);
    terminateMou(mou, input.reason);
    const lifecycle = await this.lifecycles.input(this.dataSource.manager, mou, city);
    await this.lifecycles.send(lifecycle, terminateUpdate, { actor: auditActorOf(caller), reason: input.reason });
    return this.require(mou.id, caller.scope);
  }

  private async load(mouId: string, caller: Caller): Promise<{ mou: MouEntity; city: MunicipalityEntity; today: string }> {
    const [mou] = await this.findMany([mouId], caller.scope);
    if (!mou) throw new DomainError('NOT_FOUND', `No MoU with id ${mouId}.`, 'mouId');
    if (isFinal(mou.status)) {
      throw new DomainError('INVALID_TRANSITION', `MoU ${mou.number} is ${mou.status}; nothing more can be done to it.`, 'mouId');
    }
    const city = await this.city(mou.municipalityId, 'mouId', caller.scope);
    return { mou, city, today: todayIn(city.timeZone, this.now()) };
  }

  /** Every version of the terms, oldest first, per MoU (for DataLoaders). */
  async termsHistory(mouIds: readonly string[]): Promise<TermsVersion[][]> {
    const versions = await loadTermsVersions(this.dataSource.manager, mouIds.filter(isUuid));
    return mouIds.map((id) => versions.get(id) ?? []);
  }

  /** The terms in force on a date: the question "what did the MoU say on D". */
  async termsAsOf(mou: MouEntity, date: string): Promise<TermsVersion | null> {
    const [versions] = await this.termsHistory([mou.id]);
    return termsAsOf(versions!, date) ?? null;
  }

  /** Today's terms in the city (before the term starts: the original terms). */
  async currentTerms(mous: readonly MouEntity[]): Promise<TermsVersion[]> {
    const histories = await this.termsHistory(mous.map((m) => m.id));
    const cities = await this.dataSource.getRepository(MunicipalityEntity).findBy({});
    const zone = new Map(cities.map((c) => [c.id, c.timeZone]));
    return mous.map((mou, i) => {
      const versions = histories[i]!;
      const today = todayIn(zone.get(mou.municipalityId) ?? 'Asia/Jakarta', this.now());
      return termsAsOf(versions, today) ?? versions[0]!;
    });
  }

  async signatures(mouIds: readonly string[]): Promise<{ party: MouParty; signatory: string; signedOn: string; recordedBy: string; mouId: string }[][]> {
    const valid = mouIds.filter(isUuid);
    const rows = valid.length
      ? ((await this.dataSource.query(`SELECT mou_id, party, signatory, signed_on, recorded_by FROM municipalities.mou_signature WHERE mou_id = ANY($1) ORDER BY recorded_at`, [
          valid,
        ])) as { mou_id: string; party: MouParty; signatory: string; signed_on: string; recorded_by: string }[])
      : [];
    return groupByKeys(
      mouIds,
      rows.map((r) => ({ mouId: r.mou_id, party: r.party, signatory: r.signatory, signedOn: r.signed_on, recordedBy: r.recorded_by })),
      (r) => r.mouId,
    );
  }

  async require(id: string, scope: CityScopeFilter): Promise<MouEntity> {
    const [found] = await this.findMany([id], scope);
    if (!found) throw new DomainError('NOT_FOUND', `No MoU with id ${id}.`, 'id');
    return found;
  }

  async findMany(ids: readonly string[], scope: CityScopeFilter): Promise<(MouEntity | null)[]> {
    return findVisibleByIds(this.dataSource.getRepository(MouEntity), ids, scope, (mou) => mou.regionCode);
  }

  async listByMunicipalities(municipalityIds: readonly string[], scope: CityScopeFilter): Promise<MouEntity[][]> {
    const valid = municipalityIds.filter(isUuid);
    const visible = scope.where('m.region_code');
    const rows = valid.length
      ? await this.dataSource
          .getRepository(MouEntity)
          .createQueryBuilder('m')
          .where('m.municipality_id = ANY(:ids)', { ids: valid })
          .andWhere(visible.sql, visible.params)
          .orderBy('m.valid_from', 'ASC')
          .addOrderBy('m.number', 'ASC')
          .getMany()
      : [];
    return groupByKeys(municipalityIds, rows, (row) => row.municipalityId);
  }

  /** Activity for the enrolment workflow; the caller's scope travels with the request. */
  async forEnrolment(mouId: string, scope: CityScopeFilter): Promise<MouForEnrolment> {
    const mou = await this.require(mouId, scope);
    const city = await this.city(mou.municipalityId, 'mouId', scope);
    const versions = (await loadTermsVersions(this.dataSource.manager, [mou.id])).get(mou.id) ?? [];
    return {
      mouId: mou.id,
      mouNumber: mou.number,
      municipalityId: city.id,
      regionCode: city.code,
      timeZone: city.timeZone,
      status: mou.status,
      validFrom: mou.validFrom,
      validTo: mou.validTo,
      programs: mou.programs,
      rates: ratesFromTermsVersions(versions).map((r) => ({ ...r, monthlyRate: r.monthlyRate.toString() })),
      today: todayIn(city.timeZone, this.now()),
    };
  }

  async city(id: string, field: string, scope: CityScopeFilter): Promise<MunicipalityEntity> {
    const city = isUuid(id) ? await this.dataSource.getRepository(MunicipalityEntity).findOneBy({ id }) : null;
    if (!city || !scope.allows(city.code)) throw new DomainError('NOT_FOUND', `No city with id ${id}.`, field);
    return city;
  }
}
