import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { normalizeNik, validateNik } from '../../../../domain/nik.js';
import { normaliseName } from '../../../../domain/participants/names.js';
import { mapHeader, parseImportDate, parseSex } from '../../../../domain/participants/import-row.js';
import { copyInto, withPgClient } from '../../../kit/src/copy.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import { readRows } from '../enrolment-import/import.parse.js';

/**
 * Loads a civil-registry extract (CSV: NIK, Nama, Tanggal Lahir, Jenis Kelamin, Nama Ibu Kandung,
 * and optionally Kode Wilayah) into participants.registry_person: streamed through COPY into a
 * temporary table, then upserted by NIK. NIKs are stored encrypted with their blind index only.
 * Lines that are no valid record are counted and skipped (an extract is not a city's list).
 */
export async function loadRegistryExtract(dataSource: DataSource, cipher: FieldCipher, input: Readable): Promise<{ loaded: number; skipped: number }> {
  let skipped = 0;
  let loaded = 0;
  await withPgClient(dataSource, async (client) => {
    await client.query('BEGIN');
    await client.query(`CREATE TEMP TABLE registry_load (LIKE participants.registry_person INCLUDING DEFAULTS) ON COMMIT DROP`);
    let columns: Record<string, number | undefined> | null = null;
    let regionColumn: number | undefined;
    async function* records() {
      for await (const row of readRows(input, 'csv')) {
        if (!columns) {
          const mapping = mapHeader(row.cells);
          if (mapping.columns.nik === undefined || mapping.columns.fullName === undefined || mapping.columns.birthDate === undefined) {
            throw new Error('The extract needs the columns NIK, Nama and Tanggal Lahir.');
          }
          columns = mapping.columns;
          regionColumn = row.cells.findIndex((cell) => /kode\s*wilayah|region/i.test(cell));
          continue;
        }
        const cell = (field: string) => (columns![field] === undefined ? '' : (row.cells[columns![field]!] ?? '').trim());
        const nik = normalizeNik(cell('nik'));
        const birthDate = parseImportDate(cell('birthDate'));
        const check = validateNik(nik);
        if (row.malformed || !check.ok || !birthDate || !cell('fullName')) {
          skipped++;
          continue;
        }
        loaded++;
        const region = regionColumn !== undefined && regionColumn >= 0 ? (row.cells[regionColumn] ?? '').trim() : '';
        yield [
          cipher.blindIndex('nik', nik),
          cipher.encrypt(nik),
          cell('fullName'),
          normaliseName(cell('fullName')),
          birthDate,
          parseSex(cell('sex')) ?? check.parsed!.sex,
          cell('motherMaidenName'),
          normaliseName(cell('motherMaidenName')),
          region || check.parsed!.regionCode,
        ];
      }
    }
    await copyInto(client, 'registry_load (nik_index, nik_ciphertext, full_name, name_norm, birth_date, sex, mother_maiden_name, mother_norm, region_code)', records());
    await client.query(
      `INSERT INTO participants.registry_person (nik_index, nik_ciphertext, full_name, name_norm, birth_date, sex, mother_maiden_name, mother_norm, region_code)
       SELECT DISTINCT ON (nik_index) nik_index, nik_ciphertext, full_name, name_norm, birth_date, sex, mother_maiden_name, mother_norm, region_code FROM registry_load
       ON CONFLICT (nik_index) DO UPDATE SET full_name = EXCLUDED.full_name, name_norm = EXCLUDED.name_norm, birth_date = EXCLUDED.birth_date, sex = EXCLUDED.sex,
         mother_maiden_name = EXCLUDED.mother_maiden_name, mother_norm = EXCLUDED.mother_norm, region_code = EXCLUDED.region_code, loaded_at = now()`,
    );
    await client.query('COMMIT');
  });
  return { loaded, skipped };
}
