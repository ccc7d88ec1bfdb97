import type { DataSource } from 'typeorm';
import { isIndonesianTimeZone } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import { auditActorOf, recordAudit } from '../../../kit/src/audit.js';
import type { Caller } from '../../../kit/src/context.js';
import { findVisibleByIds } from '../../../kit/src/batch.js';
import { isUniqueViolation } from '../../../kit/src/ids.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';
import { MunicipalityEntity } from './municipality.entity.js';
import type { CreateMunicipalityInput, UpdateMunicipalityInput } from './municipality.inputs.js';

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
          actor: auditActorOf(caller),
          action: 'municipality.create',
          entityType: 'Municipality',
          entityId: city.id,
          regionCode: code,
          before: null,
          after: city,
        });
        return city;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('CONFLICT', `A city with region code ${code} already exists.`, 'code');
      throw error;
    }
  }

  /** Edits a city (name, province, time zone, informal workforce); the region code is its identity and stays. */
  async update(input: UpdateMunicipalityInput, caller: Caller): Promise<MunicipalityEntity> {
    const [before] = await this.findMany([input.id], caller.scope);
    if (!before) throw new DomainError('NOT_FOUND', `No city with id ${input.id}.`, 'id');
    const after = { ...before };
    if (input.name != null) {
      after.name = input.name.trim();
      if (!after.name || after.name.length > 200) throw new DomainError('BAD_USER_INPUT', 'The city needs a name of at most 200 characters.', 'name');
    }
    if (input.province != null) {
      after.province = input.province.trim();
      if (!after.province || after.province.length > 200) throw new DomainError('BAD_USER_INPUT', 'The province needs a name of at most 200 characters.', 'province');
    }
    if (input.timeZone != null) {
      if (!isIndonesianTimeZone(input.timeZone)) {
        throw new DomainError('BAD_USER_INPUT', `The time zone must be Asia/Jakarta, Asia/Makassar or Asia/Jayapura; got "${input.timeZone}".`, 'timeZone');
      }
      after.timeZone = input.timeZone;
    }
    if (input.informalWorkforce !== undefined) {
      if (input.informalWorkforce === null) {
        Object.assign(after, { informalWorkforce: null, workforceYear: null, workforceSource: null });
      } else {
        if (!Number.isSafeInteger(input.informalWorkforce) || input.informalWorkforce < 1) {
          throw new DomainError('BAD_USER_INPUT', `The informal workforce must be a whole number of workers above 0; got ${input.informalWorkforce}.`, 'informalWorkforce');
        }
        const year = input.workforceYear;
        if (year == null || !Number.isInteger(year) || year < 1990 || year > 2100) {
          throw new DomainError('BAD_USER_INPUT', 'Give the year the workforce figure describes (1990–2100).', 'workforceYear');
        }
        const source = input.workforceSource?.trim() ?? '';
        if (!source || source.length > 300) throw new DomainError('BAD_USER_INPUT', 'Say where the workforce figure comes from (at most 300 characters).', 'workforceSource');
        Object.assign(after, { informalWorkforce: input.informalWorkforce, workforceYear: year, workforceSource: source });
      }
    }
    return this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE municipalities.municipality SET name = $2, province = $3, time_zone = $4, informal_workforce = $5, workforce_year = $6, workforce_source = $7, updated_at = now() WHERE id = $1`,
        [after.id, after.name, after.province, after.timeZone, after.informalWorkforce, after.workforceYear, after.workforceSource],
      );
      await recordAudit(tx, 'municipalities', {
        actor: auditActorOf(caller),
        action: 'municipality.update',
        entityType: 'Municipality',
        entityId: after.id,
        regionCode: after.code,
        before,
        after,
      });
      return after;
    });
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
