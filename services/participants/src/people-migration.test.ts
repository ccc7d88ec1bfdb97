import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { createDatabase, databaseUrl, dropDatabase } from '../../../infra/postgres-admin.js';
import { isKpj } from '../../../domain/participants/kpj.js';
import { createServiceDataSource, migrateService } from '../../kit/src/database.js';
import { FieldCipher } from '../../kit/src/field-cipher.js';
import { readSecrets } from '../../kit/src/secrets.js';
import { CoverageService } from './coverage/coverage.service.js';
import { participantsService } from './service.js';

// Rows made under the old schema (one row per enrolment, the person's details on each) survive the
// split into people and enrolments with the same ids.
const adminUrl = inject('adminDatabaseUrl');
const name = `t_people_migration_${process.pid}_${Date.now().toString(36)}`;
const url = databaseUrl(adminUrl, name);
const cipher = new FieldCipher(readSecrets());
const before = participantsService.database.migrations as unknown[];
const old = { ...participantsService.database, url, migrations: (before as { name: string }[]).filter((m) => !m.name.startsWith('PeopleAndEnrolments')) as never };
let db: pg.Client;

const MOU_2025 = randomUUID();
const MOU_2026 = randomUUID();
const METRO = randomUUID();
const SORONG = randomUUID();
const ids = { sitiEnded: randomUUID(), sitiActive: randomUUID(), budiMouEnded: randomUUID(), cahya: randomUUID() };

async function oldRow(id: string, nik: string, fields: Record<string, unknown>) {
  const row = {
    full_name: 'Siti Aminah',
    birth_date: '1980-06-05',
    sex: 'F',
    mother_maiden_name: 'Sumarni',
    address: 'Jl. Ahmad Yani 1',
    occupation_group: 'RELIGIOUS_TEACHER',
    municipality_id: METRO,
    mou_id: MOU_2026,
    region_code: '18.72',
    programs: ['JKK', 'JKM'],
    coverage_from: '2026-01-01',
    coverage_to: '2026-12-31',
    status: 'ACTIVE',
    enrolled_by: 'operator.metro',
    ...fields,
  };
  const columns = Object.keys(row);
  await db.query(
    `INSERT INTO participants.participant (id, nik_ciphertext, nik_index, ${columns.join(', ')}) VALUES ($1, $2, $3, ${columns.map((_, i) => `$${i + 4}`).join(', ')})`,
    [id, cipher.encrypt(nik), cipher.blindIndex('nik', nik), ...Object.values(row)],
  );
}

beforeAll(async () => {
  await createDatabase(adminUrl, name);
  await migrateService(old);
  db = new pg.Client({ connectionString: url });
  await db.connect();
  await oldRow(ids.sitiEnded, '1872014506800001', {
    mou_id: MOU_2025,
    coverage_from: '2025-01-01',
    coverage_to: '2025-06-30',
    status: 'TERMINATED',
    address: 'Jl. Lama 9',
    enrolled_at: '2025-01-01T00:00:00Z',
  });
  await db.query(
    `INSERT INTO participants.audit_event (actor, roles, action, entity_type, entity_id, region_code, after) VALUES ('operator.metro', '{city_operator}', 'participant.end', 'Participant', $1, '18.72', '{"reason":"moved to Bandar Lampung"}')`,
    [ids.sitiEnded],
  );
  await oldRow(ids.sitiActive, '1872014506800001', { enrolled_at: '2026-01-02T00:00:00Z' });
  await oldRow(ids.budiMouEnded, '1872010101900002', {
    full_name: 'Budi',
    sex: 'M',
    birth_date: '1990-01-01',
    mou_id: MOU_2025,
    coverage_from: '2025-01-01',
    coverage_to: '2025-12-31',
    status: 'TERMINATED',
  });
  await oldRow(ids.cahya, '9671010101900003', { full_name: 'Cahya', sex: 'M', birth_date: '1990-01-01', municipality_id: SORONG, region_code: '96.71', programs: ['JKM'] });
  await migrateService({ ...participantsService.database, url });
});
afterAll(async () => {
  await db?.end();
  await dropDatabase(adminUrl, name);
});

