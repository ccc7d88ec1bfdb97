import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { cityList, csvLines, LIST_HEADER, REGISTRY_HEADER } from '../../cli/demo-data.js';
import { enrol } from '../../cli/enrol.js';
import { ImportClient } from '../../cli/import-client.js';
import { startService } from '../../services/kit/src/service-runtime.js';
import { participantsService } from '../../services/participants/src/service.js';
import { FieldCipher } from '../../services/kit/src/field-cipher.js';
import { issueDevToken } from '../../services/kit/src/identity.js';
import { readSecrets } from '../../services/kit/src/secrets.js';
import { loadRegistryExtract } from '../../services/participants/src/registry/registry.load.js';
import { op } from '../fixtures/operations.js';
import { COVERED_ELSEWHERE, EXPECTED_PROBLEMS, mixFile, REGISTRY_EXTRACT } from '../fixtures/import-mix.js';
import { ACTORS, cityWithActiveMou } from '../fixtures/scenario.js';
import { mustQuery } from '../harness/graphql.js';
import { startTestSystem, type TestSystem } from '../harness/system.js';

// Issue 13's acceptance mix through the gateway: upload, report, review, re-upload.
let system: TestSystem;
let storageDir: string;
let metro: ImportClient;
let metroMou: string;
let metroMouNumber: string;
let sorongMou: string;
const SORONG_OPERATOR = { subject: 'operator.sorong', roles: ['city_operator' as const], cities: ['96.71'], clientId: null };

async function participantsOf(mouId: string): Promise<number> {
  const [row] = (await system.services.participants.deps.dataSource.query(`SELECT count(*)::int AS n FROM participants.participant WHERE mou_id = $1`, [mouId])) as { n: number }[];
  return row!.n;
}

beforeAll(async () => {
  storageDir = await mkdtemp(join(tmpdir(), 'lindung-files-'));
  process.env['LINDUNG_STORAGE_DIR'] = storageDir;
  system = await startTestSystem('enrolment-import');
  const cipher = new FieldCipher(readSecrets());
  await loadRegistryExtract(system.services.participants.deps.dataSource, cipher, Readable.from([REGISTRY_EXTRACT]));
  // Two places for RT/RW heads: the third in the list is beyond the group's quota.
  ({ mouId: metroMou, mouNumber: metroMouNumber } = await cityWithActiveMou(system.gatewayUrl, '18.72', {
    quota: 102,
    groups: [
      { group: 'RT_RW_HEAD', quota: 2 },
      { group: 'RELIGIOUS_TEACHER', quota: 100 },
    ],
  }));
  const sorong = await cityWithActiveMou(system.gatewayUrl, '96.71');
  sorongMou = sorong.mouId;
  await mustQuery(system.gatewayUrl, op('EnrolParticipant'), { input: { mouId: sorong.mouId, ...COVERED_ELSEWHERE } }, SORONG_OPERATOR);
  metro = new ImportClient(system.gatewayUrl, await issueDevToken(ACTORS.operator, readSecrets().jwtSecret!));
});

afterAll(async () => {
  await system?.stop();
  await rm(storageDir, { recursive: true, force: true });
});

