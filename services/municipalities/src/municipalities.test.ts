import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/calendar.js';
import { errorCode, mustQuery } from '../../../test/harness/graphql.js';
import { useTestSystem } from '../../../test/harness/suite.js';
import { op } from '../../../test/fixtures/operations.js';
import { ACTORS, cityIdByCode, METRO, mouTerms, SITI, SORONG_MANAGER, SORONG_OPERATOR, todayInSorong } from '../../../test/fixtures/scenario.js';

// The municipalities subgraph against real PostgreSQL and Temporal, with the real MoU workflow
// behind it; calls go through the gateway as a partner app or manager would make them.
// (Termination, quotas and the managers' pages: mou/mou-quotas.test.ts.)
const suite = useTestSystem('municipalities');
const count = async (table: string) => Number((await suite.db.query(`SELECT count(*) FROM municipalities.${table}`)).rows[0].count);
const cityId = (code: string) => cityIdByCode(suite.gateway, code);
// The MoUs here are Sorong's: its calendar (WIT) decides what "today" is, also when Metro's date is still yesterday.
const today = todayInSorong;

describe('cities', () => {
  it('come with the four seed cities, their provinces, zones and (for Pontianak) the informal workforce', async () => {
    const { municipalities } = await mustQuery(suite.gateway, op('Municipalities'), {}, ACTORS.admin);
    expect(municipalities.map((c: Record<string, unknown>) => [c['code'], c['name'], c['province'], c['timeZone'], c['informalWorkforce']])).toEqual([
      ['18.72', 'Kota Metro', 'Lampung', 'Asia/Jakarta', null],
      ['61.71', 'Kota Pontianak', 'Kalimantan Barat', 'Asia/Jakarta', 244_236],
      ['71.74', 'Kota Kotamobagu', 'Sulawesi Utara', 'Asia/Makassar', null],
      ['96.71', 'Kota Sorong', 'Papua Barat Daya', 'Asia/Jayapura', null],
    ]);
    expect(municipalities[1]).toMatchObject({ workforceYear: 2024, workforceSource: expect.stringContaining('40.86%') });
  });

  it('are registered and edited through the API; bad edits are refused and change nothing', async () => {
    expect(await errorCode(suite.gateway, op('CreateMunicipality'), { input: METRO }, ACTORS.admin)).toMatchObject({ code: 'CONFLICT', field: 'code' });
    const { createMunicipality } = await mustQuery(
      suite.gateway,
      op('CreateMunicipality'),
      { input: { code: '18.71', name: 'Kota Bandar Lampung', province: 'Lampung', timeZone: 'Asia/Jakarta' } },
      ACTORS.admin,
    );
    expect(createMunicipality.code).toBe('18.71');
    const sorong = await cityId('96.71');
    const edited = (
      await mustQuery(
        suite.gateway,
        op('UpdateMunicipality'),
        { input: { id: sorong, informalWorkforce: 60_000, workforceYear: 2025, workforceSource: 'BPS Kota Sorong' } },
        SORONG_MANAGER,
      )
    ).updateMunicipality;
    expect(edited).toMatchObject({ code: '96.71', informalWorkforce: 60_000, workforceYear: 2025 });
    const before = (await suite.db.query(`SELECT * FROM municipalities.municipality WHERE code = '96.71'`)).rows[0];
    for (const [input, field] of [
      [{ informalWorkforce: -5, workforceYear: 2025, workforceSource: 'x' }, 'informalWorkforce'],
      [{ informalWorkforce: 5, workforceSource: 'x' }, 'workforceYear'],
      [{ timeZone: 'Asia/Tokyo' }, 'timeZone'],
      [{ name: '  ' }, 'name'],
    ] as const) {
      expect(await errorCode(suite.gateway, op('UpdateMunicipality'), { input: { id: sorong, ...input } }, SORONG_MANAGER)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // Metro's manager cannot see Sorong, so cannot edit it.
    expect(await errorCode(suite.gateway, op('UpdateMunicipality'), { input: { id: sorong, name: 'X' } }, ACTORS.manager)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await suite.db.query(`SELECT * FROM municipalities.municipality WHERE code = '96.71'`)).rows[0]).toEqual(before);
  });
});

describe('an MoU for Kota Sorong, from draft to renewal', () => {
  let sorong: string;
  let mouId: string;
  const year = Number(today().slice(0, 4));
  // The term ends in 60 days, so with a 90-day reminder it is due for renewal from the start.
  const validFrom = `${year - 1}-01-01`;
  const validTo = addDays(today(), 60);
  const terms = (overrides: Record<string, unknown> = {}) =>
    mouTerms(sorong, validFrom, validTo, {
      citySignatory: 'Septinus Lobat, Wali Kota Sorong',
      bpjsOffice: 'BPJS Ketenagakerjaan Papua Barat',
      bpjsSignatory: 'Nasrullah Umar',
      quota: 20,
      groups: [
        { group: 'RT_RW_HEAD', quota: 12 },
        { group: 'RELIGIOUS_TEACHER', quota: 8, monthlyContribution: '36800' },
      ],
      budgetLines: [
        { fiscalYear: year - 1, amount: '2200000000', apbdReference: 'DPA-BPKAD-1' },
        { fiscalYear: Number(validTo.slice(0, 4)), amount: '2400000000' },
      ].filter((line, i, all) => all.findIndex((l) => l.fiscalYear === line.fiscalYear) === i),
      reminderOffsetsDays: [90, 30],
      ...overrides,
    });

  beforeAll(async () => {
    sorong = await cityId('96.71');
  });

  it('is created by a manager as a DRAFT with two fiscal-year budget lines and group quotas', async () => {
    const { createMou } = await mustQuery(suite.gateway, op('CreateMou'), { input: terms() }, SORONG_MANAGER);
    mouId = createMou.id;
    expect(createMou).toMatchObject({ number: `MOU/9671/${year - 1}/0001`, status: 'DRAFT', quota: 20, reminderOffsetsDays: [90, 30] });
    expect(createMou.terms.groups).toEqual([
      { group: 'RELIGIOUS_TEACHER', quota: 8, monthlyContribution: '36800' },
      { group: 'RT_RW_HEAD', quota: 12, monthlyContribution: '16800' },
    ]);
    expect(createMou.terms.budgetLines.map((l: { fiscalYear: number }) => l.fiscalYear)).toEqual(terms().budgetLines.map((l) => l.fiscalYear));
  });

  it('refuses bad terms with a clear code and field, writing nothing', async () => {
    const before = await count('mou');
    const cases: [Record<string, unknown>, string, string | undefined][] = [
      [{ validTo: `${year - 2}-12-31` }, 'BAD_USER_INPUT', 'validTo'],
      [{ budgetLines: [{ fiscalYear: year + 5, amount: '1000' }] }, 'BAD_USER_INPUT', 'budgetLines[0].fiscalYear'],
      [{ budgetLines: [{ fiscalYear: year, amount: '0' }] }, 'BAD_USER_INPUT', 'budgetLines[0].amount'],
      [{ municipalityId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', 'municipalityId'],
      [{ groups: [{ group: 'RT_RW_HEAD', quota: 5 }] }, 'BAD_USER_INPUT', 'quota'],
      [{ reminderOffsetsDays: [0] }, 'BAD_USER_INPUT', 'reminderOffsetsDays'],
    ];
    for (const [overrides, code, field] of cases) {
      expect(await errorCode(suite.gateway, op('CreateMou'), { input: terms(overrides) }, SORONG_MANAGER)).toMatchObject({ code, field });
    }
    // Negative amounts and unknown groups do not even fit the schema.
    expect((await errorCode(suite.gateway, op('CreateMou'), { input: terms({ budgetLines: [{ fiscalYear: year, amount: '-5' }] }) }, SORONG_MANAGER)).code).toBe('BAD_USER_INPUT');
    // (The suite.gateway answers an unknown enum value without a code yet: the error-mapping work covers it.)
    expect((await errorCode(suite.gateway, op('CreateMou'), { input: terms({ groups: [{ group: 'ASTRONAUT', quota: 20 }] }) }, SORONG_MANAGER)).message).toContain(
      '"ASTRONAUT" does not exist in "OccupationGroup"',
    );
    // Another city's manager does not see Sorong.
    expect(await errorCode(suite.gateway, op('CreateMou'), { input: terms() }, ACTORS.manager)).toMatchObject({ code: 'NOT_FOUND', field: 'municipalityId' });
    expect(await count('mou')).toBe(before);
  });

  it('is signed by both parties, each once, and turns ACTIVE, then due for renewal with its reminder stored', async () => {
    const city = { mouId, party: 'CITY', signatory: 'Septinus Lobat', signedOn: today() };
    expect((await mustQuery(suite.gateway, op('SignMou'), { input: city }, SORONG_MANAGER)).signMou.status).toBe('AWAITING_SIGNATURES');
    expect(await errorCode(suite.gateway, op('SignMou'), { input: city }, SORONG_MANAGER)).toMatchObject({ code: 'CONFLICT', field: 'party' });
    expect(await errorCode(suite.gateway, op('SignMou'), { input: { ...city, party: 'BPJS', signedOn: addDays(today(), 3) } }, SORONG_MANAGER)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'signedOn',
    });
    const signed = (await mustQuery(suite.gateway, op('SignMou'), { input: { ...city, party: 'BPJS', signatory: 'Nasrullah Umar' } }, ACTORS.admin)).signMou;
    // ACTIVE on signing, and at once inside the 90-day window.
    expect(signed.status).toBe('RENEWAL_DUE');
    expect(signed.signatures.map((s: { party: string }) => s.party)).toEqual(['CITY', 'BPJS']);
    const notices = (await suite.db.query(`SELECT kind, recipient_role FROM municipalities.notification WHERE mou_id = $1 ORDER BY created_at, recipient_role`, [mouId])).rows;
    expect(notices.map((n) => n.kind)).toEqual(expect.arrayContaining(['MOU_SIGNED', 'MOU_ACTIVATED', 'MOU_RENEWAL_REMINDER']));
    expect(
      notices
        .filter((n) => n.kind === 'MOU_RENEWAL_REMINDER')
        .map((n) => n.recipient_role)
        .sort(),
    ).toEqual(['city_operator', 'manager']);
  });

  it('takes an addendum raising a quota from today; the old terms stay readable as of yesterday', async () => {
    const input = { mouId, effectiveFrom: today(), signedOn: today(), reason: 'Addendum I: more RT/RW heads', quota: 25, groups: [{ group: 'RT_RW_HEAD', quota: 17 }] };
    expect(await errorCode(suite.gateway, op('AddMouAddendum'), { input: { ...input, effectiveFrom: addDays(today(), -1) } }, SORONG_MANAGER)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'effectiveFrom',
    });
    const amended = (await mustQuery(suite.gateway, op('AddMouAddendum'), { input }, SORONG_MANAGER)).addMouAddendum;
    expect(amended).toMatchObject({ quota: 25, terms: { version: 2, kind: 'ADDENDUM' } });
    const yesterday = (await mustQuery(suite.gateway, op('MouTerms'), { id: mouId, date: addDays(today(), -1) }, SORONG_OPERATOR)).mou;
    expect(yesterday.termsAsOf).toMatchObject({ version: 1, quota: 20 });
    expect(yesterday.termsAsOf.groups.find((g: { group: string }) => g.group === 'RT_RW_HEAD').quota).toBe(12);
    expect(yesterday.termsHistory.map((t: { kind: string }) => t.kind)).toEqual(['ORIGINAL', 'ADDENDUM']);
    expect((await mustQuery(suite.gateway, op('MouTerms'), { id: mouId, date: today() }, SORONG_OPERATOR)).mou.termsAsOf.quota).toBe(25);
  });

  it('shows the manager what expires soon, the pipeline, quota use and budget with its projected run-out date', async () => {
    const expiring = (await mustQuery(suite.gateway, op('MousExpiringWithin'), { days: 90 }, SORONG_MANAGER)).mousExpiringWithin;
    expect(expiring.nodes).toEqual([{ daysLeft: 60, mou: { id: mouId, number: expect.any(String), status: 'RENEWAL_DUE', validTo, municipality: { code: '96.71' } } }]);
    expect(expiring.pageInfo.hasNextPage).toBe(false);
    expect((await mustQuery(suite.gateway, op('MousExpiringWithin'), { days: 59, municipalityId: sorong }, SORONG_MANAGER)).mousExpiringWithin.nodes).toEqual([]);
    // Metro's manager sees none of Sorong's.
    expect(
      (await mustQuery(suite.gateway, op('MousExpiringWithin'), { days: 90 }, ACTORS.manager)).mousExpiringWithin.nodes.map((e: { mou: { id: string } }) => e.mou.id),
    ).not.toContain(mouId);
    expect(await errorCode(suite.gateway, op('MousExpiringWithin'), { days: -1 }, SORONG_MANAGER)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });
    const pipeline = (await mustQuery(suite.gateway, op('MouRenewalPipeline'), {}, SORONG_MANAGER)).mouRenewalPipeline;
    expect(pipeline.find((p: { status: string }) => p.status === 'RENEWAL_DUE')).toMatchObject({ count: 1, mous: { nodes: [{ id: mouId }], pageInfo: { hasNextPage: false } } });

    // Three RT/RW heads enrolled: they hold places, and they cost money.
    const person = (i: number) => ({ ...SITI, mouId, nik: `967101010190${1000 + i}`, fullName: `Ketua RT ${i}`, birthDate: '1990-01-01', sex: 'M', occupationGroup: 'RT_RW_HEAD' });
    for (const i of [1, 2, 3]) await mustQuery(suite.gateway, op('EnrolParticipant'), { input: person(i) }, SORONG_OPERATOR);
    const quota = (await mustQuery(suite.gateway, op('MouQuotaUse'), { mouId }, SORONG_OPERATOR)).mouQuotaUse;
    expect(quota).toMatchObject({ quota: 25, used: 3, remaining: 22 });
    expect(quota.groups).toEqual(
      expect.arrayContaining([
        { group: 'RT_RW_HEAD', quota: 17, used: 3, remaining: 14 },
        { group: 'RELIGIOUS_TEACHER', quota: 8, used: 0, remaining: 8 },
      ]),
    );
    const lines = (await mustQuery(suite.gateway, op('MouBudgetUtilisation'), { mouId }, SORONG_MANAGER)).mouBudgetUtilisation;
    // The line of the year the term ends: the three are covered from this month to validTo's month.
    const last = lines.find((l: { fiscalYear: number }) => l.fiscalYear === Number(validTo.slice(0, 4)));
    const firstMonth = validTo.slice(0, 4) === today().slice(0, 4) ? Number(today().slice(5, 7)) : 1;
    const months = Number(validTo.slice(5, 7)) - firstMonth + 1;
    expect(last).toMatchObject({ budget: '2400000000', monthlyBurn: String(3 * 16_800), committed: String(3 * 16_800 * months), projectedRunOut: null });
    expect(await errorCode(suite.gateway, op('MouBudgetUtilisation'), { mouId }, ACTORS.manager)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is renewed by the manager: the successor is a DRAFT pre-filled from its terms; renewing twice is refused', async () => {
    const successor = (await mustQuery(suite.gateway, op('RenewMou'), { input: { mouId } }, SORONG_MANAGER)).renewMou;
    expect(successor).toMatchObject({ status: 'DRAFT', predecessorId: mouId, validFrom: addDays(validTo, 1) });
    expect(successor.terms.quota).toBe(25);
    expect(successor.terms.groups.find((g: { group: string }) => g.group === 'RT_RW_HEAD')).toMatchObject({ quota: 17, monthlyContribution: '16800' });
    // Pre-filled budget: keeping today's three RT/RW heads covered through each fiscal year of the new term.
    const months = (line: { fiscalYear: number }) => (line.fiscalYear === Number(successor.validFrom.slice(0, 4)) ? 13 - Number(successor.validFrom.slice(5, 7)) : 12);
    expect(successor.terms.budgetLines[0]).toMatchObject({ amount: String(3 * 16_800 * months(successor.terms.budgetLines[0])) });
    expect((await mustQuery(suite.gateway, op('MouTerms'), { id: mouId, date: today() }, SORONG_MANAGER)).mou.status).toBe('RENEWED');
    expect(await errorCode(suite.gateway, op('RenewMou'), { input: { mouId } }, SORONG_MANAGER)).toMatchObject({ code: 'INVALID_TRANSITION' });
  });
});
