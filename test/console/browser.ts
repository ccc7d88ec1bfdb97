// Playwright (playwright-core) on Debian's Chromium, for the console journeys.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureChromium } from '../../infra/chromium.js';

/** Every main page's screenshot from the last run (git-ignored). */
export const SCREENSHOTS = fileURLToPath(new URL('../../console/screenshots/', import.meta.url));

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  const executablePath = ensureChromium();
  // Playwright gives a non-persistent launch a fresh temporary profile (--user-data-dir) of its own and
  // deletes it on close (it refuses the flag from us); these flags keep Chromium from calling home or
  // needing a GPU or a sandbox.
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** A new person at a laptop-sized screen, with the console in `language`. */
export async function newPerson(browser: Browser, consoleUrl: string, language: 'id' | 'en'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: language === 'id' ? 'id-ID' : 'en-GB' });
  await context.addInitScript((lang) => localStorage.setItem('lindung.language', lang), language);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(consoleUrl);
  return { context, page };
}

/** Picks an option of a Mantine select by its label, with the keyboard-usable combobox. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The development sign-in page: role, city and name, as a person would fill it in. */
export async function signIn(page: Page, labels: { role: string; city: string; name: string; submit: string }, who: { role: string; city: string; name: string }): Promise<void> {
  await choose(page, labels.role, who.role);
  await choose(page, labels.city, who.city);
  await page.getByRole('textbox', { name: labels.name }).fill(who.name);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.getByTestId('signed-in').waitFor();
}

/** axe-core (through @axe-core/playwright) on the page as it is; answers the serious and critical violations (WCAG 2 A/AA rules). */
export async function seriousViolations(page: Page): Promise<{ id: string; help: string; targets: string[] }[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
