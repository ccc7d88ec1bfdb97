import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { addDays } from '../../domain/calendar.js';
import { launchStack, type RunningStack } from '../../infra/stack.js';
import { closeServer, listen } from '../../services/kit/src/http-server.js';
import type { Identity } from '../../services/kit/src/identity.js';
import { createTestDatabase, type TestDatabase } from '../harness/database.js';
import { errorCode, mustQuery } from '../harness/graphql.js';
import { freePorts } from '../harness/ports.js';
import { until } from '../harness/suite.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, metroToday, SITI, SORONG_MANAGER, SORONG_OPERATOR, todayInSorong } from '../fixtures/scenario.js';

// Issue 12's acceptance, step by step, against the processes `npm start` runs, through the
// gateway only: an MoU for Kota Sorong from creation to renewal, its reminders and budget alarm
// stored and delivered to a partner's webhook signed per Standard Webhooks, and each bad input
// refused with its code while everything the gateway can show stays as it was.
const SORONG_PARTNER: Identity = { subject: 'app.sorong-dashboard', roles: ['partner'], cities: ['96.71'], clientId: 'sorong-dashboard' };

let stack: RunningStack;
let db: TestDatabase;
let gateway: string;
let receiver: Server;
let receiverUrl: string;
const received: { headers: Record<string, string>; body: string }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  receiverUrl = (await listen(receiver, 0)).replace(/\/graphql$/, '/hooks/sorong');
  db = await createTestDatabase('mou-acceptance');
  const [municipalities, participants, claims, lifecycle, gatewayPort] = (await freePorts(5)) as [number, number, number, number, number];
  stack = await launchStack({
    databaseUrl: db.url,
    temporalAddress: inject('temporalAddress'),
    temporalNamespace: inject('temporalNamespace'),
    ports: { municipalities, participants, claims, lifecycle, gateway: gatewayPort },
    env: {
      LINDUNG_TASK_QUEUE_SUFFIX: `mou-acceptance-${randomUUID().slice(0, 8)}`,
      LINDUNG_WEBHOOK_ALLOW_HTTP_LOOPBACK: '1',
      LINDUNG_WEBHOOK_RETRY_INITIAL_MS: '100',
      // Budgets are checked at every step of an MoU's workflow, not only weekly.
      LINDUNG_MOU_BUDGET_CHECK_DAYS: '0',
    },
    migrate: null,
    log: () => undefined,
  });
  gateway = stack.urls.graphql;
});

afterAll(async () => {
  await stack?.stop();
  await db?.drop();
  if (receiver) await closeServer(receiver);
});

/** Everything about Sorong's MoUs the gateway shows: terms, signatures, status, places, notifications. */
const SNAPSHOT = `query Snapshot($code: String!) {
  municipalityByCode(code: $code) {
    mous {
      id number status validFrom validTo predecessorId terminationReason
      signatures { party signatory signedOn }
      termsHistory { version kind effectiveFrom validTo quota groups { group quota monthlyContribution } budgetLines { fiscalYear amount } }
    }
  }
  notifications(first: 100) { id kind acknowledgedBy }
}`;
const snapshot = async () => mustQuery(gateway, SNAPSHOT, { code: '96.71' }, SORONG_MANAGER);
const adminView = async () => mustQuery(gateway, SNAPSHOT, { code: '96.71' }, ACTORS.admin);

