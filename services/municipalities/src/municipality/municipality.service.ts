import type { DataSource } from 'typeorm';
import { isIndonesianTimeZone } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import { isUniqueViolation, isUuid } from '../../../kit/src/ids.js';
import { MunicipalityEntity } from './municipality.entity.js';
import type { CreateMunicipalityInput } from './municipality.inputs.js';

const REGION_CODE = /^\d{2}\.\d{2}$/;

export class MunicipalityService {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(MunicipalityEntity);
  }

  async create(input: CreateMunicipalityInput): Promise<MunicipalityEntity> {
    const code = input.code.trim();
    if (!REGION_CODE.test(code)) {
      throw new DomainError('BAD_USER_INPUT', `The region code must look like "18.72" (province.city); got "${input.code}".`, 'code');
    }
    if (code.startsWith('00')) throw new DomainError('BAD_USER_INPUT', 'Province 00 does not exist.', 'code');
    const name = input.name.trim();
    if (!name) throw new DomainError('BAD_USER_INPUT', 'The city needs a name.', 'name');
    if (!input.province.trim()) throw new DomainError('BAD_USER_INPUT', 'The province needs a name.', 'province');
    if (!isIndonesianTimeZone(input.timeZone)) {
      throw new DomainError('BAD_USER_INPUT', `The time zone must be Asia/Jakarta, Asia/Makassar or Asia/Jayapura; got "${input.timeZone}".`, 'timeZone');
    }
    try {
      return await this.repository.save(this.repository.create({ code, name, province: input.province.trim(), timeZone: input.timeZone }));
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('CONFLICT', `A city with region code ${code} already exists.`, 'code');
      throw error;
    }
  }

  async require(id: string): Promise<MunicipalityEntity> {
    const found = await this.findMany([id]);
    if (!found[0]) throw new DomainError('NOT_FOUND', `No city with id ${id}.`, 'id');
    return found[0];
  }

  findByCode(code: string): Promise<MunicipalityEntity | null> {
    return this.repository.findOneBy({ code: code.trim() });
  }

  list(): Promise<MunicipalityEntity[]> {
    return this.repository.find({ order: { code: 'ASC' } });
  }

  /** For DataLoaders: one query for many ids, results in key order. */
  async findMany(ids: readonly string[]): Promise<(MunicipalityEntity | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await this.repository.createQueryBuilder('m').where('m.id = ANY(:ids)', { ids: valid }).getMany() : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
