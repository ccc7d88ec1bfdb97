import type { DataSource } from 'typeorm';
import { groupByKeys } from '../../../kit/src/batch.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';
import { ParticipantEntity } from '../participant/participant.entity.js';
import { PersonEntity } from './person.entity.js';

/** People as the caller may see them: a person is visible where one of their enrolments is. */
export class PersonService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  async findMany(ids: readonly string[], scope: CityScopeFilter): Promise<(PersonEntity | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await this.dataSource
          .getRepository(PersonEntity)
          .createQueryBuilder('p')
          .where('p.id = ANY(:ids)', { ids: valid })
          .andWhere(':cities::text[] IS NULL OR EXISTS (SELECT 1 FROM participants.enrolment e WHERE e.person_id = p.id AND e.region_code = ANY(:cities::text[]))', {
            cities: scope.asSqlArray(),
          })
          .getMany()
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async findByNik(nik: string, scope: CityScopeFilter): Promise<PersonEntity | null> {
    const index = this.cipher.blindIndex('nik', nik.trim());
    const [found] = (await this.dataSource.query(`SELECT id FROM participants.person WHERE nik_index = $1`, [index])) as { id: string }[];
    return found ? ((await this.findMany([found.id], scope))[0] ?? null) : null;
  }

  /** Each person's enrolments in the caller's cities, oldest first. */
  async enrolmentsOf(personIds: readonly string[], scope: CityScopeFilter): Promise<ParticipantEntity[][]> {
    const rows = await this.dataSource
      .getRepository(ParticipantEntity)
      .createQueryBuilder('e')
      .where('e.person_id = ANY(:ids)', { ids: personIds.filter(isUuid) })
      .andWhere(':cities::text[] IS NULL OR e.region_code = ANY(:cities::text[])', { cities: scope.asSqlArray() })
      .orderBy('e.coverage_from')
      .addOrderBy('e.enrolled_at')
      .getMany();
    return groupByKeys(personIds, rows, (row) => row.personId);
  }

  nikOf(person: PersonEntity): string {
    return this.cipher.decrypt(person.nikCiphertext);
  }
}
