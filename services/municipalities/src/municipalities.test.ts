import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { errorCode, mustQuery } from '../../../test/harness/graphql.js';
import { startTestSystem, type TestSystem } from '../../../test/harness/system.js';
import { op } from '../../../test/fixtures/operations.js';
import { ACTORS, METRO } from '../../../test/fixtures/scenario.js';

// The municipalities subgraph on its own URL, against a real PostgreSQL database.
let system: TestSystem;
let url: string;
let db: pg.Client;

beforeAll(async () => {
  system = await startTestSystem('municipalities');
  url = system.services.municipalities.url;
  db = new pg.Client({ connectionString: system.db.url });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await system?.stop();
});

const count = async (table: string) => Number((await db.query(`SELECT count(*) FROM municipalities.${table}`)).rows[0].count);

const mouInput = (municipalityId: string, overrides: Record<string, unknown> = {}) => ({
  municipalityId,
  citySignatory: 'Wali Kota Metro',
  bpjsOffice: 'BPJS Ketenagakerjaan Cabang Metro',
  validFrom: '2026-01-01',
  validTo: '2030-12-31',
  budget: '1721000000',
  quota: 8477,
  programs: ['JKK', 'JKM'],
  ...overrides,
});

describe('municipalities subgraph', () => {
  let metroId: string;

  it('registers a city and finds it by its Kemendagri code', async () => {
    const { createMunicipality } = await mustQuery(url, op('CreateMunicipality'), { input: METRO }, ACTORS.admin);
    metroId = createMunicipality.id;
    expect(createMunicipality).toMatchObject({ code: '18.72', name: 'Kota Metro', timeZone: 'Asia/Jakarta' });
    const { municipalityByCode } = await mustQuery(url, op('MunicipalityByCode'), { code: '18.72' }, ACTORS.partner);
    expect(municipalityByCode.id).toBe(metroId);
  });

  it('refuses a malformed region code, a duplicate city and an unknown time zone, writing nothing', async () => {
    const before = await count('municipality');
    expect(await errorCode(url, op('CreateMunicipality'), { input: { ...METRO, code: '1872' } }, ACTORS.admin)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    expect(await errorCode(url, op('CreateMunicipality'), { input: METRO }, ACTORS.admin)).toMatchObject({ code: 'CONFLICT', field: 'code' });
    expect(await errorCode(url, op('CreateMunicipality'), { input: { ...METRO, code: '96.71', timeZone: 'Asia/Tokyo' } }, ACTORS.admin)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeZone' });
    expect(await count('municipality')).toBe(before);
  });

  it('refuses a request the gateway did not sign', async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: op('CreateMunicipality'), variables: { input: METRO } }) });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('lets only BPJS administrators register cities and MoUs', async () => {
    expect(await errorCode(url, op('CreateMunicipality'), { input: { ...METRO, code: '61.71' } }, ACTORS.operator)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorCode(url, op('CreateMou'), { input: mouInput(metroId) }, ACTORS.manager)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('numbers MoUs per region and year, starts them as DRAFT and activates them once', async () => {
    const first = (await mustQuery(url, op('CreateMou'), { input: mouInput(metroId) }, ACTORS.admin)).createMou;
    const second = (await mustQuery(url, op('CreateMou'), { input: mouInput(metroId) }, ACTORS.admin)).createMou;
    expect(first).toMatchObject({ number: 'MOU/1872/2026/0001', status: 'DRAFT', budget: '1721000000', programs: ['JKK', 'JKM'] });
    expect(second.number).toBe('MOU/1872/2026/0002');
    expect((await mustQuery(url, op('ActivateMou'), { id: first.id }, ACTORS.admin)).activateMou.status).toBe('ACTIVE');
    expect(await errorCode(url, op('ActivateMou'), { id: first.id }, ACTORS.admin)).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('keeps amounts beyond 32 bits exact', async () => {
    const { createMou } = await mustQuery(url, op('CreateMou'), { input: mouInput(metroId, { budget: '71549275792' }) }, ACTORS.admin);
    expect(createMou.budget).toBe('71549275792');
  });

  it('refuses bad MoU terms with the field named, writing nothing', async () => {
    const before = await count('mou');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ validTo: '2025-12-31' }, 'BAD_USER_INPUT', 'validTo'],
      [{ quota: 0 }, 'BAD_USER_INPUT', 'quota'],
      [{ budget: '0' }, 'BAD_USER_INPUT', 'budget'],
      [{ programs: [] }, 'BAD_USER_INPUT', 'programs'],
      [{ municipalityId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', 'municipalityId'],
    ];
    for (const [overrides, code, field] of cases) {
      expect(await errorCode(url, op('CreateMou'), { input: mouInput(metroId, overrides) }, ACTORS.admin)).toMatchObject({ code, field });
    }
    expect(await errorCode(url, op('CreateMou'), { input: mouInput(metroId, { budget: '12.5' }) }, ACTORS.admin)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await count('mou')).toBe(before);
  });
});
