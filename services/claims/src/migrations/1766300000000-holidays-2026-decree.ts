import type { MigrationInterface, QueryRunner } from 'typeorm';

// The national days of 2026 that the first seed had wrong or lacked, per the joint decree
// (SKB 3 Menteri) on 2026 holidays and collective leave; see holidays-2026.ts.
const CORRECTED = [
  { day: '2026-03-20', name: 'Cuti bersama Idul Fitri 1447 H', kind: 'COLLECTIVE_LEAVE' },
  { day: '2026-03-22', name: 'Idul Fitri 1447 H', kind: 'PUBLIC_HOLIDAY' },
  { day: '2026-04-05', name: 'Kebangkitan Yesus Kristus (Paskah)', kind: 'PUBLIC_HOLIDAY' },
  { day: '2026-05-28', name: 'Cuti bersama Idul Adha 1447 H', kind: 'COLLECTIVE_LEAVE' },
] as const;

/** Brings a database seeded with the first 2026 calendar in line with the decree (clocks already started keep their dates). */
export class Holidays2026Decree1766300000000 implements MigrationInterface {
  name = 'Holidays2026Decree1766300000000';

  async up(q: QueryRunner): Promise<void> {
    for (const h of CORRECTED) {
      await q.query(`INSERT INTO claims.holiday (day, region_code, name, kind) VALUES ($1, '*', $2, $3) ON CONFLICT (day, region_code) DO UPDATE SET name = $2, kind = $3`, [
        h.day,
        h.name,
        h.kind,
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM claims.holiday WHERE region_code = '*' AND day IN ('2026-03-22', '2026-04-05', '2026-05-28')`);
    await q.query(`UPDATE claims.holiday SET name = 'Idul Fitri 1447 H', kind = 'PUBLIC_HOLIDAY' WHERE region_code = '*' AND day = '2026-03-20'`);
  }
}
