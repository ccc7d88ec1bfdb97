import type { DataSource } from 'typeorm';
import { isIndonesianTimeZone } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import { auditActorOf, recordAudit } from '../../../kit/src/audit.js';
import type { Caller } from '../../../kit/src/context.js';
import { findVisibleByIds } from '../../../kit/src/batch.js';
import { isUniqueViolation } from '../../../kit/src/ids.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';
import { MunicipalityEntity } from './municipality.entity.js';
import type { CreateMunicipalityInput } from './municipality.inputs.js';

const REGION_CODE = /^\d{2}\.\d{2}$/;

export class MunicipalityService {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(MunicipalityEntity);
  }

  async create(input: CreateMunicipalityInput, caller: Caller): Promise<MunicipalityEntity> {
    const code = input.code.trim();
    if (!REGION_CODE.test(code)) {
      throw new DomainError('BAD_USER_INPUT', `The region code must look like "18.72" (province.city); got "${input.code}".`, 'code');
    }
    if (code.startsWith('00')) throw new DomainError('BAD_USER_INPUT', 'Province 00 does not exist.', 'code');
    if (!caller.scope.allows(code)) throw new DomainError('FORBIDDEN', `You may not register cities outside your own (${code}).`, 'code');
    const name = input.name.trim();
    if (!name) throw new DomainError('BAD_USER_INPUT', 'The city needs a name.', 'name');
    if (!input.province.trim()) throw new DomainError('BAD_USER_INPUT', 'The province needs a name.', 'province');
    if (!isIndonesianTimeZone(input.timeZone)) {
      throw new DomainError('BAD_USER_INPUT', `The time zone must be Asia/Jakarta, Asia/Makassar or Asia/Jayapura; got "${input.timeZone}".`, 'timeZone');
    }
    try {
      return await this.dataSource.transaction(async (tx) => {
        const repository = tx.getRepository(MunicipalityEntity);
        const city = await repository.save(repository.create({ code, name, province: input.province.trim(), timeZone: input.timeZone }));
        await recordAudit(tx, 'municipalities', {
          actor: auditActorOf(caller), action: 'municipality.create', entityType: 'Municipality', entityId: city.id, regionCode: code, before: null, after: city,
        });
        return city;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('CONFLICT', `A city with region code ${code} already exists.`, 'code');
      throw error;
    }
  }

  async findByCode(code: string, scope: CityScopeFilter): Promise<MunicipalityEntity | null> {
    const city = await this.repository.findOneBy({ code: code.trim() });
    return city && scope.allows(city.code) ? city : null;
  }

  list(scope: CityScopeFilter): Promise<MunicipalityEntity[]> {
    const visible = scope.where('m.code');
    return this.repository.createQueryBuilder('m').where(visible.sql, visible.params).orderBy('m.code', 'ASC').getMany();
  }

  /** For DataLoaders: one query for many ids, in key order; cities outside the scope are absent. */
  async findMany(ids: readonly string[], scope: CityScopeFilter): Promise<(MunicipalityEntity | null)[]> {
    return findVisibleByIds(this.repository, ids, scope, (city) => city.code);
  }
}
