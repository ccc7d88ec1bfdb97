import type { DataSource } from 'typeorm';
import type { CivilRegistry, RegistryCandidate, RegistryQuery, RegistryRecord } from './civil-registry.js';

const RECORD_COLUMNS = `nik_index AS "nikIndex", nik_ciphertext AS "nikCiphertext", full_name AS "fullName", to_char(birth_date, 'YYYY-MM-DD') AS "birthDate",
  sex, mother_maiden_name AS "motherMaidenName", region_code AS "regionCode"`;

/**
 * The default adapter: a registry extract (as agencies receive Dukcapil data under a data-sharing
 * agreement) loaded into `participants.registry_person` by `npm run registry:load`. One query per
 * page: the record with the NIK, else the most similar name (pg_trgm, `%` on the GIN index)
 * among people born the same day.
 */
export class PostgresCivilRegistry implements CivilRegistry {
  constructor(private readonly dataSource: DataSource) {}

  async available(): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM participants.registry_person LIMIT 1`)) as unknown[];
    return rows.length > 0;
  }

  async candidates(queries: readonly RegistryQuery[]): Promise<RegistryCandidate[]> {
    if (queries.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT q.key, (byNik.nik_index IS NOT NULL) AS "nikMatches", COALESCE(byNik.nik_index, byName.nik_index) AS found
         FROM unnest($1::int[], $2::text[], $3::text[], $4::date[]) AS q(key, nik_index, name_norm, birth_date)
         LEFT JOIN participants.registry_person byNik ON byNik.nik_index = q.nik_index
         LEFT JOIN LATERAL (
           SELECT r.nik_index FROM participants.registry_person r
            WHERE byNik.nik_index IS NULL AND r.birth_date = q.birth_date AND r.name_norm % q.name_norm
            ORDER BY similarity(r.name_norm, q.name_norm) DESC LIMIT 1
         ) byName ON true`,
      [queries.map((q) => q.key), queries.map((q) => q.nikIndex), queries.map((q) => q.nameNorm), queries.map((q) => q.birthDate)],
    )) as { key: number; nikMatches: boolean; found: string | null }[];
    const found = [...new Set(rows.map((r) => r.found).filter((f): f is string => f !== null))];
    const records = new Map<string, RegistryRecord>();
    if (found.length > 0) {
      const list = (await this.dataSource.query(`SELECT ${RECORD_COLUMNS} FROM participants.registry_person WHERE nik_index = ANY($1)`, [found])) as RegistryRecord[];
      for (const record of list) records.set(record.nikIndex, record);
    }
    return rows.map((r) => ({ key: r.key, nikMatches: r.nikMatches, record: r.found ? (records.get(r.found) ?? null) : null }));
  }

  async record(nikIndex: string): Promise<RegistryRecord | null> {
    const [row] = (await this.dataSource.query(`SELECT ${RECORD_COLUMNS} FROM participants.registry_person WHERE nik_index = $1`, [nikIndex])) as RegistryRecord[];
    return row ?? null;
  }
}
