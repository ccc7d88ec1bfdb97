import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBillingMonths, monthOf } from '../../domain/contributions/billing-month.js';
import { APP_ROLE } from '../../services/kit/src/app-role.js';
import { createServiceDataSource } from '../../services/kit/src/database.js';
import { FieldCipher } from '../../services/kit/src/field-cipher.js';
import { readSecrets } from '../../services/kit/src/secrets.js';
import { loadRegistryExtract } from '../../services/participants/src/registry/registry.load.js';
import { IMPORT_HEADER, REGISTRY_EXTRACT } from '../fixtures/import-mix.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, cityWithActiveMou, enrol, jkmClaim, metroToday, metroWithActiveMou, SITI, SORONG_OPERATOR } from '../fixtures/scenario.js';
import { authHeaders, mustQuery } from '../harness/graphql.js';
import { startConsoleStack, type ConsoleStack } from './stack.js';
import { choose, launchBrowser, newPerson, screenshot, seriousViolations, signIn, type TestBrowser } from './browser.js';

// The city operator's and the manager's pages of the console in a real Chromium against the real
// stack: a list uploaded by clicking, followed live, its review row corrected and its report
// downloaded; claims KPIs, coverage over time and an MoU's invoices. Setup the console does not
// offer (MoUs, the registry extract, billing runs, a claim) goes through the API or the database.
let running: ConsoleStack;
let storageDir: string;
let gateway: string;
let consoleUrl: string;
let browser: TestBrowser;
let metroMouNumber: string;
let metroBatch: string;
const logs: string[] = [];

const SIGN_IN = {
  id: { role: 'Peran', city: 'Kota', name: 'Nama pengguna', submit: 'Masuk' },
  en: { role: 'Role', city: 'City', name: 'User name', submit: 'Sign in' },
} as const;

/** Row 2 matches the registry, row 3 only roughly (SRI WAHYUNINGSIH), row 4 has a 15-digit NIK. */
const METRO_LIST = [
  IMPORT_HEADER,
  '1872010101800002,Budi Santoso,1980-01-01,L,Wati,Jl. Kenanga 2,Ketua RT',
  '1872014505650008,Sri Wahyuni,05/05/1965,P,Painem,Jl. Kamboja 12,Guru Ngaji',
  '187201450680001,Rina Marlina,05/06/1980,P,Sumarni,Jl. Anggrek 6,Guru Ngaji',
].join('\r\n');
const SORONG_LIST = [IMPORT_HEADER, '9671014506800003,Maria Kambuaya,05/06/1980,P,Yosina,Jl. Basuki Rahmat 1,Guru Ngaji'].join('\r\n');

beforeAll(async () => {
  storageDir = await mkdtemp(join(tmpdir(), 'lindung-console-files-'));
  running = await startConsoleStack('console_operator', () => ({ LINDUNG_CONSOLE_DEV_SIGNIN: '1', LINDUNG_STORAGE_DIR: storageDir }), logs);
  ({ gateway, consoleUrl } = running);

  // What Dukcapil knows, loaded as `npm run registry:load` does.
  const dataSource = createServiceDataSource({ url: running.db.url, schema: 'participants', entities: [], migrations: [], role: APP_ROLE, poolSize: 1 });
  await dataSource.initialize();
  await loadRegistryExtract(dataSource, new FieldCipher(readSecrets()), Readable.from([REGISTRY_EXTRACT]));
  await dataSource.destroy();

  const metro = await metroWithActiveMou(gateway);
  metroMouNumber = metro.mouNumber;
  await mustQuery(
    gateway,
    op('UpdateMunicipality'),
    { input: { id: metro.municipalityId, informalWorkforce: 200, workforceYear: 2025, workforceSource: 'BPS Kota Metro' } },
    ACTORS.admin,
  );
  await cityWithActiveMou(gateway, '96.71');
  // Siti covered since two months back, so coverage over time rises and last month can be billed.
  const siti = await enrol(gateway, metro.mouId, SITI);
  const client = new pg.Client({ connectionString: running.db.url });
  await client.connect();
  const start = `${addBillingMonths(monthOf(metroToday()), -2)}-01`;
  await client.query(`UPDATE participants.enrolment SET coverage_from = $2 WHERE mou_id = $1`, [metro.mouId, start]);
  await client.query(`UPDATE participants.enrolment_status_period s SET valid_from = $2 FROM participants.enrolment e WHERE e.id = s.enrolment_id AND e.mou_id = $1`, [
    metro.mouId,
    start,
  ]);
  await client.end();
  const { runBilling } = await mustQuery(gateway, op('RunBilling'), { mouId: metro.mouId, month: addBillingMonths(monthOf(metroToday()), -1) }, ACTORS.admin);
  await mustQuery(
    gateway,
    op('RecordContributionPayment'),
    { input: { invoiceId: runBilling.invoiceId, amount: '10000', paidOn: metroToday(), reference: 'SP2D/CONSOLE/1' } },
    ACTORS.operator,
  );
  await mustQuery(gateway, op('SubmitClaim'), { input: jkmClaim(siti.id) }, ACTORS.caseworker);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  if (storageDir) await rm(storageDir, { recursive: true, force: true });
});

