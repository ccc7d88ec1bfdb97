import type { DataSource } from 'typeorm';
import { todayIn } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import { activateMou, mouNumber, validateMouTerms } from '../../../../domain/mou/mou-status.js';
import type { Actor } from '../../../kit/src/context.js';
import { isUuid } from '../../../kit/src/ids.js';
import { MunicipalityEntity } from '../municipality/municipality.entity.js';
import { MouEntity } from './mou.entity.js';
import type { CreateMouInput } from './mou.inputs.js';

/** What enrolment needs to know about an MoU, read across services through an activity. */
export interface MouForEnrolment {
  mouId: string;
  mouNumber: string;
  municipalityId: string;
  regionCode: string;
  timeZone: string;
  status: string;
  validFrom: string;
  validTo: string;
  quota: number;
  programs: string[];
  /** Today's date in the city, so the workflow needs no clock or time-zone data. */
  today: string;
}

export class MouService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(input: CreateMouInput, actor: Actor): Promise<MouEntity> {
    validateMouTerms(input);
    const citySignatory = input.citySignatory.trim();
    const bpjsOffice = input.bpjsOffice.trim();
    if (!citySignatory) throw new DomainError('BAD_USER_INPUT', 'Name who signed for the city.', 'citySignatory');
    if (!bpjsOffice) throw new DomainError('BAD_USER_INPUT', 'Name the BPJS Ketenagakerjaan office that signed.', 'bpjsOffice');
    const city = await this.city(input.municipalityId, 'municipalityId');
    return this.dataSource.transaction(async (tx) => {
      const year = Number(input.validFrom.slice(0, 4));
      const [sequence] = (await tx.query(
        `INSERT INTO municipalities.mou_number_sequence (region_code, year, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (region_code, year) DO UPDATE SET last_value = mou_number_sequence.last_value + 1
         RETURNING last_value`,
        [city.code, year],
      )) as { last_value: number }[];
      const repository = tx.getRepository(MouEntity);
      return repository.save(
        repository.create({
          number: mouNumber(city.code, year, sequence!.last_value),
          municipalityId: city.id,
          citySignatory,
          bpjsOffice,
          validFrom: input.validFrom,
          validTo: input.validTo,
          status: 'DRAFT',
          budget: input.budget,
          quota: input.quota,
          programs: [...input.programs],
          createdBy: actor.id,
          activatedBy: null,
          activatedAt: null,
        }),
      );
    });
  }

  /** DRAFT → ACTIVE once signed. The guarded UPDATE makes a double click harmless. */
  async activate(id: string, actor: Actor): Promise<MouEntity> {
    const mou = await this.require(id);
    const city = await this.city(mou.municipalityId, 'id');
    activateMou(mou, todayIn(city.timeZone, this.now()));
    const updated = (await this.dataSource.query(
      `UPDATE municipalities.mou SET status = 'ACTIVE', activated_by = $2, activated_at = now()
       WHERE id = $1 AND status = 'DRAFT' RETURNING id`,
      [id, actor.id],
    )) as [unknown[], number];
    if (updated[1] === 0) throw new DomainError('CONFLICT', `MoU ${mou.number} was changed by someone else just now; reload it.`, 'id');
    return this.require(id);
  }

  async require(id: string): Promise<MouEntity> {
    const [found] = await this.findMany([id]);
    if (!found) throw new DomainError('NOT_FOUND', `No MoU with id ${id}.`, 'id');
    return found;
  }

  async findMany(ids: readonly string[]): Promise<(MouEntity | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await this.dataSource.getRepository(MouEntity).createQueryBuilder('m').where('m.id = ANY(:ids)', { ids: valid }).getMany()
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async listByMunicipalities(municipalityIds: readonly string[]): Promise<MouEntity[][]> {
    const valid = municipalityIds.filter(isUuid);
    const rows = valid.length
      ? await this.dataSource
          .getRepository(MouEntity)
          .createQueryBuilder('m')
          .where('m.municipality_id = ANY(:ids)', { ids: valid })
          .orderBy('m.valid_from', 'ASC')
          .addOrderBy('m.number', 'ASC')
          .getMany()
      : [];
    return municipalityIds.map((id) => rows.filter((row) => row.municipalityId === id));
  }

  async forEnrolment(mouId: string): Promise<MouForEnrolment> {
    const mou = await this.require(mouId);
    const city = await this.city(mou.municipalityId, 'mouId');
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

  private async city(id: string, field: string): Promise<MunicipalityEntity> {
    const city = isUuid(id) ? await this.dataSource.getRepository(MunicipalityEntity).findOneBy({ id }) : null;
    if (!city) throw new DomainError('NOT_FOUND', `No city with id ${id}.`, field);
    return city;
  }
}
