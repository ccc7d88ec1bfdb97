import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { addDays } from '../../../domain/calendar.js';
import { DomainError } from '../../../domain/errors.js';
import { isKpj } from '../../../domain/participants/kpj.js';
import { systemActor } from '../../../domain/access.js';
import { errorCode, mustQuery } from '../../../test/harness/graphql.js';
import { startTestSystem, type TestSystem } from '../../../test/harness/system.js';
import { op } from '../../../test/fixtures/operations.js';
import { ACTORS, enrol, metroToday, metroWithActiveMou, SITI } from '../../../test/fixtures/scenario.js';
import { createServiceDataSource } from '../../kit/src/database.js';
import { CoverageService } from './coverage/coverage.service.js';
import { StandingRecords } from './enrolment/standing.records.js';
import { DeathRecords } from './person/death.records.js';
import { participantsService } from './service.js';

// People and their enrolments against the real PostgreSQL, through the gateway (Municipality.coverage
// needs the workforce from municipalities) and through the activities billing and claims call.
let system: TestSystem;
let db: pg.Client;
let data: DataSource;
let metro: Awaited<ReturnType<typeof metroWithActiveMou>>;
const today = metroToday();
const actor = systemActor('test');

beforeAll(async () => {
  system = await startTestSystem('people');
  db = new pg.Client({ connectionString: system.db.url });
  await db.connect();
  data = createServiceDataSource({ ...participantsService.database, url: system.db.url, poolSize: 2 });
  await data.initialize();
  metro = await metroWithActiveMou(system.gatewayUrl);
  await mustQuery(
    system.gatewayUrl,
    op('UpdateMunicipality'),
    { input: { id: metro.municipalityId, informalWorkforce: 400, workforceYear: 2025, workforceSource: 'test' } },
    ACTORS.admin,
  );
});
afterAll(async () => {
  await data?.destroy();
  await db?.end();
  await system?.stop();
});

const person = (n: number, overrides: Record<string, unknown> = {}) => ({
  ...SITI,
  nik: `18720101019${String(n).padStart(5, '0')}`,
  fullName: `Warga ${n}`,
  birthDate: '1990-01-01',
  sex: 'M',
  ...overrides,
});
/** An enrolment made `days` ago, as if it had been enrolled then (the API only enrols from today). */
async function backdate(id: string, days: number) {
  const from = addDays(today, -days);
  await db.query(`UPDATE participants.enrolment SET coverage_from = $2 WHERE id = $1`, [id, from]);
  await db.query(`UPDATE participants.enrolment_status_period SET valid_from = $2 WHERE enrolment_id = $1`, [id, from]);
  // The place municipalities holds for it was taken then too.
  await db.query(`UPDATE municipalities.quota_reservation SET starts_on = $2 WHERE participant_id = $1`, [id, from]);
}
const history = async (id: string, on = today) => (await mustQuery(system.gatewayUrl, op('ParticipantHistory'), { id, on }, ACTORS.caseworker)).participant;
const figures = async (asOf: string | null) => (await mustQuery(system.gatewayUrl, op('CityCoverage'), { code: '18.72', asOf }, ACTORS.manager)).municipalityByCode.coverage;

