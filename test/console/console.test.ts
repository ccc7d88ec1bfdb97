import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, todayIn } from '../../domain/calendar.js';
import { startConsoleStack, type ConsoleStack } from './stack.js';
import { mustQuery } from '../harness/graphql.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, enrol, metroWithActiveMou, mouTerms, signBoth, SITI } from '../fixtures/scenario.js';
import { choose, launchBrowser, newPerson, screenshot, seriousViolations, signIn, type TestBrowser } from './browser.js';

// The web console in a real Chromium against the real stack (every process `npm start` runs),
// clicking as people do. Only the setup a console page does not offer yet (MoUs, enrolment) goes
// through the gateway's API directly.
let running: ConsoleStack;
let gateway: string;
let consoleUrl: string;
let browser: TestBrowser;
const logs: string[] = [];

const TEXT = {
  id: {
    signIn: { role: 'Peran', city: 'Kota', name: 'Nama pengguna', submit: 'Masuk' },
    roles: { caseworker: 'Petugas klaim', supervisor: 'Supervisor', manager: 'Manajer', partner: 'Aplikasi mitra', city_operator: 'Operator kota' },
    metro: 'Kota Metro (18.72)',
    sorong: 'Kota Sorong (96.71)',
    all: 'Semua kota',
    nik: 'NIK peserta',
    heir: 'Nama ahli waris',
    file: 'Ajukan klaim',
    verify: 'Verifikasi dokumen',
    approve: 'Setujui pembayaran',
    status: { AWAITING_VERIFICATION: 'Menunggu verifikasi', AWAITING_APPROVAL: 'Menunggu persetujuan', PAID: 'Dibayar', RENEWAL_DUE: 'Perlu perpanjangan' },
    fourEyes: 'empat mata',
    threshold: 'memerlukan persetujuan supervisor',
    noneExpiring: 'Tidak ada MoU yang berakhir dalam 90 hari',
    notifications: 'Notifikasi',
    acknowledge: 'Konfirmasi notifikasi',
    onlyOpen: 'Hanya yang belum dikonfirmasi',
    acknowledgedBy: 'Dikonfirmasi oleh manager.dewi',
  },
  en: {
    signIn: { role: 'Role', city: 'City', name: 'User name', submit: 'Sign in' },
    roles: { caseworker: 'Caseworker', supervisor: 'Supervisor', manager: 'Manager', partner: 'Partner app', city_operator: 'City operator' },
    metro: 'Kota Metro (18.72)',
    sorong: 'Kota Sorong (96.71)',
    all: 'All cities',
    nik: 'Participant NIK',
    heir: 'Heir’s name',
    file: 'File claim',
    verify: 'Verify documents',
    approve: 'Approve payout',
    status: { AWAITING_VERIFICATION: 'Awaiting verification', AWAITING_APPROVAL: 'Awaiting approval', PAID: 'Paid', RENEWAL_DUE: 'Renewal due' },
    fourEyes: 'four eyes',
    threshold: 'need a supervisor’s approval',
    noneExpiring: 'No MoU ends within 90 days',
    notifications: 'Notifications',
    acknowledge: 'Acknowledge notification',
    onlyOpen: 'Only unacknowledged',
    acknowledgedBy: 'Acknowledged by manager.dewi',
  },
} as const;

/** A second Metro participant: 18.72.01, born 2 March 1975, a man, serial 0002. */
const ANDI = { ...SITI, nik: '1872010203750002', fullName: 'Andi Pratama', birthDate: '1975-03-02', sex: 'M', motherMaidenName: 'Rahmawati', occupationGroup: 'RT_RW_HEAD' };

