import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { systemActor, type Role } from '../../domain/access.js';
import { addDays, type LocalDate } from '../../domain/calendar.js';
import { documentChecklist } from '../../domain/claims/documents.js';
import { DEFAULT_SLA_RULES, startSlaClock } from '../../domain/claims/sla.js';
import { cityList, csvLines, LIST_HEADER } from '../../cli/demo-data.js';
import { APP_ROLE } from '../../services/kit/src/app-role.js';
import { createServiceDataSource } from '../../services/kit/src/database.js';
import { FieldCipher } from '../../services/kit/src/field-cipher.js';
import type { Identity } from '../../services/kit/src/identity.js';
import { readSecrets } from '../../services/kit/src/secrets.js';
import { LocalDiskStorage } from '../../services/kit/src/storage/storage.js';
import { ImportRecords } from '../../services/participants/src/enrolment-import/import.records.js';
import { stageImport } from '../../services/participants/src/enrolment-import/import.stage.js';
import type { CivilRegistry } from '../../services/participants/src/registry/civil-registry.js';
import { op } from '../../test/fixtures/operations.js';
import { ACTORS, cityWithActiveMou, metroToday } from '../../test/fixtures/scenario.js';
import type { MouForEnrolment } from '../../workflows/enrolment/enrolment.activities.js';
import type { RepeatResult } from '../load/repeat.js';
import { gql } from '../lib/http.js';
import { groupCpuMs } from '../lib/proc.js';
import { runLoad } from '../lib/run-load.js';
import { round } from '../lib/stats.js';
import { seedCityOverview } from '../lib/seed.js';
import { bearer, startBenchStack, startBenchTemporal, startInfra, type BenchInfra, type BenchStack } from '../lib/system.js';

// Issue 18, target 4: the participants page, the city overview, the claim inbox and the managers'
// KPIs at 1,000,000 participants and 100,000 claims, p95 < 50 ms through the gateway.
//
// The load goes through the project's own bulk paths: per seed city, a generated list is staged by
// the enrolment import's own stageImport (domain checks, NIK encrypted with its blind index, COPY
// into participants.import_row) and enrolled page by page by the import's own activities
// (claimActivationPage, activateImportPage: person, enrolment, standing period, audit). Skipped
// from the import workflow: the civil-registry match (the rows are generated valid) and quota
// places in the municipalities schema (the MoU's quota is the list's size; no page here reads it).
// Claims: a few through the real workflow via the API (seedCityOverview: submitted → PAID with
// payouts), the rest by set-based SQL writing the rows the claim workflow's activities write for
// each state — claim, heir, checklist, events, approvals, the PAYMENT SLA clock (dates from the
// domain's working-day rule, a breach recorded where the SLA timer would have), a payout for each
// PAID claim, and the submission's audit entry — through the same constraints and the same KPI
// triggers (migration 1767200000000). Not written: ledger journal entries of bulk payouts.

const CITIES = ['18.72', '96.71', '61.71', '71.74'] as const;
const ALL_CITIES_MANAGER: Identity = { subject: 'manager.pusat', roles: ['manager' as Role], cities: 'ALL', clientId: null };
const CITY_CASEWORKER: Identity = ACTORS.caseworker;

export interface ScaleOperationFigures {
  name: string;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  /** CPU ms per request by process (gateway, services, PostgreSQL). */
  cpuPerRequest: Record<string, number>;
}

export interface ScaleFigures {
  participants: number;
  claims: number;
  load: { participantsMs: number; claimsMs: number; analyzeMs: number; viaApi: number };
  operations: ScaleOperationFigures[];
}

/** As the participants service connects (its role), or as the owner (for the claims seed's long statements and VACUUM). */
function dataSource(url: string, asService: boolean): DataSource {
  return createServiceDataSource({ url, schema: 'participants', entities: [], migrations: [], ...(asService ? { role: APP_ROLE } : {}), poolSize: 2 });
}

