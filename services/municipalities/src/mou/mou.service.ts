import type { DataSource } from 'typeorm';
import { todayIn } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import { activateMou, mouNumber, validateMouTerms } from '../../../../domain/mou/mou-status.js';
import { auditActorOf, recordAudit } from '../../../kit/src/audit.js';
import type { Caller } from '../../../kit/src/context.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';
import { findVisibleByIds, groupByKeys } from '../../../kit/src/batch.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { MouForEnrolment } from '../../../../workflows/enrolment/enrolment.activities.js';
import { MunicipalityEntity } from '../municipality/municipality.entity.js';
import { MouEntity } from './mou.entity.js';
import type { CreateMouInput } from './mou.inputs.js';

export class MouService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(input: CreateMouInput, caller: Caller): Promise<MouEntity> {
    validateMouTerms(input);
    const citySignatory = input.citySignatory.trim();
    const bpjsOffice = input.bpjsOffice.trim();
    if (!citySignatory) throw new DomainError('BAD_USER_INPUT', 'Name who signed for the city.', 'citySignatory');
    if (!bpjsOffice) throw new DomainError('BAD_USER_INPUT', 'Name the BPJS Ketenagakerjaan office that signed.', 'bpjsOffice');
    const city = await this.city(input.municipalityId, 'municipalityId', caller.scope);
    return this.dataSource.transaction(async (tx) => {
      const year = Number(input.validFrom.slice(0, 4));
      const [sequence] = (await tx.query(
        `INSERT INTO municipalities.mou_number_sequence (region_code, year, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (region_code, year) DO UPDATE SET last_value = mou_number_sequence.last_value + 1
         RETURNING last_value`,
        [city.code, year],
      )) as { last_value: number }[];
      const repository = tx.getRepository(MouEntity);
      const mou = await repository.save(
        repository.create({
          number: mouNumber(city.code, year, sequence!.last_value),
          municipalityId: city.id,
          regionCode: city.code,
          citySignatory,
          bpjsOffice,
          validFrom: input.validFrom,
          validTo: input.validTo,
          status: 'DRAFT',
          budget: input.budget,
          quota: input.quota,
          programs: [...input.programs],
          createdBy: caller.identity.subject,
          activatedBy: null,
          activatedAt: null,
        }),
      );
      await recordAudit(tx, 'municipalities', { actor: auditActorOf(caller), action: 'mou.create', entityType: 'Mou', entityId: mou.id, regionCode: city.code, before: null, after: mou });
      return mou;
    });
  }

  /** DRAFT → ACTIVE once signed. The guarded UPDATE makes a double click harmless. */
  async activate(id: string, caller: Caller): Promise<MouEntity> {
    const mou = await this.require(id, caller.scope);
    const city = await this.city(mou.municipalityId, 'id', caller.scope);
    activateMou(mou, todayIn(city.timeZone, this.now()));
    await this.dataSource.transaction(async (tx) => {
      const updated = (await tx.query(
        `UPDATE municipalities.mou SET status = 'ACTIVE', activated_by = $2, activated_at = now()
         WHERE id = $1 AND status = 'DRAFT' RETURNING id`,
        [id, caller.identity.subject],
      )) as [unknown[], number];
      if (updated[1] === 0) throw new DomainError('CONFLICT', `MoU ${mou.number} was changed by someone else just now; reload it.`, 'id');
      await recordAudit(tx, 'municipalities', {
        actor: auditActorOf(caller), action: 'mou.activate', entityType: 'Mou', entityId: id, regionCode: mou.regionCode,
        before: { status: mou.status }, after: { status: 'ACTIVE' },
      });
    });
    return this.require(id, caller.scope);
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
    return {
      mouId: mou.id,
      mouNumber: mou.number,
      municipalityId: city.id,
      regionCode: city.code,
      timeZone: city.timeZone,
      status: mou.status,
      validFrom: mou.validFrom,
      validTo: mou.validTo,
      quota: mou.quota,
      programs: mou.programs,
      today: todayIn(city.timeZone, this.now()),
    };
  }

  private async city(id: string, field: string, scope: CityScopeFilter): Promise<MunicipalityEntity> {
    const city = isUuid(id) ? await this.dataSource.getRepository(MunicipalityEntity).findOneBy({ id }) : null;
    if (!city || !scope.allows(city.code)) throw new DomainError('NOT_FOUND', `No city with id ${id}.`, field);
    return city;
  }
}
