import type { MigrationInterface, QueryRunner } from 'typeorm';

// The national days of 2027 whose date is fixed by law every year (New Year, Labour Day, Pancasila
// Day, Independence Day, Christmas). Without them a claim whose documents complete in late December
// 2026 would count 1 January 2027 as a working day. The decree (SKB 3 Menteri) for 2027 adds the
// lunar and religious days and the collective leave: enter it with setClaimHoliday when published.
const FIXED_2027 = [
  { day: '2027-01-01', name: 'Tahun Baru Masehi' },
  { day: '2027-05-01', name: 'Hari Buruh Internasional' },
  { day: '2027-06-01', name: 'Hari Lahir Pancasila' },
  { day: '2027-08-17', name: 'Hari Kemerdekaan RI' },
  { day: '2027-12-25', name: 'Hari Raya Natal' },
] as const;

export class Holidays2027FixedDays1767900000000 implements MigrationInterface {
  name = 'Holidays2027FixedDays1767900000000';

  async up(q: QueryRunner): Promise<void> {
    for (const h of FIXED_2027) {
      // A day an administrator already entered (from the decree) keeps its name and kind.
      await q.query(`INSERT INTO claims.holiday (day, region_code, name, kind) VALUES ($1, '*', $2, 'PUBLIC_HOLIDAY') ON CONFLICT (day, region_code) DO NOTHING`, [h.day, h.name]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM claims.holiday WHERE region_code = '*' AND day = ANY($1::date[])`, [FIXED_2027.map((h) => h.day)]);
  }
}