describe('a messy city list imported through the gateway', () => {
  let batchId: string;

  it('gives every row a verdict, enrols exactly the good ones and holds the close match for review', async () => {
    const started = await metro.upload({ name: 'metro-2026.csv', bytes: mixFile() }, { mouId: metroMou });
    batchId = started.batchId;
    const done = await metro.wait(batchId);
    expect(done).toMatchObject({ status: 'AWAITING_REVIEW', rowsRead: 12, rowsActivated: 3, accepted: 3, acceptedWithWarnings: 0, needsReview: 1, rejected: 8 });
    expect(done.accepted + done.acceptedWithWarnings + done.needsReview + done.rejected).toBe(done.rowsRead);
    expect(await participantsOf(metroMou)).toBe(3);
    // Each enrolled person got a KPJ number on this first activation, and an ACTIVE standing period.
    const [issued] = (await system.services.participants.deps.dataSource.query(
      `SELECT count(*) FILTER (WHERE p.kpj_number ~ '^[0-9]{11}$')::int AS kpj, count(s.enrolment_id)::int AS periods
         FROM participants.enrolment e JOIN participants.person p ON p.id = e.person_id
         LEFT JOIN participants.enrolment_status_period s ON s.enrolment_id = e.id AND s.status = 'ACTIVE' WHERE e.mou_id = $1`,
      [metroMou],
    )) as { kpj: number; periods: number }[];
    expect(issued).toEqual({ kpj: 3, periods: 3 });
  });

  it('reports every problem row with its code and messages, naming no other city', async () => {
    const report = await metro.report((await metro.progress(batchId)).reportPath);
    const lines = report
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('Baris,Putusan,Terdaftar,Kode,Kolom,Pesan,Message');
    expect(lines).toHaveLength(13);
    for (const [row, code] of Object.entries(EXPECTED_PROBLEMS)) {
      const line = lines.find((l) => l.includes(`,${row},`) && l.includes(code));
      expect(line, `row ${row} should say ${code}`).toBeDefined();
    }
    const covered = lines.find((l) => l.includes('ALREADY_COVERED'))!;
    expect(covered).not.toMatch(/Sorong|96\.71/);
    expect(lines.find((l) => l.includes('DUPLICATE_IN_FILE'))).toContain('row 2');
  });

  it('shows the review queue with the registry record beside the row, and enrols the row once accepted', async () => {
    const { enrolmentImportRows } = await metro.graphql<{ enrolmentImportRows: any[] }>(op('EnrolmentImportRows'), { batchId, verdict: 'NEEDS_REVIEW' });
    expect(enrolmentImportRows).toHaveLength(1);
    expect(enrolmentImportRows[0]).toMatchObject({
      rowNumber: 12,
      fullName: 'Sri Wahyuni',
      candidate: { fullName: 'SRI WAHYUNINGSIH', nikMatches: true, birthDate: '1965-05-05' },
    });
    await metro.graphql(op('ReviewImportRow'), { input: { batchId, rowNumber: 12, decision: 'CORRECT' } });
    let progress = await metro.progress(batchId);
    for (let i = 0; i < 200 && progress.status !== 'DONE'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      progress = await metro.progress(batchId);
    }
    expect(progress).toMatchObject({ status: 'DONE', rowsActivated: 4, needsReview: 0 });
    const [row] = (await system.services.participants.deps.dataSource.query(`SELECT full_name FROM participants.participant WHERE mou_id = $1 AND full_name LIKE 'SRI%'`, [
      metroMou,
    ])) as { full_name: string }[];
    expect(row?.full_name).toBe('SRI WAHYUNINGSIH');
    const [audit] = (await system.services.participants.deps.dataSource.query(`SELECT actor FROM participants.audit_event WHERE action = 'import.review' AND entity_id = $1`, [
      batchId,
    ])) as { actor: string }[];
    expect(audit?.actor).toBe(ACTORS.operator.subject);
  });

  it('answers a re-upload of the same file with the earlier import and changes nothing', async () => {
    const again = await metro.upload({ name: 'metro-2026 (1).csv', bytes: mixFile() }, { mouId: metroMou });
    expect(again).toMatchObject({ batchId, reused: true, status: 'DONE', rowsActivated: 4 });
    expect(await participantsOf(metroMou)).toBe(4);
  });

  it('refuses the upload without a token, and hides the import from another city', async () => {
    const anonymous = new ImportClient(system.gatewayUrl, 'not-a-token');
    await expect(anonymous.upload({ name: 'x.csv', bytes: mixFile() }, { mouId: metroMou })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const sorong = new ImportClient(system.gatewayUrl, await issueDevToken(SORONG_OPERATOR, readSecrets().jwtSecret!));
    await expect(sorong.progress(batchId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const manager = new ImportClient(system.gatewayUrl, await issueDevToken(ACTORS.manager, readSecrets().jwtSecret!));
    await expect(manager.upload({ name: 'x.csv', bytes: mixFile() }, { mouId: metroMou })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the command-line importer', () => {
  it('checks an XLSX list with --dry-run, shows progress and the counts, writes the report and enrols no one', async () => {
    const list = cityList('18.72', 40, ['RELIGIOUS_TEACHER'], { seed: 7 });
    await loadRegistryExtract(system.services.participants.deps.dataSource, new FieldCipher(readSecrets()), Readable.from([csvLines(REGISTRY_HEADER, list.registry)]));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Peserta');
    sheet.addRow(LIST_HEADER);
    for (const row of list.rows) sheet.addRow(row.map((cell) => cell.replace(/^"|"$/g, '')));
    const file = join(storageDir, 'metro-guru-ngaji.xlsx');
    await writeFile(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    const before = await participantsOf(metroMou);
    const lines: string[] = [];
    const token = await issueDevToken(ACTORS.operator, readSecrets().jwtSecret!);
    const { progress, reportFile } = await enrol(file, { mou: metroMouNumber, dryRun: true, gateway: system.gatewayUrl, token, plain: true, out: (line) => lines.push(line) });
    expect(progress).toMatchObject({ status: 'DONE', dryRun: true, rowsRead: 40, accepted: 40, rowsActivated: 0 });
    expect(lines.some((line) => /^(PARSING|VALIDATING|DONE|QUEUED)/.test(line))).toBe(true);
    expect(lines.join('\n')).toMatch(/rows read\s+40[\s\S]*accepted\s+40[\s\S]*Report: /);
    expect(existsSync(reportFile)).toBe(true);
    expect((await readFile(reportFile, 'utf8')).split('\r\n').filter(Boolean)).toHaveLength(41);
    expect(await participantsOf(metroMou)).toBe(before);
  });
});

describe('an import whose participants service is killed while it enrols', () => {
  it('finishes after the restart with every row enrolled exactly once, and places held only for the enrolled', async () => {
    const list = cityList('96.71', 2_500, ['RT_RW_HEAD', 'RELIGIOUS_TEACHER'], { seed: 11 });
    await loadRegistryExtract(system.services.participants.deps.dataSource, new FieldCipher(readSecrets()), Readable.from([csvLines(REGISTRY_HEADER, list.registry)]));
    const sorong = new ImportClient(system.gatewayUrl, await issueDevToken(SORONG_OPERATOR, readSecrets().jwtSecret!));
    const started = await sorong.upload({ name: 'sorong.csv', bytes: Buffer.from(csvLines(LIST_HEADER, list.rows)) }, { mouId: sorongMou });
    // Kill it as soon as the import is under way (wherever it is by then), and start it again.
    let progress = await sorong.progress(started.batchId);
    for (let i = 0; i < 600 && !['VALIDATING', 'ACTIVATING', 'DONE', 'AWAITING_REVIEW'].includes(progress.status); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      progress = await sorong.progress(started.batchId);
    }
    await system.services.participants.stop();
    system.services.participants = await startService(participantsService, system.serviceOptions.participants);
    progress = await sorong.wait(started.batchId);
    expect(progress).toMatchObject({ status: 'DONE', rowsRead: 2_500, accepted: 2_500, rowsActivated: 2_500 });
    const db = system.services.participants.deps.dataSource;
    const [check] = (await db.query(
      `SELECT count(*) FILTER (WHERE r.activated)::int AS activated, count(e.id)::int AS enrolled, count(*) FILTER (WHERE r.activated <> (e.id IS NOT NULL))::int AS half
         FROM participants.import_row r LEFT JOIN participants.enrolment e ON e.id = r.participant_id WHERE r.batch_id = $1`,
      [started.batchId],
    )) as { activated: number; enrolled: number; half: number }[];
    expect(check).toEqual({ activated: 2_500, enrolled: 2_500, half: 0 });
    const [places] = (await system.services.municipalities.deps.dataSource.query(
      `SELECT count(*)::int AS held FROM municipalities.quota_reservation WHERE mou_id = $1 AND released_at IS NULL`,
      [sorongMou],
    )) as { held: number }[];
    expect(places!.held).toBe(2_500 + 1); // and Dewi Lestari, enrolled one by one
  });
});