/** One city's list through the import's staging and activation, as its workflow runs them (without registry and quota). */
async function importCity(system: BenchStack, db: DataSource, storage: LocalDiskStorage, code: string, rows: number, pageSize: number): Promise<number> {
  const half = Math.ceil(rows / 2);
  const mou = await cityWithActiveMou(system.gateway, code, {
    quota: rows,
    groups: [
      { group: 'RT_RW_HEAD', quota: half },
      { group: 'RELIGIOUS_TEACHER', quota: rows - half },
    ],
    budgetLines: [0, 1].map((i) => ({ fiscalYear: new Date().getUTCFullYear() + i, amount: String(rows * 16_800 * 24) })),
  });
  const list = cityList(code, rows, ['RT_RW_HEAD', 'RELIGIOUS_TEACHER'], { seed: 18 + Number(code.replace('.', '')) });
  const stored = await storage.put('imports', Readable.from([csvLines(LIST_HEADER, list.rows)]), 1 << 30);
  const batchId = `bench-scale-${code}-${randomUUID().slice(0, 8)}`;
  await db.query(
    `INSERT INTO participants.enrolment_import (batch_id, mou_id, file_name, file_sha256, storage_key, file_kind, dry_run, status, created_by)
     VALUES ($1, $2, 'bench-scale.csv', $3, $4, 'csv', false, 'PARSING', 'operator.bench')`,
    [batchId, mou.mouId, stored.sha256, stored.key],
  );
  const today = metroToday();
  const year = Number(today.slice(0, 4));
  const target: MouForEnrolment = {
    mouId: mou.mouId,
    mouNumber: mou.mouNumber,
    municipalityId: mou.municipalityId,
    regionCode: code,
    timeZone: 'Asia/Jakarta',
    status: 'ACTIVE',
    validFrom: `${year}-01-01`,
    validTo: `${year + 1}-12-31`,
    programs: ['JKK', 'JKM'],
    today,
  };
  const cipher = new FieldCipher(readSecrets());
  const records = new ImportRecords({ dataSource: db, cipher, storage, registry: null as unknown as CivilRegistry });
  const t0 = performance.now();
  await stageImport({ dataSource: db, cipher, storage }, batchId, target, async () => {});
  const stagedMs = performance.now() - t0;
  let activated = 0;
  for (;;) {
    const page = await records.claimActivationPage({ batchId, limit: pageSize });
    if (page.length === 0) break;
    const done = await records.activateImportPage({
      batchId,
      mou: target,
      coverageFrom: today,
      coverageTo: target.validTo,
      granted: page.map((p) => p.participantId),
      refused: [],
      actor: systemActor('operator.bench'),
    });
    activated += done.activated;
  }
  await records.markImport({ batchId, status: 'DONE' });
  console.log(`  ${code}: staged in ${Math.round(stagedMs)} ms, activated in ${Math.round(performance.now() - t0 - stagedMs)} ms`);
  return activated;
}

