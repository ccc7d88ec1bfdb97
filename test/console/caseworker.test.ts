import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startConsoleStack, type ConsoleStack } from './stack.js';
import { ACTORS, enrol, jkmClaim, metroWithActiveMou, SITI } from '../fixtures/scenario.js';
import { mustQuery } from '../harness/graphql.js';
import { op } from '../fixtures/operations.js';
import { choose, launchBrowser, newPerson, screenshot, seriousViolations, signIn, type TestBrowser } from './browser.js';

// The caseworker's console in a real Chromium against the real stack: a claim is filed, taken
// from the inbox, its documents marked, the heir's account entered and verified by one
// caseworker, approved by a supervisor and paid, every step by clicking. Only the MoU and the
// enrolment (no console page yet) go through the API.
let running: ConsoleStack;
let consoleUrl: string;
let browser: TestBrowser;
const logs: string[] = [];

const TEXT = {
  id: {
    signIn: { role: 'Peran', city: 'Kota', name: 'Nama pengguna', submit: 'Masuk' },
    roles: { caseworker: 'Petugas klaim', supervisor: 'Supervisor', partner: 'Aplikasi mitra' },
    metro: 'Kota Metro (18.72)',
    sorong: 'Kota Sorong (96.71)',
    nik: 'NIK peserta',
    heir: 'Nama ahli waris',
    file: 'Ajukan klaim',
    assignee: 'Petugas',
    unassigned: 'Belum diambil',
    statusFilter: 'Status',
    take: 'Ambil kasus ini',
    yours: 'Anda',
    receive: 'Tandai diterima',
    openFile: 'Buka berkas',
    saveReceived: 'Simpan: diterima',
    verifyDoc: 'Verifikasi',
    rejectDoc: 'Tolak',
    rejectReason: 'Alasan penolakan dokumen',
    saveRejected: 'Simpan: ditolak',
    states: { RECEIVED: 'Diterima', VERIFIED: 'Terverifikasi', REJECTED: 'Ditolak' },
    required: 'Wajib',
    enterAccount: 'Isi rekening',
    bank: 'Bank',
    accountNumber: 'Nomor rekening',
    saveAccount: 'Simpan rekening',
    verify: 'Verifikasi dokumen',
    approve: 'Setujui pembayaran',
    incomplete: 'lengkapi daftar dokumen dulu',
    fourEyes: 'empat mata',
    threshold: 'memerlukan persetujuan supervisor',
    status: { AWAITING_VERIFICATION: 'Menunggu verifikasi', AWAITING_APPROVAL: 'Menunggu persetujuan', PAID: 'Dibayar' },
    slaLeft: /hari kerja lagi|jam lagi/,
    timeline: ['Diajukan', 'Penugasan', 'Dokumen ditolak', 'Dokumen diverifikasi', 'Dokumen lengkap diverifikasi'],
    noClaims: 'Belum ada klaim di kota Anda.',
    notFound: 'Data tidak ditemukan',
  },
  en: {
    signIn: { role: 'Role', city: 'City', name: 'User name', submit: 'Sign in' },
    roles: { caseworker: 'Caseworker', supervisor: 'Supervisor', partner: 'Partner app' },
    metro: 'Kota Metro (18.72)',
    sorong: 'Kota Sorong (96.71)',
    nik: 'Participant NIK',
    heir: 'Heir’s name',
    file: 'File claim',
    assignee: 'Caseworker',
    unassigned: 'Not taken',
    statusFilter: 'Status',
    take: 'Take this case',
    yours: 'You',
    receive: 'Mark received',
    openFile: 'Open file',
    saveReceived: 'Save: received',
    verifyDoc: 'Verify',
    rejectDoc: 'Reject',
    rejectReason: 'Why the document is rejected',
    saveRejected: 'Save: rejected',
    states: { RECEIVED: 'Received', VERIFIED: 'Verified', REJECTED: 'Rejected' },
    required: 'Required',
    enterAccount: 'Enter account',
    bank: 'Bank',
    accountNumber: 'Account number',
    saveAccount: 'Save account',
    verify: 'Verify documents',
    approve: 'Approve payout',
    incomplete: 'complete the checklist first',
    fourEyes: 'four eyes',
    threshold: 'need a supervisor’s approval',
    status: { AWAITING_VERIFICATION: 'Awaiting verification', AWAITING_APPROVAL: 'Awaiting approval', PAID: 'Paid' },
    slaLeft: /working days? left|hours? left/,
    timeline: ['Filed', 'Assignment', 'Document rejected', 'Document verified', 'Documents verified complete'],
    noClaims: 'No claims in your cities yet.',
    notFound: 'Not found',
  },
} as const;