async function expectAccessible(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
}

async function importStatus(page: Page, wanted: (status: string) => boolean, timeout = 60_000): Promise<string> {
  const handle = await page.waitForFunction(
    (names) => {
      const status = document.querySelector('[data-testid="import-progress"]')?.getAttribute('data-status');
      return status && (names as string[]).includes(status) ? status : null;
    },
    ['QUEUED', 'PARSING', 'VALIDATING', 'ACTIVATING', 'AWAITING_REVIEW', 'DONE', 'CANCELLED', 'FAILED'].filter(wanted),
    { timeout },
  );
  return (await handle.jsonValue()) as string;
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();

describe('a city operator uploads a list by clicking and works it to the end (id)', () => {
  it('uploads, watches the progress, corrects the review row to the registry and downloads the report', async () => {
    const { context, page } = await newPerson(browser.browser, consoleUrl, 'id');
    await signIn(page, SIGN_IN.id, { role: 'Operator kota', city: 'Kota Metro (18.72)', name: 'operator.metro' });
    await page.getByRole('link', { name: 'Unggah daftar' }).click();
    // The city's one open MoU is chosen already; the file goes in through the file input.
    await expect.poll(() => page.getByRole('combobox', { name: 'MoU' }).inputValue()).toContain(metroMouNumber);
    await page.getByLabel('File daftar (CSV atau XLSX)').setInputFiles({ name: 'metro-desember.csv', mimeType: 'text/csv', buffer: Buffer.from(METRO_LIST, 'utf8') });
    await page.getByRole('button', { name: 'Unggah dan periksa' }).click();

    expect(await importStatus(page, (s) => s === 'AWAITING_REVIEW' || s === 'DONE' || s === 'FAILED')).toBe('AWAITING_REVIEW');
    metroBatch = new URL(page.url()).searchParams.get('batch')!;
    expect(metroBatch).toMatch(/^[a-f0-9]{40}$/);
    expect(await text(page, 'import-status')).toBe('Menunggu tinjauan');
    expect(await text(page, 'rowsRead')).toBe('3 / 3');
    expect(await text(page, 'rowsActivated')).toBe('1 / 1');
    expect([await text(page, 'verdict-ACCEPTED'), await text(page, 'verdict-NEEDS_REVIEW'), await text(page, 'verdict-REJECTED')]).toEqual(['1', '1', '1']);

    // The review row: the list's spelling beside the registry's, the NIK as the API returns it.
    const review = page.getByRole('region', { name: 'Baris 3: Sri Wahyuni' });
    await review.waitFor();
    expect(await review.textContent()).toContain('SRI WAHYUNINGSIH');
    expect(await review.textContent()).toContain('5 Mei 1965');
    await page.getByTestId('import-rows').getByText('NIK_LENGTH', { exact: false }).waitFor();
    await expectAccessible(page, 'imports-review');

    await review.getByRole('button', { name: 'Koreksi sesuai Dukcapil' }).click();
    expect(await importStatus(page, (s) => s === 'DONE' || s === 'FAILED')).toBe('DONE');
    await page.getByTestId('rowsActivated').filter({ hasText: '2 / 2' }).waitFor();
    expect(await page.getByRole('region', { name: 'Baris 3: Sri Wahyuni' }).count()).toBe(0);
    await expectAccessible(page, 'imports-done');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh laporan baris (CSV)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^laporan-impor-[a-f0-9]{12}\.csv$/);
    const report = (await readFile((await download.path())!, 'utf8'))
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(report[0]).toContain('Baris,Putusan,Terdaftar,Kode,Kolom,Pesan,Message');
    expect(report).toHaveLength(4);
    expect(report.find((line) => line.includes('Rina Marlina'))).toContain('NIK_LENGTH');
    expect(report.find((line) => line.includes('Sri Wahyuni'))).toMatch(/,3,/);

    // The corrected row is enrolled under the registry's spelling.
    await page.getByRole('link', { name: 'Peserta', exact: true }).click();
    await page.getByTestId('participants').getByText('SRI WAHYUNINGSIH').waitFor();
    await context.close();
  }, 120_000);
});