beforeAll(async () => {
  running = await startConsoleStack('console', () => ({ LINDUNG_CONSOLE_DEV_SIGNIN: '1' }), logs);
  ({ gateway, consoleUrl } = running);
  const { mouId } = await metroWithActiveMou(gateway);
  await enrol(gateway, mouId, SITI);
  await enrol(gateway, mouId, ANDI);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

async function expectAccessible(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
}

describe('a manager sees an MoU enter the 90-day window and acknowledges the reminder (id)', () => {
  const text = TEXT.id;

  it('shows the MoU once it is due, with its budget, and the reminder until it is acknowledged', async () => {
    const { context, page } = await newPerson(browser.browser, consoleUrl, 'id');
    await signIn(page, text.signIn, { role: text.roles.manager, city: text.all, name: 'manager.dewi' });
    await choose(page, 'Kota', text.sorong);
    await page.getByText(text.noneExpiring).waitFor();

    // The city and BPJS sign an MoU whose term ends in 60 days: inside the 90-day window at once.
    const today = todayIn('Asia/Jayapura', new Date());
    const { municipalityByCode } = await mustQuery(gateway, op('MunicipalityByCode'), { code: '96.71' }, ACTORS.admin);
    const validFrom = `${Number(today.slice(0, 4)) - 1}-01-01`;
    const validTo = addDays(today, 60);
    const years = [...new Set([Number(validFrom.slice(0, 4)), Number(today.slice(0, 4)), Number(validTo.slice(0, 4))])];
    const input = mouTerms(municipalityByCode.id, validFrom, validTo, {
      quota: 20,
      groups: [{ group: 'RT_RW_HEAD', quota: 20 }],
      budgetLines: years.map((fiscalYear) => ({ fiscalYear, amount: '100000' })),
    });
    const { createMou } = await mustQuery(gateway, op('CreateMou'), { input }, ACTORS.admin);
    expect((await signBoth(gateway, createMou.id, today)).status).toBe('RENEWAL_DUE');
    // Two Sorong workers enrolled, so the budget has commitments to show.
    const sorongOperator = { subject: 'operator.sorong', roles: ['city_operator' as const], cities: ['96.71'], clientId: null };
    for (const person of [
      { ...SITI, nik: '9671014506800003', fullName: 'Maria Kambuaya' },
      { ...ANDI, nik: '9671010203750004', fullName: 'Yohanes Mandacan' },
    ]) {
      await mustQuery(gateway, op('EnrolParticipant'), { input: { mouId: createMou.id, ...person, occupationGroup: 'RT_RW_HEAD' } }, sorongOperator);
    }

    await page.reload();
    await page.getByTestId('signed-in').waitFor();
    await choose(page, 'Kota', text.sorong);
    const row = page.getByTestId('expiring').getByRole('row').filter({ hasText: createMou.number });
    await row.waitFor();
    expect(await row.textContent()).toContain('60');
    await expectAccessible(page, 'mou-deadlines');

    await row.getByRole('link').click();
    await page.getByTestId('budget-lines').waitFor();
    expect(await page.getByTestId('budget-lines').textContent()).toContain('Rp 100.000');
    await page.locator('.recharts-surface').first().waitFor();
    await expectAccessible(page, 'mou-budget');

    await page.getByRole('link', { name: 'Cakupan per kota' }).click();
    await page.getByTestId('coverage').waitFor();
    await expectAccessible(page, 'coverage');

    await page.getByRole('link', { name: text.notifications }).click();
    // The reminder of the offset the MoU is inside now (60 days with offsets 90/60/30/7).
    const anyReminder = page.getByRole('button', { name: new RegExp(`${text.acknowledge}: MoU ${createMou.number.replace(/\//g, '\\/')} expires in \\d+ days`) }).first();
    await anyReminder.waitFor();
    const reminder = page.getByRole('button', { name: (await anyReminder.getAttribute('aria-label'))!, exact: true });
    await expectAccessible(page, 'notifications');
    await reminder.click();
    await reminder.waitFor({ state: 'detached' });
    await page.getByLabel(text.onlyOpen).uncheck();
    await page.getByTestId('acknowledged').filter({ hasText: text.acknowledgedBy }).first().waitFor();

    const { notifications } = await mustQuery(gateway, op('Notifications'), { mouId: createMou.id, first: 50 }, { ...ACTORS.manager, cities: 'ALL' });
    const acknowledged = notifications.filter((n: { kind: string }) => n.kind === 'MOU_RENEWAL_REMINDER').map((n: { acknowledgedBy: string | null }) => n.acknowledgedBy);
    expect(acknowledged).toContain('manager.dewi');

    await page.getByRole('link', { name: 'Log audit' }).click();
    await page.getByTestId('audit').waitFor();
    await expectAccessible(page, 'audit');
    await context.close();
  });
});

describe('who sees what', () => {
  it('shows a city operator the city’s participants, with a name filter and a NIK search (id)', async () => {
    const { context, page } = await newPerson(browser.browser, consoleUrl, 'id');
    await page.getByRole('button', { name: 'Masuk' }).waitFor();
    await expectAccessible(page, 'sign-in');
    await signIn(page, TEXT.id.signIn, { role: TEXT.id.roles.city_operator, city: TEXT.id.metro, name: 'operator.metro' });
    await page.getByRole('link', { name: 'Peserta' }).click();
    const table = page.getByTestId('participants');
    await table.getByText('Siti Aminah').waitFor();
    await expectAccessible(page, 'participants');
    await page.getByRole('textbox', { name: 'Saring nama di halaman ini' }).fill('andi');
    await table.getByText('Andi Pratama').waitFor();
    expect(await table.getByText('Siti Aminah').count()).toBe(0);
    await page.getByRole('textbox', { name: 'Saring nama di halaman ini' }).fill('');
    await page.getByRole('textbox', { name: 'Cari NIK (16 digit)' }).fill(SITI.nik);
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await table.getByText('Siti Aminah').waitFor();
    expect(await table.getByText('Andi Pratama').count()).toBe(0);
    await context.close();
  });

  it('never opens caseworker pages for a partner token (en)', async () => {
    const { context, page } = await newPerson(browser.browser, consoleUrl, 'en');
    await signIn(page, TEXT.en.signIn, { role: TEXT.en.roles.partner, city: TEXT.en.metro, name: 'metro-dashboard' });
    await page.getByTestId('forbidden').waitFor();
    await page.goto(`${consoleUrl}claims`);
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByRole('link', { name: 'Claims' }).count()).toBe(0);
    await context.close();
  });

  it('turns the development sign-in off unless the launcher asked for it', async () => {
    const config = await (await fetch(`${consoleUrl}config.json`)).json();
    expect(config).toMatchObject({ devSignIn: true, oidc: null, supervisorThreshold: '20000000' });
    const refused = await fetch(`${consoleUrl}dev-token`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"role":"admin","cities":"ALL","name":"x"}' });
    expect(refused.status).toBe(405);
  });
});

describe('on a tablet', () => {
  it('fits every page an administrator can open into a portrait tablet screen (768 × 1024), menu and all (id)', async () => {
    const { context, page } = await newPerson(browser.browser, consoleUrl, 'id');
    await page.setViewportSize({ width: 768, height: 1024 });
    await signIn(page, TEXT.id.signIn, { role: 'Administrator', city: TEXT.id.all, name: 'admin.bpjs' });
    const overflowing: string[] = [];
    for (const path of ['mous', 'budget', 'coverage', 'kpis', 'billing', 'notifications', 'claims', 'participants', 'imports', 'audit']) {
      await page.goto(`${consoleUrl}${path}`);
      await page.getByTestId('signed-in').waitFor();
      await page.waitForLoadState('networkidle');
      // Wide tables scroll inside their own region; the page itself must not scroll sideways.
      const wider = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (wider > 1) overflowing.push(`${path}: ${wider} px too wide`);
      expect(await page.getByRole('navigation').first().isVisible(), `menu on ${path}`).toBe(true);
    }
    await screenshot(page, 'tablet-audit');
    expect(overflowing).toEqual([]);
    await context.close();
  });
});