/** A second Metro participant: 18.72.01, born 2 March 1975, a man, serial 0002. */
const ANDI = { ...SITI, nik: '1872010203750002', fullName: 'Andi Pratama', birthDate: '1975-03-02', sex: 'M', motherMaidenName: 'Rahmawati', occupationGroup: 'RT_RW_HEAD' };
/** A third: 18.72.01, born 15 May 1980, a man, serial 0003 (the case a supervisor assigns). */
const RUDI = { ...SITI, nik: '1872011505800003', fullName: 'Rudi Hartono', birthDate: '1980-05-15', sex: 'M', motherMaidenName: 'Sumarni', occupationGroup: 'RT_RW_HEAD' };
let rudi: { id: string };

beforeAll(async () => {
  running = await startConsoleStack('console_caseworker', () => ({ LINDUNG_CONSOLE_DEV_SIGNIN: '1' }), logs);
  consoleUrl = running.consoleUrl;
  const { mouId } = await metroWithActiveMou(running.gateway);
  await enrol(running.gateway, mouId, SITI);
  await enrol(running.gateway, mouId, ANDI);
  rudi = await enrol(running.gateway, mouId, RUDI);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

async function waitForStatus(page: Page, status: string): Promise<void> {
  await page.waitForFunction((wanted) => document.querySelector('[data-testid="claim-status"]')?.textContent?.trim() === wanted, status, { timeout: 30_000 });
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
}

describe.each([
  ['id', SITI],
  ['en', ANDI],
] as const)('a caseworker takes a JKM claim from the inbox to PAID, a supervisor approving (%s)', (lang, person) => {
  const text = TEXT[lang];
  let claimUrl: string;
  let number: string;

  it('is filed at the counter, then taken from the inbox by another caseworker', async () => {
    const counter = await newPerson(browser.browser, consoleUrl, lang);
    await signIn(counter.page, text.signIn, { role: text.roles.caseworker, city: text.metro, name: `caseworker.ani-${lang}` });
    await counter.page.getByRole('textbox', { name: text.nik }).fill(person.nik);
    await counter.page.getByRole('textbox', { name: text.heir }).fill('Budi Santoso');
    await counter.page.getByRole('button', { name: text.file, exact: true }).click();
    await counter.page.waitForURL(/\/console\/claims\/[0-9a-f-]{36}$/);
    claimUrl = counter.page.url();
    await waitForStatus(counter.page, text.status.AWAITING_VERIFICATION);
    number = ((await counter.page.getByRole('heading', { level: 2 }).textContent()) ?? '').replace(/^\S+ /, '').trim();
    expect(number).toMatch(/^JKM\/\d{4}\/\d{6}$/);
    await counter.context.close();

    const { context, page } = await newPerson(browser.browser, consoleUrl, lang);
    await signIn(page, text.signIn, { role: text.roles.caseworker, city: text.metro, name: `caseworker.dian-${lang}` });
    await choose(page, text.assignee, text.unassigned);
    await page.waitForURL(/[?&]assignee=none/); // the filter is in the address
    const row = page.locator(`[data-claim="${number}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(person.fullName);
    await row.getByRole('button', { name: `${text.take}: ${number}`, exact: true }).click();
    // Taken: it leaves the "not taken" view; under "my cases" it is mine.
    await row.waitFor({ state: 'detached' });
    await page.goto(`${consoleUrl}claims?assignee=me`);
    await row.getByText(text.yours, { exact: true }).waitFor();
    if (lang === 'id') await expectAccessible(page, 'inbox');
    await context.close();
  }, 120_000);

  it('gets its documents marked (one rejected with a reason first), the heir’s account and verification, by the caseworker who took it', async () => {
    const { context, page } = await newPerson(browser.browser, consoleUrl, lang);
    await signIn(page, text.signIn, { role: text.roles.caseworker, city: text.metro, name: `caseworker.dian-${lang}` });
    await page.getByRole('link', { name: number, exact: true }).click();
    await waitForStatus(page, text.status.AWAITING_VERIFICATION);
    expect(await page.getByTestId('benefit-total').textContent()).toBe('Rp 42.000.000');
    expect(await page.getByTestId('rule-version').textContent()).toContain('JKM/');
    // Verification is not offered yet, and the page says why.
    expect(await page.getByRole('button', { name: text.verify, exact: true }).count()).toBe(0);
    expect(await page.getByTestId('not-offered').textContent()).toContain(text.incomplete);

    const required = await page
      .locator('[data-document]')
      .evaluateAll((rows, word) => rows.filter((r) => r.textContent?.includes(word)).map((r) => r.getAttribute('data-document')!), text.required);
    expect(required).toContain('DEATH_CERTIFICATE');
    const receive = async (type: string) => {
      const row = page.locator(`[data-document="${type}"]`);
      await row.getByRole('button', { name: new RegExp(`^${text.receive}: `) }).click();
      // The scan itself, chosen in the file picker: the gateway streams it to the claims service.
      const scan = Buffer.from(`%PDF-1.4\n% ${number} ${type}\n%%EOF\n`);
      await page.locator('form input[type="file"]').setInputFiles({ name: `${type.toLowerCase()}.pdf`, mimeType: 'application/pdf', buffer: scan });
      await page.getByRole('button', { name: text.saveReceived, exact: true }).click();
      await row.getByText(text.states.RECEIVED, { exact: true }).waitFor();
    };
    // The death certificate is illegible the first time: rejected with what the heir must bring.
    await receive('DEATH_CERTIFICATE');
    const certificate = page.locator('[data-document="DEATH_CERTIFICATE"]');
    // What was stored is the scan, byte for byte: opened again through the gateway.
    const [stored] = await Promise.all([page.waitForEvent('download'), certificate.getByRole('button', { name: new RegExp(`^${text.openFile}: `) }).click()]);
    const storedBytes = await readFile((await stored.path())!);
    expect(createHash('sha256').update(storedBytes).digest('hex')).toBe(createHash('sha256').update(`%PDF-1.4\n% ${number} DEATH_CERTIFICATE\n%%EOF\n`).digest('hex'));
    await certificate.getByRole('button', { name: new RegExp(`^${text.rejectDoc}: `) }).click();
    await page.getByRole('textbox', { name: text.rejectReason }).fill('Akta buram; bawa salinan yang dilegalisasi.');
    await page.getByRole('button', { name: text.saveRejected, exact: true }).click();
    await certificate.getByText('Akta buram; bawa salinan yang dilegalisasi.', { exact: false }).waitFor();
    for (const type of required) {
      await receive(type);
      const row = page.locator(`[data-document="${type}"]`);
      await row.getByRole('button', { name: new RegExp(`^${text.verifyDoc}: `) }).click();
      await row.getByText(text.states.VERIFIED, { exact: true }).waitFor();
    }

    // The heir's account from the savings book; shown masked.
    await page.getByRole('button', { name: `${text.enterAccount}: Budi Santoso`, exact: true }).click();
    await choose(page, text.bank, '009 BNI');
    await page.getByRole('textbox', { name: text.accountNumber }).fill('0123456789');
    await page.getByRole('button', { name: text.saveAccount, exact: true }).click();
    await page.getByTestId('heir-account').filter({ hasText: '••••••6789' }).waitFor();
    expect(await page.getByTestId('heir-account').textContent()).not.toContain('0123456789');

    await page.getByRole('button', { name: text.verify, exact: true }).click();
    await waitForStatus(page, text.status.AWAITING_APPROVAL);
    // No dead button: approval is not offered, and the page says why (four eyes, and the supervisor threshold).
    expect(await page.getByRole('button', { name: text.approve }).count()).toBe(0);
    const why = (await page.getByTestId('not-offered').textContent()) ?? '';
    expect(why).toContain(text.fourEyes);
    expect(why).toContain(text.threshold);
    // The payment clock runs: working days (or hours) left.
    expect(await page.getByTestId('sla').first().textContent()).toMatch(text.slaLeft);
    const timeline = (await page.getByTestId('timeline').textContent()) ?? '';
    for (const event of text.timeline) expect(timeline).toContain(event);
    expect(timeline).toContain(`caseworker.dian-${lang}`);
    if (lang === 'id') {
      await page.evaluate(() => window.scrollTo(0, 0)); // the fixed header would cover the title in a full-page shot
      await expectAccessible(page, 'claim');
      await screenshot(page, 'claim-four-eyes');
    }
    await context.close();
  }, 180_000);

  it('is approved by a supervisor from the inbox and paid Rp 42.000.000', async () => {
    const { context, page } = await newPerson(browser.browser, consoleUrl, lang);
    await signIn(page, text.signIn, { role: text.roles.supervisor, city: text.metro, name: `supervisor.citra-${lang}` });
    await choose(page, text.statusFilter, text.status.AWAITING_APPROVAL);
    await page.waitForURL(/[?&]status=AWAITING_APPROVAL/);
    await page.locator(`[data-claim="${number}"]`).getByRole('link', { name: number }).click();
    await waitForStatus(page, text.status.AWAITING_APPROVAL);
    await page.getByRole('button', { name: text.approve, exact: true }).click();
    await waitForStatus(page, text.status.PAID);
    expect(await page.getByTestId('payouts').textContent()).toContain('Rp 42.000.000');
    if (lang === 'id') await screenshot(page, 'claim-paid');
    expect(page.url()).toBe(claimUrl);
    await context.close();
  });
});

describe('a supervisor assigns a case to a caseworker, moves it to another and takes it off everyone’s list', () => {
  let claimId: string;
  let number: string;

  beforeAll(async () => {
    // Filed through the API: the counter's form is the first journey's.
    ({ id: claimId, number } = (await mustQuery(running.gateway, op('SubmitClaim'), { input: jkmClaim(rudi.id) }, ACTORS.caseworker)).submitClaim);
  });

  it('is assigned from the inbox by name, and the caseworker finds it under my cases (id)', async () => {
    const supervisor = await newPerson(browser.browser, consoleUrl, 'id');
    await signIn(supervisor.page, TEXT.id.signIn, { role: TEXT.id.roles.supervisor, city: TEXT.id.metro, name: 'supervisor.citra-assign' });
    await supervisor.page.goto(`${consoleUrl}claims?assignee=none`);
    const row = supervisor.page.locator(`[data-claim="${number}"]`);
    await row.waitFor();
    // A supervisor does not take cases; they assign them.
    expect(await row.getByRole('button', { name: `${TEXT.id.take}: ${number}` }).count()).toBe(0);
    await row.getByRole('button', { name: `Tugaskan ${number} ke petugas`, exact: true }).click();
    const form = supervisor.page.getByRole('form', { name: `Tugaskan ${number} ke petugas` });
    await form.getByRole('button', { name: 'Tugaskan', exact: true }).click();
    await form.getByText('Isi nama pengguna petugas.').waitFor(); // nothing sent without a name
    await form.getByLabel('Nama pengguna petugas').fill('caseworker.eka');
    await screenshot(supervisor.page, 'inbox-assign');
    expect(await seriousViolations(supervisor.page), 'axe on the assign form').toEqual([]);
    await form.getByRole('button', { name: 'Tugaskan', exact: true }).click();
    await row.waitFor({ state: 'detached' }); // no longer in "not taken"
    await supervisor.page.goto(`${consoleUrl}claims?assignee=caseworker.eka`);
    await row.getByText('caseworker.eka', { exact: true }).waitFor();
    await supervisor.context.close();

    const caseworker = await newPerson(browser.browser, consoleUrl, 'id');
    await signIn(caseworker.page, TEXT.id.signIn, { role: TEXT.id.roles.caseworker, city: TEXT.id.metro, name: 'caseworker.eka' });
    await caseworker.page.goto(`${consoleUrl}claims?assignee=me`);
    const mine = caseworker.page.locator(`[data-claim="${number}"]`);
    await mine.getByText(TEXT.id.yours, { exact: true }).waitFor();
    expect(await mine.getByRole('button').count()).toBe(0); // neither take nor assign
    await caseworker.context.close();
  }, 120_000);

  it('is moved to another caseworker on the claim page, then unassigned and taken by a caseworker (en)', async () => {
    const { context, page } = await newPerson(browser.browser, consoleUrl, 'en');
    await signIn(page, TEXT.en.signIn, { role: TEXT.en.roles.supervisor, city: TEXT.en.metro, name: 'supervisor.citra-assign' });
    await page.goto(`${consoleUrl}claims/${claimId}`);
    await page.getByTestId('assignee').filter({ hasText: 'caseworker.eka' }).waitFor();
    await page.getByRole('button', { name: `Assign ${number} to a caseworker`, exact: true }).click();
    const form = page.getByRole('form', { name: `Assign ${number} to a caseworker` });
    await form.getByText('Now with caseworker.eka.').waitFor();
    await form.getByLabel('Caseworker’s user name').fill('caseworker.fajar');
    await form.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.getByTestId('assignee').filter({ hasText: 'caseworker.fajar' }).waitFor();
    expect(await page.getByTestId('timeline').textContent()).toContain('assigned to caseworker.fajar');

    await page.getByRole('button', { name: `Assign ${number} to a caseworker`, exact: true }).click();
    await page
      .getByRole('form', { name: `Assign ${number} to a caseworker` })
      .getByRole('button', { name: 'Unassign', exact: true })
      .click();
    await page.getByTestId('assignee').filter({ hasText: 'Nobody yet' }).waitFor();
    expect(await page.getByTestId('timeline').textContent()).toContain('unassigned');
    await context.close();

    const caseworker = await newPerson(browser.browser, consoleUrl, 'en');
    await signIn(caseworker.page, TEXT.en.signIn, { role: TEXT.en.roles.caseworker, city: TEXT.en.metro, name: 'caseworker.gita' });
    await caseworker.page.goto(`${consoleUrl}claims/${claimId}`);
    await caseworker.page.getByTestId('assignee').filter({ hasText: 'Nobody yet' }).waitFor();
    expect(await caseworker.page.getByRole('button', { name: `Assign ${number} to a caseworker` }).count()).toBe(0);
    await caseworker.page.getByRole('button', { name: TEXT.en.take, exact: true }).click();
    await caseworker.page.getByTestId('assignee').filter({ hasText: TEXT.en.yours }).waitFor();
    await caseworker.context.close();
  }, 120_000);
});

describe('who may open the caseworker pages', () => {
  it('opens neither the inbox nor a claim for a partner token (en)', async () => {
    const { context, page } = await newPerson(browser.browser, consoleUrl, 'en');
    await signIn(page, TEXT.en.signIn, { role: TEXT.en.roles.partner, city: TEXT.en.metro, name: 'metro-dashboard' });
    await page.getByTestId('forbidden').waitFor();
    for (const path of ['claims', 'claims?assignee=none', `claims/${randomUUID()}`]) {
      await page.goto(`${consoleUrl}${path}`);
      await page.getByTestId('forbidden').waitFor();
      expect(await page.getByTestId('claims').count()).toBe(0);
    }
    expect(await page.getByRole('link', { name: 'Claims' }).count()).toBe(0);
    await context.close();
  });

  it('shows a Sorong caseworker no Metro claim, in the inbox or by its address (id)', async () => {
    const metro = await newPerson(browser.browser, consoleUrl, 'id');
    await signIn(metro.page, TEXT.id.signIn, { role: TEXT.id.roles.caseworker, city: TEXT.id.metro, name: 'caseworker.metro' });
    const link = metro.page.getByTestId('claims').getByRole('link').first();
    await link.waitFor();
    const metroClaim = await link.getAttribute('href');
    await metro.context.close();
    expect(metroClaim).toMatch(/\/claims\/[0-9a-f-]{36}$/);

    const sorong = await newPerson(browser.browser, consoleUrl, 'id');
    await signIn(sorong.page, TEXT.id.signIn, { role: TEXT.id.roles.caseworker, city: TEXT.id.sorong, name: 'caseworker.sorong' });
    await sorong.page.getByText(TEXT.id.noClaims).waitFor();
    await sorong.page.goto(`${consoleUrl}${metroClaim!.replace(/^\/console\//, '')}`);
    await sorong.page.getByText(TEXT.id.notFound).waitFor();
    expect(await sorong.page.getByText('Siti Aminah').count()).toBe(0);
    await sorong.context.close();
  });
});