describe('issue 12 acceptance: an MoU for Kota Sorong through the gateway', () => {
  const today = todayInSorong;
  // The term ends in 60 days; it began on 1 July of the year before that, so it has two fiscal years.
  const validTo = addDays(today(), 60);
  const endYear = Number(validTo.slice(0, 4));
  const validFrom = `${endYear - 1}-07-01`;
  // This fiscal year's months still to pay from this month on, for people enrolled today.
  const monthsLeft = Number(today().slice(0, 4)) === endYear ? Number(validTo.slice(5, 7)) - Number(today().slice(5, 7)) + 1 : 13 - Number(today().slice(5, 7));
  // Two RT/RW heads at Rp 16,800 fill ~90% of this year's line; a third overcommits it.
  const thisYearBudget = Math.ceil((2 * 16_800 * monthsLeft) / 0.9);
  const thisYear = Number(today().slice(0, 4));
  let sorong: string;
  let mouId: string;
  let secret: string;

  const terms = (overrides: Record<string, unknown> = {}) => ({
    municipalityId: sorong,
    citySignatory: 'Septinus Lobat, Wali Kota Sorong',
    bpjsOffice: 'BPJS Ketenagakerjaan Cabang Sorong',
    bpjsSignatory: 'Nasrullah Umar',
    validFrom,
    validTo,
    programs: ['JKK', 'JKM'],
    quota: 20,
    groups: [
      { group: 'RT_RW_HEAD', quota: 12 },
      { group: 'RELIGIOUS_TEACHER', quota: 8, monthlyContribution: '36800' },
    ],
    budgetLines: [endYear - 1, endYear].map((fiscalYear) => ({
      fiscalYear,
      amount: fiscalYear === thisYear ? String(thisYearBudget) : '2200000000',
      apbdReference: `DPA-BPKAD-${fiscalYear}`,
    })),
    reminderOffsetsDays: [90, 30],
    ...overrides,
  });

  beforeAll(async () => {
    sorong = (await mustQuery(gateway, op('MunicipalityByCode'), { code: '96.71' }, ACTORS.admin)).municipalityByCode.id;
    const { registerWebhook } = await mustQuery(gateway, op('RegisterWebhook'), { input: { url: receiverUrl } }, SORONG_PARTNER);
    secret = registerWebhook.secret;
  });

  it('1. a manager creates it with two fiscal-year budget lines and group quotas', async () => {
    const { createMou } = await mustQuery(gateway, op('CreateMou'), { input: terms() }, SORONG_MANAGER);
    mouId = createMou.id;
    expect(createMou).toMatchObject({ status: 'DRAFT', quota: 20, validFrom, validTo, reminderOffsetsDays: [90, 30] });
    expect(createMou.terms.budgetLines.map((l: { fiscalYear: number }) => l.fiscalYear)).toEqual([endYear - 1, endYear]);
    expect(createMou.terms.groups).toEqual([
      { group: 'RELIGIOUS_TEACHER', quota: 8, monthlyContribution: '36800' },
      { group: 'RT_RW_HEAD', quota: 12, monthlyContribution: '16800' },
    ]);
  });

  it('2. both parties sign; it turns ACTIVE and, 60 days from its end with a 90-day reminder, due for renewal', async () => {
    const city = { mouId, party: 'CITY', signatory: 'Septinus Lobat', signedOn: today() };
    expect((await mustQuery(gateway, op('SignMou'), { input: city }, SORONG_MANAGER)).signMou.status).toBe('AWAITING_SIGNATURES');
    const signed = (await mustQuery(gateway, op('SignMou'), { input: { ...city, party: 'BPJS', signatory: 'Nasrullah Umar' } }, ACTORS.admin)).signMou;
    expect(signed.status).toBe('RENEWAL_DUE');
    const log = (await mustQuery(gateway, `{ municipalitiesAuditLog(entityId: "${mouId}", first: 50) { action after } }`, {}, ACTORS.admin)).municipalitiesAuditLog;
    expect(log.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['mou.create', 'mou.sign', 'mou.renewal_due']));
    expect(log.find((e: { action: string; after: string }) => e.action === 'mou.sign' && e.after.includes('"ACTIVE"'))).toBeDefined();
  });

  it('3. it is listed as expiring within 90 days, its reminders are stored, and the partner receives signed, verifiable calls', async () => {
    const expiring = (await mustQuery(gateway, op('MousExpiringWithin'), { days: 90, municipalityId: sorong }, SORONG_MANAGER)).mousExpiringWithin;
    expect(expiring.nodes).toEqual([{ daysLeft: 60, mou: expect.objectContaining({ id: mouId, status: 'RENEWAL_DUE', validTo }) }]);
    const notices = (await mustQuery(gateway, op('Notifications'), { mouId }, SORONG_OPERATOR)).notifications as { kind: string; details: string }[];
    expect(notices.map((n) => n.kind)).toEqual(expect.arrayContaining(['MOU_ACTIVATED', 'MOU_RENEWAL_REMINDER']));
    expect(JSON.parse(notices.find((n) => n.kind === 'MOU_RENEWAL_REMINDER')!.details)).toMatchObject({ daysBefore: 90, validTo });
    const verifier = new Webhook(secret);
    const events = await until('the reminder delivered to the webhook', async () => {
      const verified = received.map((r) => verifier.verify(r.body, r.headers) as { type: string; data: { mouId: string; regionCode: string } });
      return verified.some((e) => e.type === 'lindung.mou_renewal_reminder') ? verified : undefined;
    });
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['lindung.mou_signed', 'lindung.mou_activated', 'lindung.mou_renewal_reminder']));
    expect(events.every((e) => e.data.mouId === mouId && e.data.regionCode === '96.71')).toBe(true);
    expect(() => new Webhook(`whsec_${Buffer.from('not the secret').toString('base64')}`).verify(received[0]!.body, received[0]!.headers)).toThrow();
  });

  it('4. an addendum raises a quota; the old terms stay readable as of their date', async () => {
    // Three RT/RW heads enrolled first: the addendum's step then finds this year's line overcommitted.
    const person = (i: number) => ({ ...SITI, mouId, nik: `967101010190${1000 + i}`, fullName: `Ketua RT ${i}`, birthDate: '1990-01-01', sex: 'M', occupationGroup: 'RT_RW_HEAD' });
    for (const i of [1, 2, 3]) await mustQuery(gateway, op('EnrolParticipant'), { input: person(i) }, SORONG_OPERATOR);
    const input = { mouId, effectiveFrom: today(), signedOn: today(), reason: 'Addendum I: more RT/RW heads', quota: 25, groups: [{ group: 'RT_RW_HEAD', quota: 17 }] };
    const amended = (await mustQuery(gateway, op('AddMouAddendum'), { input }, SORONG_MANAGER)).addMouAddendum;
    expect(amended).toMatchObject({ quota: 25, terms: { version: 2, kind: 'ADDENDUM' } });
    const before = (await mustQuery(gateway, op('MouTerms'), { id: mouId, date: addDays(today(), -1) }, SORONG_MANAGER)).mou;
    expect(before.termsAsOf).toMatchObject({ version: 1, quota: 20 });
    expect(before.termsAsOf.groups.find((g: { group: string }) => g.group === 'RT_RW_HEAD').quota).toBe(12);
    expect(before.termsHistory.map((t: { version: number }) => t.version)).toEqual([1, 2]);
    expect((await mustQuery(gateway, op('MouTerms'), { id: mouId, date: today() }, SORONG_MANAGER)).mou.termsAsOf.quota).toBe(25);
  });

  it('5. the manager renews it and reads budget utilisation and the projected run-out date; the budget alarm is stored and delivered', async () => {
    const successor = (await mustQuery(gateway, op('RenewMou'), { input: { mouId } }, SORONG_MANAGER)).renewMou;
    expect(successor).toMatchObject({ status: 'DRAFT', predecessorId: mouId, validFrom: addDays(validTo, 1) });
    expect(successor.terms.quota).toBe(25);
    const lines = (await mustQuery(gateway, op('MouBudgetUtilisation'), { mouId }, SORONG_MANAGER)).mouBudgetUtilisation;
    const line = lines.find((l: { fiscalYear: number }) => l.fiscalYear === thisYear);
    const committed = 3 * 16_800 * monthsLeft;
    expect(line).toMatchObject({ budget: String(thisYearBudget), monthlyBurn: String(3 * 16_800), committed: String(committed), remaining: String(thisYearBudget - committed) });
    // It pays the first months in full; the run-out is the first month it cannot.
    const paidMonths = Math.floor(thisYearBudget / (3 * 16_800));
    const [y, m] = [Number(today().slice(0, 4)), Number(today().slice(5, 7)) + paidMonths];
    expect(line.projectedRunOut).toBe(`${y}-${String(m).padStart(2, '0')}-01`);
    expect(
      (await mustQuery(gateway, op('MouBudgetUtilisation'), { mouId: successor.id }, SORONG_MANAGER)).mouBudgetUtilisation.every(
        (l: { projectedRunOut: null }) => l.projectedRunOut === null,
      ),
    ).toBe(true);

    const alarm = (await mustQuery(gateway, op('Notifications'), { mouId }, SORONG_MANAGER)).notifications.find((n: { kind: string }) => n.kind === 'BUDGET_ALARM');
    expect(JSON.parse(alarm.details)).toMatchObject({ level: 'RUN_OUT', fiscalYear: thisYear, projectedRunOut: line.projectedRunOut });
    const verifier = new Webhook(secret);
    const delivered = await until('the budget alarm delivered', async () =>
      received.map((r) => verifier.verify(r.body, r.headers) as { type: string; data: Record<string, unknown> }).find((e) => e.type === 'lindung.budget_alarm'),
    );
    expect(delivered.data).toMatchObject({ mouId, regionCode: '96.71' });
  });

  it('6. refuses each bad input with a clear code, and changes nothing', async () => {
    const terminated = (await mustQuery(gateway, op('CreateMou'), { input: terms() }, SORONG_MANAGER)).createMou;
    await mustQuery(gateway, op('TerminateMou'), { input: { mouId: terminated.id, reason: 'APBD reallocated' } }, SORONG_MANAGER);
    const metroNotice = await (async () => {
      const metro = (await mustQuery(gateway, op('MunicipalityByCode'), { code: '18.72' }, ACTORS.admin)).municipalityByCode.id;
      const draft = (await mustQuery(gateway, op('CreateMou'), { input: { ...terms(), municipalityId: metro } }, ACTORS.admin)).createMou;
      await mustQuery(gateway, op('SignMou'), { input: { mouId: draft.id, party: 'CITY', signatory: 'Wali Kota Metro', signedOn: metroToday() } }, ACTORS.admin);
      return (await mustQuery(gateway, op('Notifications'), { mouId: draft.id }, ACTORS.manager)).notifications[0].id as string;
    })();
    const onceSigned = (await mustQuery(gateway, op('CreateMou'), { input: terms() }, SORONG_MANAGER)).createMou;
    const sign = { mouId: onceSigned.id, party: 'CITY', signatory: 'Septinus Lobat', signedOn: today() };
    await mustQuery(gateway, op('SignMou'), { input: sign }, SORONG_MANAGER);
    const before = { sorong: await snapshot(), all: await adminView(), metro: await mustQuery(gateway, op('Notifications'), {}, ACTORS.manager) };

    const createCases: [string, Record<string, unknown>, string, string | undefined][] = [
      ['validTo before validFrom', { validTo: addDays(validFrom, -1) }, 'BAD_USER_INPUT', 'validTo'],
      ['a budget line outside the term', { budgetLines: [{ fiscalYear: endYear + 3, amount: '1000' }] }, 'BAD_USER_INPUT', 'budgetLines[0].fiscalYear'],
      ['a negative budget amount', { budgetLines: [{ fiscalYear: endYear, amount: '-5' }] }, 'BAD_USER_INPUT', undefined],
      ['a negative contribution', { groups: [{ group: 'RT_RW_HEAD', quota: 20, monthlyContribution: '-16800' }] }, 'BAD_USER_INPUT', undefined],
      ['a negative quota', { quota: -20 }, 'BAD_USER_INPUT', 'quota'],
      ['an unknown city', { municipalityId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', 'municipalityId'],
      ['an unknown group', { groups: [{ group: 'ASTRONAUT', quota: 20 }] }, 'BAD_USER_INPUT', undefined],
    ];
    for (const [what, overrides, code, field] of createCases) {
      const refused = await errorCode(gateway, op('CreateMou'), { input: terms(overrides) }, SORONG_MANAGER);
      expect(refused, what).toMatchObject(field ? { code, field } : { code });
      expect(refused.message.length, what).toBeGreaterThan(10);
    }
    expect(await errorCode(gateway, op('SignMou'), { input: sign }, SORONG_MANAGER), 'signing twice').toMatchObject({ code: 'CONFLICT', field: 'party' });
    expect(await errorCode(gateway, op('SignMou'), { input: { ...sign, mouId } }, SORONG_MANAGER), 'signing a renewed MoU').toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await errorCode(gateway, op('RenewMou'), { input: { mouId: terminated.id } }, SORONG_MANAGER), 'renewing a terminated MoU').toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    expect(await errorCode(gateway, op('RenewMou'), { input: { mouId } }, SORONG_MANAGER), 'renewing a renewed MoU').toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await errorCode(gateway, op('AcknowledgeNotification'), { id: metroNotice }, SORONG_MANAGER), "acknowledging another city's notification").toMatchObject({
      code: 'NOT_FOUND',
      field: 'id',
    });

    expect(await snapshot()).toEqual(before.sorong);
    expect(await adminView()).toEqual(before.all);
    expect(await mustQuery(gateway, op('Notifications'), {}, ACTORS.manager)).toEqual(before.metro);
  });
});