describe('people and enrolments', () => {
  it('makes one person per NIK with a KPJ number on first activation, the standard package and one ACTIVE period', async () => {
    const first = await enrol(system.gatewayUrl, metro.mouId, person(1));
    const seen = await history(first.id);
    expect(isKpj(seen.kpjNumber)).toBe(true);
    expect(seen).toMatchObject({
      status: 'ACTIVE',
      endReason: null,
      declaredMonthlyIncome: '1000000',
      monthlyContribution: '16800',
      statusHistory: [{ status: 'ACTIVE', from: today, to: null }],
    });
    expect(seen.person).toMatchObject({ kpjNumber: seen.kpjNumber, fullName: 'Warga 1', enrolments: [{ id: first.id }] });
    const byNik = (await mustQuery(system.gatewayUrl, op('PersonByNik'), { nik: person(1).nik }, ACTORS.operator)).personByNik;
    expect(byNik).toMatchObject({ id: seen.person.id, nik: person(1).nik, regionCode: '18.72' });
  });

  it('keeps a declared income (the benefit basis) while the contribution is the MoU group rate, and refuses an income of zero', async () => {
    const { enrolParticipant } = await mustQuery(
      system.gatewayUrl,
      op('EnrolParticipant'),
      { input: { mouId: metro.mouId, ...person(2), declaredMonthlyIncome: '2500000' } },
      ACTORS.operator,
    );
    // The income formula would say Rp 31,800; what the city pays is the MoU's rate for the group (issue 14: one rate source).
    expect(await history(enrolParticipant.participant.id)).toMatchObject({ declaredMonthlyIncome: '2500000', monthlyContribution: '16800' });
    expect(await errorCode(system.gatewayUrl, op('EnrolParticipant'), { input: { mouId: metro.mouId, ...person(3), declaredMonthlyIncome: '0' } }, ACTORS.operator)).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('re-enrols a person who left under the same person and KPJ number; a second open enrolment is refused', async () => {
    const first = await enrol(system.gatewayUrl, metro.mouId, person(4));
    expect(await errorCode(system.gatewayUrl, op('EnrolParticipant'), { input: { mouId: metro.mouId, ...person(4) } }, ACTORS.operator)).toMatchObject({
      code: 'CONFLICT',
      field: 'nik',
    });
    await backdate(first.id, 30);
    const end = { participantId: first.id, lastCoveredDay: addDays(today, -10), reason: 'moved to Bandar Lampung', endReason: 'MOVED' };
    expect((await mustQuery(system.gatewayUrl, op('EndEnrolment'), { input: end }, ACTORS.operator)).endEnrolment).toMatchObject({ status: 'ENDED' });
    const again = await enrol(system.gatewayUrl, metro.mouId, person(4, { address: 'Jl. Baru 2' }));
    const [before, after] = [await history(first.id, addDays(today, -5)), await history(again.id)];
    expect(after.person.id).toBe(before.person.id);
    expect(after.kpjNumber).toBe(before.kpjNumber);
    expect(before).toMatchObject({ endReason: 'MOVED', coverageOn: { covered: false, reason: 'ENDED', statusOnDate: 'ENDED', enrolmentId: first.id } });
    expect(after.person.enrolments.map((e: { id: string }) => e.id)).toEqual([first.id, again.id]);
    // Asked through the old enrolment's id, a day of the new one is covered by the new one.
    expect((await history(first.id, today)).coverageOn).toMatchObject({ covered: true, enrolmentId: again.id });
    expect((await history(first.id, addDays(today, -40))).coverageOn).toMatchObject({ covered: false, reason: 'BEFORE_START' });
  });

  it('marks arrears and their end as periods; claims see INACTIVE_ARREARS for those days only; repeats change nothing', async () => {
    const standing = new StandingRecords(data);
    const coverage = new CoverageService(data);
    const e = await enrol(system.gatewayUrl, metro.mouId, person(5));
    await backdate(e.id, 120);
    const from = addDays(today, -90);
    const unknown = '00000000-0000-4000-8000-000000000001';
    expect(await standing.markInactive({ enrolmentIds: [e.id, unknown], fromDate: from, note: 'invoices 1-3 unpaid', actor })).toEqual({
      changed: [e.id],
      unchanged: [],
      unknown: [unknown],
    });
    expect(await standing.markInactive({ enrolmentIds: [e.id], fromDate: from, note: null, actor })).toMatchObject({ changed: [], unchanged: [e.id] });
    const during = await coverage.coverageOnDate({ participantId: e.id, date: addDays(today, -60), cities: ['18.72'] });
    expect(during).toMatchObject({ covered: false, reason: 'INACTIVE_ARREARS', statusOnDate: 'INACTIVE', enrolmentId: e.id, mouId: metro.mouId, declaredMonthlyIncome: '1000000' });
    expect(await coverage.coverageOnDate({ participantId: e.id, date: addDays(today, -100), cities: ['18.72'] })).toMatchObject({ covered: true, statusOnDate: 'ACTIVE' });
    expect((await history(e.id)).status).toBe('INACTIVE');
    expect((await standing.reactivate({ enrolmentIds: [e.id], fromDate: addDays(today, -30), note: 'paid', actor })).changed).toEqual([e.id]);
    const seen = await history(e.id);
    expect(seen.status).toBe('ACTIVE');
    expect(seen.statusHistory).toEqual([
      { status: 'ACTIVE', from: addDays(today, -120), to: addDays(from, -1) },
      { status: 'INACTIVE', from, to: addDays(today, -31) },
      { status: 'ACTIVE', from: addDays(today, -30), to: null },
    ]);
    expect((await coverage.coverageOnDate({ participantId: e.id, date: addDays(today, -60), cities: ['18.72'] })).reason).toBe('INACTIVE_ARREARS');
    expect((await coverage.coverageOnDate({ participantId: e.id, date: today, cities: ['96.71'] })).reason).toBe('NOT_ENROLLED');
  });

  it('records a death once: the person is deceased, the enrolment ends with DIED from the next day', async () => {
    const deaths = new DeathRecords(data);
    const e = await enrol(system.gatewayUrl, metro.mouId, person(6));
    await backdate(e.id, 20);
    const died = addDays(today, -5);
    const recorded = await deaths.recordDeath({ participantId: e.id, dateOfDeath: died, claimId: null, actor });
    expect(recorded.ended).toEqual([{ enrolmentId: e.id, mouId: metro.mouId, lastCoveredDay: died }]);
    expect((await deaths.recordDeath({ participantId: e.id, dateOfDeath: died, claimId: null, actor })).ended).toEqual([]);
    await expect(deaths.recordDeath({ participantId: e.id, dateOfDeath: addDays(died, -1), claimId: null, actor })).rejects.toMatchObject({ code: 'CONFLICT' });
    const seen = await history(e.id, addDays(died, 1));
    expect(seen).toMatchObject({ status: 'ENDED', endReason: 'DIED', dateOfDeath: died, coverageTo: died, coverageOn: { covered: false, reason: 'ENDED' } });
    expect((await history(e.id, died)).coverageOn.covered).toBe(true);
    expect(await errorCode(system.gatewayUrl, op('EnrolParticipant'), { input: { mouId: metro.mouId, ...person(6) } }, ACTORS.operator)).toMatchObject({ code: 'NOT_ELIGIBLE' });
    await expect(deaths.recordDeath({ participantId: e.id, dateOfDeath: addDays(today, 3), claimId: null, actor })).rejects.toBeInstanceOf(DomainError);
  });

  it('gives coverage figures by group and % of the workforce for any past day, exact after later enrolments and endings', async () => {
    const before = await figures(null);
    const a = await enrol(system.gatewayUrl, metro.mouId, person(10, { occupationGroup: 'RT_RW_HEAD' }));
    const b = await enrol(system.gatewayUrl, metro.mouId, person(11, { occupationGroup: 'RT_RW_HEAD' }));
    await backdate(a.id, 300);
    await backdate(b.id, 300);
    const long = addDays(today, -200);
    const onLong = await figures(long);
    // Enrol, end, enrol more: the earlier day still says what it said.
    await mustQuery(system.gatewayUrl, op('EndEnrolment'), { input: { participantId: b.id, lastCoveredDay: addDays(today, -100), reason: 'withdrawn' } }, ACTORS.operator);
    await enrol(system.gatewayUrl, metro.mouId, person(12, { occupationGroup: 'RT_RW_HEAD' }));
    await enrol(system.gatewayUrl, metro.mouId, person(13));
    expect(await figures(long)).toEqual(onLong);
    expect(onLong.byGroup.find((g: { occupationGroup: string }) => g.occupationGroup === 'RT_RW_HEAD')).toEqual({ occupationGroup: 'RT_RW_HEAD', active: 2, inactive: 0 });
    const later = await figures(addDays(today, -50));
    expect(later.byGroup.find((g: { occupationGroup: string }) => g.occupationGroup === 'RT_RW_HEAD').active).toBe(1);
    const now = await figures(null);
    expect(now.asOf).toBe(today);
    expect(now.active).toBe(before.active + 3);
    expect(now.informalWorkforce).toBe(400);
    expect(now.coveragePercent).toBe(Math.round((now.active * 10_000) / 400) / 100);
    // A city nobody has enrolled in yet, whose workforce is not known: nought, and no %.
    const sorong = (await mustQuery(system.gatewayUrl, op('CityCoverage'), { code: '96.71', asOf: null }, ACTORS.admin)).municipalityByCode;
    expect(sorong.coverage).toMatchObject({ active: 0, inactive: 0, byGroup: [], coveragePercent: null });
  });
});