describe('another city never sees Metro’s import (en)', () => {
  it('shows a Sorong operator no trace of it, and runs her own dry run in English', async () => {
    expect(metroBatch).toBeDefined();
    const { enrolmentImport } = await mustQuery(gateway, op('ConsoleEnrolmentImport'), { batchId: metroBatch }, SORONG_OPERATOR);
    expect(enrolmentImport).toBeNull();
    const report = await fetch(new URL(`/imports/enrolment/${metroBatch}/report.csv`, gateway), { headers: await authHeaders(SORONG_OPERATOR) });
    expect(report.status).toBe(404);

    const { context, page } = await newPerson(browser.browser, consoleUrl, 'en');
    await signIn(page, SIGN_IN.en, { role: 'City operator', city: 'Kota Sorong (96.71)', name: 'operator.sorong' });
    await page.goto(`${consoleUrl}imports?batch=${metroBatch}`);
    await page.getByText('This import does not exist or belongs to another city.', { exact: false }).waitFor();
    expect(await page.getByText('metro-desember.csv').count()).toBe(0);
    expect(await page.getByText('Sri Wahyuni').count()).toBe(0);

    await page.getByLabel('List file (CSV or XLSX)').setInputFiles({ name: 'sorong-trial.csv', mimeType: 'text/csv', buffer: Buffer.from(SORONG_LIST, 'utf8') });
    await page.getByLabel('Dry run only').check();
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByText('sorong-trial.csv').waitFor();
    await importStatus(page, (s) => s === 'AWAITING_REVIEW' || s === 'DONE');
    expect(await page.getByText('Dry run', { exact: true }).count()).toBe(1);
    expect(await text(page, 'rowsActivated')).toMatch(/^0 \//);
    await context.close();
  });
});

describe('a manager reads claims KPIs, coverage over time and an MoU’s billing (id)', () => {
  it('shows each with rupiah and Indonesian dates, and downloads the invoice PDF', async () => {
    const { context, page } = await newPerson(browser.browser, consoleUrl, 'id');
    await signIn(page, SIGN_IN.id, { role: 'Manajer', city: 'Semua kota', name: 'manager.dewi' });

    await page.getByRole('link', { name: 'KPI klaim' }).click();
    await choose(page, 'Kota', 'Kota Metro (18.72)');
    const jkm = page.getByTestId('kpis').getByRole('row').filter({ hasText: 'JKM' });
    await jkm.waitFor();
    // One claim filed and still open, nothing paid yet: Rp 0, no time to pay, and a loss ratio of
    // 0 % against the contributions billed to the city this year (last month's invoice, below) —
    // none yet in January, when that invoice belongs to last year.
    const billedThisYear = addBillingMonths(monthOf(metroToday()), -1).startsWith(metroToday().slice(0, 4));
    const lossRatio = billedThisYear ? '0%' : 'Belum ada';
    expect(await jkm.locator('td').allTextContents()).toEqual(['Kota Metro (18.72)', 'JKM', '0', 'Rp 0', '—', '—', '1', '0', lossRatio]);
    await expectAccessible(page, 'kpis');

    await page.getByRole('link', { name: 'Cakupan per kota' }).click();
    // The first city (Metro) is shown; picking it again once its figures are in is what a person does.
    await page.getByTestId('coverage-trend').waitFor();
    await choose(page, 'Kota', 'Kota Metro (18.72)');
    const trend = page.getByTestId('coverage-trend');
    await trend.waitFor();
    // Newest first: today, then month ends. Siti is covered from the first of the month two back,
    // so the end of that month counts her and the month end before it counts nobody.
    const rows = trend.locator('tbody tr');
    expect(await rows.count()).toBe(10);
    const active = async (index: number) => ((await rows.nth(index).locator('td').nth(1).textContent()) ?? '').trim();
    expect([await active(2), await active(3)]).toEqual(['1', '0']);
    // 1 of 200 informal workers at the last month end.
    expect(((await rows.nth(1).locator('td').nth(3).textContent()) ?? '').trim()).toBe('0,50%');
    expect(Number(await active(0))).toBeGreaterThanOrEqual(1);
    await page.locator('.recharts-surface').last().waitFor();
    await expectAccessible(page, 'coverage-trend');

    await page.getByRole('link', { name: 'Tagihan iuran' }).click();
    await choose(page, 'MoU', `${metroMouNumber} · Kota Metro`);
    const invoices = page.getByTestId('invoices');
    await invoices.waitFor();
    const line = invoices.locator('tbody tr').first();
    expect(await line.textContent()).toContain('Rp 10.000');
    expect(await text(page, 'figure-paid')).toBe('Rp 10.000');
    await expectAccessible(page, 'billing');
    const number = ((await line.locator('td').first().textContent()) ?? '').trim();
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Unduh PDF ${number}` }).click()]);
    expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });
});