describe('migration 1765100000000: people and enrolments', () => {
  it('keeps every row as an enrolment with the same id, one person per NIK', async () => {
    const { rows } = await db.query(`SELECT id, person_id, status, end_reason, end_note, monthly_contribution::text AS c FROM participants.enrolment ORDER BY enrolled_at`);
    expect(rows.map((r) => r.id).sort()).toEqual(Object.values(ids).sort());
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ids.sitiEnded).person_id).toBe(byId.get(ids.sitiActive).person_id);
    expect(new Set(rows.map((r) => r.person_id)).size).toBe(3);
    expect(byId.get(ids.sitiEnded)).toMatchObject({ status: 'ENDED', end_reason: 'WITHDRAWN', end_note: 'moved to Bandar Lampung', c: '16800' });
    expect(byId.get(ids.budiMouEnded)).toMatchObject({ status: 'ENDED', end_reason: 'MOU_ENDED' });
    expect(byId.get(ids.sitiActive)).toMatchObject({ status: 'ACTIVE', end_reason: null });
    expect(byId.get(ids.cahya)).toMatchObject({ status: 'ACTIVE', c: '6800' });
  });

  it('gives each person a KPJ number in order of first enrolment, and the newest details', async () => {
    const { rows } = await db.query(`SELECT full_name, address, kpj_number, nik_ciphertext FROM participants.person ORDER BY kpj_number`);
    expect(rows.map((r) => r.full_name)).toEqual(['Siti Aminah', 'Budi', 'Cahya']);
    expect(rows.every((r) => isKpj(r.kpj_number))).toBe(true);
    expect(rows[0]).toMatchObject({ address: 'Jl. Ahmad Yani 1' });
    expect(cipher.decrypt(rows[0].nik_ciphertext)).toBe('1872014506800001');
  });

  it('reads through the participant view and answers coverage across the person’s enrolments', async () => {
    const { rows } = await db.query(`SELECT id, full_name, birth_date::text AS b, kpj_number FROM participants.participant WHERE id = $1`, [ids.sitiActive]);
    expect(rows[0]).toMatchObject({ full_name: 'Siti Aminah', b: '1980-06-05' });
    const data = createServiceDataSource({ ...participantsService.database, url, poolSize: 1 });
    await data.initialize();
    try {
      const coverage = new CoverageService(data);
      expect(await coverage.coverageOnDate({ participantId: ids.sitiActive, date: '2025-03-01', cities: ['18.72'] })).toMatchObject({ covered: true, enrolmentId: ids.sitiEnded });
      expect(await coverage.coverageOnDate({ participantId: ids.sitiActive, date: '2025-08-01', cities: ['18.72'] })).toMatchObject({
        covered: false,
        reason: 'ENDED',
        endReason: 'WITHDRAWN',
      });
    } finally {
      await data.destroy();
    }
  });

  it('lets a person hold one open enrolment only', async () => {
    const [{ person_id }] = (await db.query(`SELECT person_id FROM participants.enrolment WHERE id = $1`, [ids.sitiActive])).rows;
    await expect(
      db.query(
        `INSERT INTO participants.enrolment (id, person_id, full_name, occupation_group, municipality_id, mou_id, region_code, programs, coverage_from, coverage_to, status, declared_monthly_income, monthly_contribution, enrolled_by)
         VALUES ($1, $2, 'Siti', 'OTHER', $3, $4, '96.71', '{JKM}', '2026-02-01', '2026-12-31', 'INACTIVE', 1000000, 6800, 'x')`,
        [randomUUID(), person_id, SORONG, randomUUID()],
      ),
    ).rejects.toMatchObject({ constraint: 'enrolment_one_open_per_person' });
  });
});
