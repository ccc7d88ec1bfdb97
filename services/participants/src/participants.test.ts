import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { errorCode, mustQuery } from '../../../test/harness/graphql.js';
import { startTestSystem, type TestSystem } from '../../../test/harness/system.js';
import { op } from '../../../test/fixtures/operations.js';
import { ACTORS, metroToday, metroWithActiveMou, mouTerms, signBoth, SITI } from '../../../test/fixtures/scenario.js';

// Enrolment crosses services (the MoU lives in municipalities), so it runs through the real
// enrolment workflow; the participants subgraph is called on its own URL.
let system: TestSystem;
let url: string;
let db: pg.Client;
let metro: Awaited<ReturnType<typeof metroWithActiveMou>>;

beforeAll(async () => {
  system = await startTestSystem('participants');
  url = system.services.participants.url;
  db = new pg.Client({ connectionString: system.db.url });
  await db.connect();
  metro = await metroWithActiveMou(system.gatewayUrl);
});
afterAll(async () => {
  await db?.end();
  await system?.stop();
});

const participantCount = async () => Number((await db.query(`SELECT count(*) FROM participants.participant`)).rows[0].count);
const enrolInput = (overrides: Record<string, unknown> = {}) => ({ input: { mouId: metro.mouId, ...SITI, ...overrides } });

