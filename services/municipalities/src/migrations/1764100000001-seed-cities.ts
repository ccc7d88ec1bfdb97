import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The four cities Lindung started with, available out of the box. Idempotent: a city already
 * registered (or edited since) is left as it is. The informal workforce is the denominator of
 * coverage %; it is known for Pontianak only and stays null elsewhere until a city supplies it.
 */
export const SEED_CITIES = [
  { code: '96.71', name: 'Kota Sorong', province: 'Papua Barat Daya', timeZone: 'Asia/Jayapura', workforce: null },
  { code: '18.72', name: 'Kota Metro', province: 'Lampung', timeZone: 'Asia/Jakarta', workforce: null },
  {
    code: '61.71',
    name: 'Kota Pontianak',
    province: 'Kalimantan Barat',
    timeZone: 'Asia/Jakarta',
    workforce: { count: 244_236, year: 2024, source: 'BPJS Ketenagakerjaan Cabang Pontianak as reported in the press: coverage 40.86% in 2024' },
  },
  { code: '71.74', name: 'Kota Kotamobagu', province: 'Sulawesi Utara', timeZone: 'Asia/Makassar', workforce: null },
] as const;

export class SeedCities1764100000001 implements MigrationInterface {
  name = 'SeedCities1764100000001';

  async up(q: QueryRunner): Promise<void> {
    for (const city of SEED_CITIES) {
      await q.query(
        `INSERT INTO municipalities.municipality (code, name, province, time_zone, informal_workforce, workforce_year, workforce_source)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING`,
        [city.code, city.name, city.province, city.timeZone, city.workforce?.count ?? null, city.workforce?.year ?? null, city.workforce?.source ?? null],
      );
    }
  }

  async down(): Promise<void> {
    // Seeded cities may carry MoUs by now; they are not removed.
  }
}