/** The PAYMENT clock of a claim whose documents were complete on `day` (the domain's working-day rule on the holiday table). */
async function clockTable(db: DataSource, days: LocalDate[]): Promise<{ program: string; started: string[]; warn: string[]; due: string[] }[]> {
  const holidays = new Set(((await db.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM claims.holiday WHERE region_code = '*'`)) as { day: string }[]).map((r) => r.day));
  return (['JKM', 'JKK'] as const).map((program) => {
    const rule = DEFAULT_SLA_RULES.find((r) => r.step === 'PAYMENT' && r.program === program)!;
    const clocks = days.map((d) => startSlaClock(d, rule, holidays));
    return { program, started: clocks.map((c) => c.startedOn), warn: clocks.map((c) => c.warnOn), due: clocks.map((c) => c.dueOn) };
  });
}

/**
 * `count` claims on distinct enrolled participants of every city, set-based, in the states and
 * rows the claim workflow leaves: half PAID, the rest spread over the open stages, rejected and
 * cancelled; filed over the last 400 days, paid 1–30 days after filing.
 */
async function seedClaims(db: DataSource, count: number): Promise<void> {
  const today = metroToday();
  const days: LocalDate[] = [];
  for (let d = -420; d <= 1; d++) days.push(addDays(today, d));
  const clocks = await clockTable(db, days);
  const checklist = (program: 'JKM' | 'JKK') => documentChecklist(program, { heirs: [{ relationship: 'SPOUSE' }], total: 42_000_000n });
  const docs = (['JKM', 'JKK'] as const).flatMap((program) => checklist(program).map((item) => ({ program, type: item.type, required: item.required })));
  await db.transaction(async (tx) => {
    await tx.query(`SELECT setseed(0.18)`);
    await tx.query(`CREATE TEMP TABLE seed ON COMMIT DROP AS
      SELECT row_number() OVER () AS n, e.id AS participant_id, e.municipality_id, e.region_code, gen_random_uuid() AS claim_id
        FROM (SELECT id, municipality_id, region_code FROM participants.enrolment e WHERE status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM claims.claim c WHERE c.participant_id = e.id) ORDER BY random() LIMIT ${Number(count)}) e`);
    // State by n: 50% PAID, 10% REJECTED, 5% CANCELLED, the rest open; times spread over 400 days.
    await tx.query(`CREATE TEMP TABLE seeded ON COMMIT DROP AS
      SELECT s.*, CASE WHEN n % 10 < 3 THEN 'JKK' ELSE 'JKM' END AS program,
             CASE WHEN n % 20 < 10 THEN 'PAID' WHEN n % 20 < 12 THEN 'REJECTED' WHEN n % 20 = 12 THEN 'CANCELLED'
                  WHEN n % 20 < 15 THEN 'AWAITING_VERIFICATION' WHEN n % 20 = 15 THEN 'DOCUMENTS_REQUESTED'
                  WHEN n % 20 < 18 THEN 'AWAITING_APPROVAL' ELSE 'APPROVED' END AS status,
             now() - ((n * 7919) % 400) * interval '1 day' - ((n * 104729) % 86400) * interval '1 second' AS submitted_at,
             (1 + (n * 31) % 30) * interval '1 day' + ((n * 7) % 86400) * interval '1 second' AS to_pay,
             CASE WHEN n % 5 = 0 THEN NULL ELSE 'caseworker.' || ((n * 13) % 37) END AS assignee
        FROM seed s`);
    await tx.query(`UPDATE seeded SET to_pay = least(to_pay, (now() - submitted_at) * 0.9) WHERE status = 'PAID'`);
    await tx.query(`INSERT INTO claims.claim (id, number, participant_id, municipality_id, region_code, program, incident_date, status, heir_name, heir_relationship, heir_phone,
        benefit_regulation, benefit_components, benefit_total, submitted_by, verified_by, approved_by, rejected_by, rejection_reason, rejection_note, cancelled_by,
        assignee, assigned_at, documents_complete_at, paid_at, submitted_at, updated_at, benefit_rule_version)
      SELECT claim_id, program || '/' || to_char(submitted_at AT TIME ZONE 'Asia/Jakarta', 'YYYY') || '/' || lpad(nextval('claims.claim_number_seq')::text, 6, '0'),
             participant_id, municipality_id, region_code, program, (submitted_at - interval '3 days')::date, status, 'Sumarni', 'SPOUSE', '081234567890',
             'PP 44/2015', jsonb_build_array(jsonb_build_object('code', 'DEATH_BENEFIT', 'label', 'Santunan kematian', 'amount', CASE WHEN program = 'JKM' THEN '42000000' ELSE '15000000' END)),
             CASE WHEN program = 'JKM' THEN 42000000 ELSE 15000000 END, 'caseworker.bench',
             CASE WHEN status IN ('AWAITING_APPROVAL', 'APPROVED', 'PAID') THEN 'verifier.bench' END,
             CASE WHEN status IN ('APPROVED', 'PAID') THEN 'supervisor.bench' END,
             CASE WHEN status = 'REJECTED' THEN 'supervisor.bench' END, CASE WHEN status = 'REJECTED' THEN 'NOT_COVERED' END, NULL,
             CASE WHEN status = 'CANCELLED' THEN 'caseworker.bench' END,
             CASE WHEN status NOT IN ('PAID', 'REJECTED', 'CANCELLED') THEN assignee END, CASE WHEN status NOT IN ('PAID', 'REJECTED', 'CANCELLED') AND assignee IS NOT NULL THEN submitted_at END,
             CASE WHEN status IN ('AWAITING_APPROVAL', 'APPROVED', 'PAID') THEN submitted_at + to_pay * 0.4 END,
             CASE WHEN status = 'PAID' THEN submitted_at + to_pay END, submitted_at, submitted_at + CASE WHEN status = 'PAID' THEN to_pay ELSE interval '0' END, 'bench'
        FROM seeded`);
    await tx.query(`INSERT INTO claims.claim_heir (id, claim_id, position, name, relationship, legal_order, share_numerator, share_denominator, phone)
      SELECT claim_id, claim_id, 1, 'Sumarni', 'SPOUSE', 1, 1, 1, '081234567890' FROM seeded`);
    await tx.query(
      `INSERT INTO claims.claim_document (claim_id, type, required, state, storage_key, checksum, received_at, received_by, reviewed_at, reviewed_by)
       SELECT s.claim_id, d.type, d.required, CASE WHEN verified THEN 'VERIFIED' ELSE 'PENDING' END,
              CASE WHEN verified THEN 'claims/' || s.claim_id || '/' || lower(d.type) || '.pdf' END, CASE WHEN verified THEN 'sha256:' || repeat('0', 64) END,
              CASE WHEN verified THEN s.submitted_at END, CASE WHEN verified THEN 'caseworker.bench' END, CASE WHEN verified THEN s.submitted_at + s.to_pay * 0.4 END,
              CASE WHEN verified THEN 'verifier.bench' END
         FROM (SELECT *, status IN ('AWAITING_APPROVAL', 'APPROVED', 'PAID') AS verified FROM seeded) s
         JOIN unnest($1::text[], $2::text[], $3::boolean[]) AS d(program, type, required) ON d.program = s.program`,
      [docs.map((d) => d.program), docs.map((d) => d.type), docs.map((d) => d.required)],
    );
    // The events each state's path leaves, in order.
    await tx.query(`INSERT INTO claims.claim_event (claim_id, action, from_status, to_status, actor, reason_code, at)
      SELECT s.claim_id, e.action, e.from_status, e.to_status, e.actor, e.reason_code, s.submitted_at + e.after * s.to_pay
        FROM seeded s CROSS JOIN LATERAL (VALUES
          (1, 'SUBMIT', NULL, 'SUBMITTED', 'caseworker.bench', NULL, 0.0, true),
          (2, 'ACCEPT_INTAKE', 'SUBMITTED', 'AWAITING_VERIFICATION', 'caseworker.bench', NULL, 0.0, true),
          (3, 'VERIFY_DOCUMENTS', 'AWAITING_VERIFICATION', 'AWAITING_APPROVAL', 'verifier.bench', NULL, 0.4, s.status IN ('AWAITING_APPROVAL', 'APPROVED', 'PAID')),
          (4, 'APPROVE', 'AWAITING_APPROVAL', 'APPROVED', 'supervisor.bench', NULL, 0.7, s.status IN ('APPROVED', 'PAID')),
          (5, 'PAY', 'APPROVED', 'PAID', 'system:payout', NULL, 1.0, s.status = 'PAID'),
          (6, 'REJECT', 'AWAITING_VERIFICATION', 'REJECTED', 'supervisor.bench', 'NOT_COVERED', 0.2, s.status = 'REJECTED'),
          (7, 'CANCEL', 'AWAITING_VERIFICATION', 'CANCELLED', 'caseworker.bench', NULL, 0.2, s.status = 'CANCELLED'),
          (8, 'REQUEST_DOCUMENTS', 'AWAITING_VERIFICATION', 'DOCUMENTS_REQUESTED', 'verifier.bench', NULL, 0.2, s.status = 'DOCUMENTS_REQUESTED')
        ) AS e(seq, action, from_status, to_status, actor, reason_code, after, happened)
       WHERE e.happened ORDER BY s.n, e.seq`);
    await tx.query(
      `INSERT INTO claims.claim_approval (claim_id, approver, at) SELECT claim_id, 'supervisor.bench', submitted_at + to_pay * 0.7 FROM seeded WHERE status IN ('APPROVED', 'PAID')`,
    );
    // The payment clock from documents complete; met on the day paid; a breach recorded the day after the due day, as the SLA timer does.
    await tx.query(
      `INSERT INTO claims.claim_sla (claim_id, step, started_on, warn_on, due_on, met_on, breached_at)
       SELECT s.claim_id, 'PAYMENT', k.started_on, k.warn_on, k.due_on, s.paid_on,
              CASE WHEN coalesce(s.paid_on, s.today) > k.due_on THEN (k.due_on + 1)::timestamp AT TIME ZONE claims.region_time_zone(s.region_code) END
         FROM (SELECT *, (submitted_at + to_pay * 0.4) AT TIME ZONE claims.region_time_zone(region_code) AS documents_at,
                      CASE WHEN status = 'PAID' THEN ((submitted_at + to_pay) AT TIME ZONE claims.region_time_zone(region_code))::date END AS paid_on,
                      (now() AT TIME ZONE claims.region_time_zone(region_code))::date AS today
                 FROM seeded WHERE status IN ('AWAITING_APPROVAL', 'APPROVED', 'PAID')) s
         JOIN unnest($1::text[], $2::date[], $3::date[], $4::date[]) AS k(program, started_on, warn_on, due_on) ON k.program = s.program AND k.started_on = s.documents_at::date`,
      [clocks.flatMap((c) => c.started.map(() => c.program)), clocks.flatMap((c) => c.started), clocks.flatMap((c) => c.warn), clocks.flatMap((c) => c.due)],
    );
    await tx.query(`INSERT INTO claims.payout (claim_id, heir_id, instalment, amount, idempotency_key, reference, status, region_code, requested_at, sent_at, paid_at, provider)
      SELECT claim_id, claim_id, 1, CASE WHEN program = 'JKM' THEN 42000000 ELSE 15000000 END, claim_id || '/1', 'BENCH-' || n, 'SENT', region_code,
             submitted_at + to_pay * 0.8, submitted_at + to_pay, submitted_at + to_pay, 'bench'
        FROM seeded WHERE status = 'PAID'`);
    await tx.query(`INSERT INTO claims.audit_event (at, actor, roles, cities, action, entity_type, entity_id, region_code, before, after)
      SELECT submitted_at, 'caseworker.bench', ARRAY['caseworker'], ARRAY[region_code], 'claim.submit', 'Claim', claim_id::text, region_code, NULL,
             jsonb_build_object('participantId', participant_id, 'program', program, 'status', 'AWAITING_VERIFICATION')
        FROM seeded`);
  });
}

interface Measured {
  name: string;
  who: Identity;
  body: string;
  expect: string;
}

/** A keyset cursor of the participants page (participant.pages.ts encodeCursor) at row `rank` of a city by name. */
async function deepCursor(db: DataSource, code: string, rank: number): Promise<string> {
  const [row] = (await db.query(
    `SELECT e.full_name, e.id FROM participants.enrolment e JOIN municipalities.municipality m ON m.id = e.municipality_id
      WHERE m.code = $1 ORDER BY e.full_name, e.id OFFSET $2 LIMIT 1`,
    [code, rank],
  )) as { full_name: string; id: string }[];
  return Buffer.from(JSON.stringify([row!.full_name, row!.id])).toString('base64url');
}

export async function benchScale(infra: BenchInfra, options: { participants: number; claims: number; requests: number }): Promise<ScaleFigures> {
  const temporal = await startBenchTemporal(true);
  const system = await startBenchStack(infra, temporal, 'scale');
  const db = dataSource(system.stack.databaseUrl, true);
  const owner = dataSource(system.stack.databaseUrl, false);
  await db.initialize();
  await owner.initialize();
  try {
    // A few claims through the real workflow (submitted → PAID with payouts), for the overview's city.
    const viaApi = await seedCityOverview(system.gateway, 10);
    const storage = new LocalDiskStorage(join(infra.root, 'scale-files'));
    let t0 = performance.now();
    let enrolled = 0;
    for (const code of CITIES) {
      const rows = Math.round(options.participants / CITIES.length);
      const t = performance.now();
      enrolled += await importCity(system, db, storage, code, rows, 10_000);
      console.log(`  ${code}: ${rows.toLocaleString('en')} participants staged and enrolled in ${Math.round(performance.now() - t)} ms`);
    }
    const participantsMs = performance.now() - t0;
    t0 = performance.now();
    await seedClaims(owner, options.claims);
    const claimsMs = performance.now() - t0;
    t0 = performance.now();
    await owner.query(`VACUUM ANALYZE participants.enrolment`);
    await owner.query(`VACUUM ANALYZE participants.person`);
    for (const table of ['claim', 'claim_sla', 'claim_document', 'claim_event', 'payout', 'claim_kpi_paid']) await owner.query(`VACUUM ANALYZE claims.${table}`);
    const analyzeMs = performance.now() - t0;
    const [{ claims }] = (await db.query(`SELECT count(*)::int AS claims FROM claims.claim`)) as [{ claims: number }];
    console.log(
      `  loaded ${enrolled.toLocaleString('en')} participants in ${Math.round(participantsMs)} ms, ${claims.toLocaleString('en')} claims in ${Math.round(claimsMs)} ms, VACUUM ANALYZE ${Math.round(analyzeMs)} ms`,
    );

    if (process.env['BENCH_SCALE_HOLD']) {
      // Finding where the time goes: the loaded database stays up until SIGUSR2 (psql, EXPLAIN ANALYZE).
      console.log(`  holding ${system.stack.databaseUrl} (pid ${process.pid}); kill -USR2 to go on`);
      await new Promise((resolve) => process.once('SIGUSR2', resolve));
    }
    const big = CITIES[2];
    const cityRows = Math.round(options.participants / CITIES.length);
    const year = Number(metroToday().slice(0, 4));
    const pageFields = 'totalCount pageInfo { endCursor hasNextPage } nodes { id fullName occupationGroup coverageFrom coverageTo status }';
    const pageQuery = `query Page($code: String!, $after: String) { municipalityByCode(code: $code) { participants(first: 50, after: $after) { ${pageFields} } } }`;
    const admin = ACTORS.admin;
    const operations: Measured[] = [
      { name: `participants page, first (${big}, ${cityRows.toLocaleString('en')} participants)`, who: admin, body: gql(pageQuery, { code: big }), expect: '"hasNextPage":true' },
      {
        name: 'participants page, deep keyset page (half-way)',
        who: admin,
        body: gql(pageQuery, { code: big, after: await deepCursor(owner, big, Math.floor(cityRows / 2)) }),
        expect: '"hasNextPage":true',
      },
      { name: 'city overview (partner, 18.72)', who: ACTORS.partner, body: gql(op('CityClaimsOverview'), { code: '18.72' }), expect: '"PAID"' },
      { name: 'claim inbox, first page (caseworker, 18.72)', who: CITY_CASEWORKER, body: gql(op('ConsoleClaimInbox'), { first: 25 }), expect: '"items":[{' },
      {
        name: 'claim inbox, status AWAITING_APPROVAL',
        who: CITY_CASEWORKER,
        body: gql(op('ConsoleClaimInbox'), { first: 25, filter: { status: 'AWAITING_APPROVAL' } }),
        expect: '"AWAITING_APPROVAL"',
      },
      { name: 'claim inbox, SLA risk BREACHED', who: CITY_CASEWORKER, body: gql(op('ConsoleClaimInbox'), { first: 25, filter: { slaRisk: 'BREACHED' } }), expect: '"BREACHED"' },
      {
        name: 'claim inbox, assignee caseworker.7',
        who: CITY_CASEWORKER,
        body: gql(op('ConsoleClaimInbox'), { first: 25, filter: { assignee: 'caseworker.7' } }),
        expect: '"caseworker.7"',
      },
      { name: 'manager KPIs (18.72)', who: ACTORS.manager, body: gql(op('ClaimKpis'), { year }), expect: '"paidCount"' },
      { name: 'manager KPIs (all cities)', who: ALL_CITIES_MANAGER, body: gql(op('ClaimKpis'), { year }), expect: '"96.71"' },
    ];
    const figures: ScaleOperationFigures[] = [];
    for (const operation of operations) {
      const cpu = () => Object.fromEntries(Object.entries(system.processes()).map(([name, pids]) => [name, groupCpuMs(() => pids)]));
      let before: Record<string, number> = {};
      let after: Record<string, number> = {};
      const load = await runLoad<RepeatResult>(
        'repeat',
        { url: system.gateway, headers: await bearer(operation.who), body: operation.body, expect: operation.expect, concurrency: 1, warmup: 10, requests: options.requests },
        { start: () => void (before = cpu()), end: () => void (after = cpu()) },
      );
      if (load.failures > 0) throw new Error(`${operation.name}: ${load.failures} failed answers, e.g. ${load.firstFailure}`);
      const cpuPerRequest = Object.fromEntries(Object.keys(after).map((name) => [name, round(((after[name] ?? 0) - (before[name] ?? 0)) / load.count, 2)]));
      figures.push({ name: operation.name, p50: load.p50, p95: load.p95, p99: load.p99, requests: load.count, cpuPerRequest });
      console.log(`  ${operation.name}: p50 ${load.p50} ms, p95 ${load.p95} ms (postgres ${cpuPerRequest['postgres']} ms CPU/request)`);
    }
    return {
      participants: enrolled,
      claims,
      load: { participantsMs: round(participantsMs, 0), claimsMs: round(claimsMs, 0), analyzeMs: round(analyzeMs, 0), viaApi: viaApi.claimIds.length },
      operations: figures,
    };
  } finally {
    await db.destroy();
    await owner.destroy();
    await system.stop();
    await temporal.stop();
  }
}

// Alone: `npx tsx bench/scenarios/scale.ts [participants] [claims] [requests]` (npm run bench: 1,000,000 and 100,000; --quick a tenth).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const infra = await startInfra();
  try {
    const figures = await benchScale(infra, {
      participants: Number(process.argv[2] ?? 100_000),
      claims: Number(process.argv[3] ?? 10_000),
      requests: Number(process.argv[4] ?? 100),
    });
    console.log(JSON.stringify(figures, null, 2));
  } finally {
    await infra.stop();
  }
}