describe('participants subgraph', () => {
  it('enrols a worker under an active MoU, covered from today to the end of the MoU', async () => {
    const { enrolParticipant } = await mustQuery(url, op('EnrolParticipant'), enrolInput(), ACTORS.operator);
    const participant = enrolParticipant.participant;
    expect(participant).toMatchObject({ fullName: 'Siti Aminah', status: 'ACTIVE', programs: ['JKK', 'JKM'], municipality: { id: metro.municipalityId } });
    expect(participant.coverageTo).toMatch(/-12-31$/);
    expect(enrolParticipant.warnings).toEqual([]);
  });

  it('refuses a malformed NIK before anything is written or started', async () => {
    const before = await participantCount();
    const cases = ['187201450680000', '18720145068000AB', '0072014506800001', '1872019906800001'];
    for (const nik of cases) {
      expect(await errorCode(url, op('EnrolParticipant'), enrolInput({ nik }), ACTORS.operator)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'nik' });
    }
    expect(await participantCount()).toBe(before);
  });

  it('refuses a second active enrolment of the same NIK', async () => {
    const before = await participantCount();
    expect(await errorCode(url, op('EnrolParticipant'), enrolInput({ fullName: 'Siti A.' }), ACTORS.operator)).toMatchObject({ code: 'CONFLICT', field: 'nik' });
    expect(await participantCount()).toBe(before);
  });

  it('refuses an unknown MoU and a DRAFT MoU', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await errorCode(url, op('EnrolParticipant'), enrolInput({ mouId: unknown, nik: '1872010101900002' }), ACTORS.operator)).toMatchObject({ code: 'NOT_FOUND' });
    const { createMou } = await mustQuery(system.gatewayUrl, op('CreateMou'), { input: mouTerms(metro.municipalityId, '2026-01-01', '2030-12-31') }, ACTORS.admin);
    expect(await errorCode(url, op('EnrolParticipant'), enrolInput({ mouId: createMou.id, nik: '1872010101900002' }), ACTORS.operator)).toMatchObject({
      code: 'NOT_ELIGIBLE',
      field: 'mouId',
    });
  });

  it('stops at the MoU quota', async () => {
    const year = metroToday().slice(0, 4);
    const { createMou } = await mustQuery(
      system.gatewayUrl,
      op('CreateMou'),
      {
        input: mouTerms(metro.municipalityId, `${year}-01-01`, `${year}-12-31`, { quota: 1, groups: [{ group: 'RELIGIOUS_TEACHER', quota: 1 }], programs: ['JKM'] }),
      },
      ACTORS.admin,
    );
    await signBoth(system.gatewayUrl, createMou.id);
    await mustQuery(url, op('EnrolParticipant'), enrolInput({ mouId: createMou.id, nik: '1872010101900003', fullName: 'Ahmad' }), ACTORS.operator);
    expect(await errorCode(url, op('EnrolParticipant'), enrolInput({ mouId: createMou.id, nik: '1872010101900004', fullName: 'Bambang' }), ACTORS.operator)).toMatchObject({
      code: 'QUOTA_EXCEEDED',
    });
  });

  it('enrols a NIK first issued elsewhere, with a warning instead of a refusal', async () => {
    const { enrolParticipant } = await mustQuery(
      url,
      op('EnrolParticipant'),
      enrolInput({ nik: '3273010101900005', fullName: 'Cahya', birthDate: '1990-01-01', sex: 'M' }),
      ACTORS.operator,
    );
    expect(enrolParticipant.warnings.map((w: { code: string }) => w.code)).toContain('REGION_MISMATCH');
  });

  it('counts a page’s total up to 10,000 and says when there are more, instead of counting every row', async () => {
    const total = 'query Total($code: String!) { municipalityByCode(code: $code) { participants(first: 1) { totalCount totalCountCapped } } }';
    const city = (await db.query(`SELECT id FROM municipalities.municipality WHERE code = '61.71'`)).rows[0].id as string;
    await db.query(
      `WITH people AS (
         INSERT INTO participants.person (nik_ciphertext, nik_index, full_name, birth_date, sex, mother_maiden_name, address, region_code)
         SELECT 'v1:cap', 'cap-' || i, 'Pekerja ' || i, '1980-01-01', 'M', 'Ibu', 'Pontianak', '61.71' FROM generate_series(1, 10001) AS i RETURNING id, full_name)
       INSERT INTO participants.enrolment (id, person_id, full_name, occupation_group, municipality_id, mou_id, region_code, programs, coverage_from, coverage_to, status, enrolled_by,
                                           declared_monthly_income, monthly_contribution)
       SELECT gen_random_uuid(), id, full_name, 'RT_RW_HEAD', $1, gen_random_uuid(), '61.71', ARRAY['JKK', 'JKM'], '2020-01-01', '2030-12-31', 'ACTIVE', 'test', 1000000, 16800 FROM people`,
      [city],
    );
    const big = (await mustQuery(system.gatewayUrl, total, { code: '61.71' }, ACTORS.admin)).municipalityByCode.participants;
    expect(big).toEqual({ totalCount: 10_000, totalCountCapped: true });
    const metroTotal = (await mustQuery(system.gatewayUrl, total, { code: '18.72' }, ACTORS.manager)).municipalityByCode.participants;
    expect(metroTotal.totalCountCapped).toBe(false);
    expect(metroTotal.totalCount).toBeGreaterThan(0);
  });

  it('pages a city’s participants by name through the gateway', async () => {
    const first = (await mustQuery(system.gatewayUrl, op('MouParticipants'), { code: '18.72', first: 2 }, ACTORS.manager)).municipalityByCode.participants;
    expect(first.totalCount).toBe(3);
    expect(first.nodes.map((n: { fullName: string }) => n.fullName)).toEqual(['Ahmad', 'Cahya']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = (await mustQuery(system.gatewayUrl, op('MouParticipants'), { code: '18.72', first: 2, after: first.pageInfo.endCursor }, ACTORS.manager)).municipalityByCode
      .participants;
    expect(next.nodes.map((n: { fullName: string }) => n.fullName)).toEqual(['Siti Aminah']);
    expect(next.pageInfo.hasNextPage).toBe(false);
    expect(await errorCode(system.gatewayUrl, op('MouParticipants'), { code: '18.72', first: 1000 }, ACTORS.manager)).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
  it('gives the place back when an enrolment ends, so the next worker gets it', async () => {
    const year = metroToday().slice(0, 4);
    const { createMou } = await mustQuery(
      system.gatewayUrl,
      op('CreateMou'),
      {
        input: mouTerms(metro.municipalityId, `${year}-01-01`, `${Number(year) + 1}-12-31`, { quota: 1, groups: [{ group: 'RELIGIOUS_TEACHER', quota: 1 }] }),
      },
      ACTORS.admin,
    );
    await signBoth(system.gatewayUrl, createMou.id);
    const first = (await mustQuery(url, op('EnrolParticipant'), enrolInput({ mouId: createMou.id, nik: '1872010101900011', fullName: 'Dedi' }), ACTORS.operator)).enrolParticipant
      .participant;
    const next = enrolInput({ mouId: createMou.id, nik: '1872010101900012', fullName: 'Eko' });
    expect(await errorCode(url, op('EnrolParticipant'), next, ACTORS.operator)).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    const end = { participantId: first.id, lastCoveredDay: metroToday(), reason: 'moved to Bandar Lampung' };
    expect(await errorCode(url, op('EndEnrolment'), { input: { ...end, lastCoveredDay: `${Number(year) + 3}-01-01` } }, ACTORS.operator)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'lastCoveredDay',
    });
    expect((await mustQuery(url, op('EndEnrolment'), { input: end }, ACTORS.operator)).endEnrolment).toMatchObject({ status: 'ENDED', coverageTo: metroToday() });
    expect(await errorCode(url, op('EndEnrolment'), { input: end }, ACTORS.operator)).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await mustQuery(url, op('EnrolParticipant'), next, ACTORS.operator)).enrolParticipant.participant.status).toBe('ACTIVE');
  });
});
