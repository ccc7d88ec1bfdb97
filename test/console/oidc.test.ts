import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JWTPayload } from 'jose';
import type { Page } from 'playwright-core';
import { startOidcProvider, type OidcProvider } from '../fixtures/oidc-provider.js';
import { launchBrowser, newPerson, type TestBrowser } from './browser.js';
import { startConsoleStack, type ConsoleStack } from './stack.js';

// The console's OpenID Connect sign-in against an identity provider the gateway trusts (our own
// minimal one, test/fixtures/oidc-provider.ts): the stack runs with LINDUNG_JWKS_URL and the OIDC
// settings and without development sign-in, and people sign in by clicking through the provider.
const CLIENT_ID = 'lindung-console';
let running: ConsoleStack;
let provider: OidcProvider;
let gateway: string;
let consoleUrl: string;
let browser: TestBrowser;
const logs: string[] = [];

beforeAll(async () => {
  running = await startConsoleStack(
    'console_oidc',
    async (ports) => {
      provider = await startOidcProvider({ clientId: CLIENT_ID, redirectUri: `http://127.0.0.1:${ports.gateway}/console/oidc/callback` });
      return {
        // As a deployment would: the provider's keys and issuer; the launcher's dev sign-in stays off.
        LINDUNG_JWKS_URL: provider.jwksUrl,
        LINDUNG_JWT_ISSUER: provider.issuer,
        LINDUNG_OIDC_ISSUER: provider.issuer,
        LINDUNG_OIDC_CLIENT_ID: CLIENT_ID,
        LINDUNG_OIDC_SCOPE: 'openid profile',
        LINDUNG_CONSOLE_DEV_SIGNIN: '1', // asked for, but refused because the gateway trusts a JWKS
      };
    },
    logs,
  );
  ({ gateway, consoleUrl } = running);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await provider?.stop();
});

/** The HTTP status and first error code of a GraphQL call to the gateway with `token`. */
async function callWith(token: string): Promise<{ status: number; code: string | undefined }> {
  const response = await fetch(gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ municipalities { code } }' }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, code: body.errors?.[0]?.extensions?.code };
}

/** Clicks the provider's sign-in button; fails with the console's message when sign-in is refused. */
async function signInThroughProvider(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign in with the identity provider' }).click();
  const failed = page.getByText(/^Sign-in failed/);
  await page.getByTestId('signed-in').or(failed).waitFor();
  if (await failed.isVisible()) throw new Error(await failed.innerText());
}

const MANAGER: JWTPayload = { sub: 'manager.rina', roles: ['manager'], cities: ['*'] };

describe('OpenID Connect sign-in against the identity provider the gateway trusts', () => {
  it('a manager signs in by clicking, lands on the MoU deadlines, calls GraphQL with the provider’s token and signs out', async () => {
    provider.signInAs({ sub: 'manager.rina', roles: ['manager'], cities: ['*'] });
    const { context, page } = await newPerson(browser.browser, consoleUrl, 'en');
    const bearers: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql')) bearers.push(request.headers()['authorization'] ?? '');
    });

    await signInThroughProvider(page);
    expect(await page.getByRole('button', { name: 'Sign in', exact: true }).count(), 'no development sign-in form').toBe(0);
    expect(await page.getByTestId('signed-in').textContent()).toContain('manager.rina (Manager)');
    await page.getByRole('heading', { name: 'MoUs by deadline' }).waitFor();
    await page.getByText('No MoU ends within 90 days').waitFor(); // the deadlines query answered with the token
    expect(new URL(page.url()).pathname).toBe('/console/mous');

    expect(provider.issued).toHaveLength(1);
    expect(bearers.length).toBeGreaterThan(0);
    expect(new Set(bearers)).toEqual(new Set([`Bearer ${provider.issued[0]}`]));

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in with the identity provider' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in with the identity provider' }).waitFor(); // the session is gone, not just hidden
    await context.close();
  });

  it('a caseworker of one city signs in and lands on the claim inbox', async () => {
    provider.signInAs({ sub: 'caseworker.budi', roles: ['caseworker'], cities: ['18.72'] });
    const { context, page } = await newPerson(browser.browser, consoleUrl, 'en');
    await signInThroughProvider(page);
    expect(await page.getByTestId('signed-in').textContent()).toContain('caseworker.budi (Caseworker) · 18.72');
    await page.getByRole('heading', { name: 'Claim inbox' }).waitFor();
    await page.getByText('No claims in your cities yet.').waitFor();
    await context.close();
  });

  it('the provider refuses a used code and a wrong verifier, so the journey above could not pass by luck', async () => {
    provider.signInAs({ sub: 'manager.rina', roles: ['manager'], cities: ['*'] });
    const verifier = 'v'.repeat(50);
    const challenge = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))).toString('base64url');
    const redirectUri = `${consoleUrl}oidc/callback`;
    const authorize = async (method = 'S256') => {
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: CLIENT_ID,
        redirect_uri: redirectUri,
        scope: 'openid',
        state: 's',
        code_challenge: challenge,
        code_challenge_method: method,
      });
      return fetch(`${provider.issuer}/authorize?${query}`, { redirect: 'manual' });
    };
    expect((await authorize('plain')).status).toBe(400);
    const code = new URL((await authorize()).headers.get('location')!).searchParams.get('code')!;
    const exchange = (codeVerifier: string, which = code) =>
      fetch(`${provider.issuer}/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'authorization_code', code: which, redirect_uri: redirectUri, client_id: CLIENT_ID, code_verifier: codeVerifier }),
      });
    expect((await exchange(verifier)).status).toBe(200);
    expect((await exchange(verifier)).status, 'a code is single-use').toBe(400);
    const second = new URL((await authorize()).headers.get('location')!).searchParams.get('code')!;
    expect((await exchange('w'.repeat(50), second)).status, 'the verifier must match the challenge').toBe(400);
  });

  it('the gateway accepts the provider’s token and refuses one from another key or for another audience', async () => {
    expect(await callWith(await provider.sign(MANAGER))).toEqual({ status: 200, code: undefined });
    expect(await callWith(await provider.signWithStrangerKey(MANAGER))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await callWith(await provider.sign({ ...MANAGER, aud: 'another-app' }))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await callWith(await provider.sign({ ...MANAGER, iss: 'https://elsewhere.example' }))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('offers no development sign-in: config says so and the dev-token endpoint answers 404', async () => {
    const config = (await (await fetch(`${consoleUrl}config.json`)).json()) as { devSignIn: boolean; oidc: unknown };
    expect(config).toMatchObject({ devSignIn: false, oidc: { issuer: provider.issuer, clientId: CLIENT_ID, scope: 'openid profile' } });
    const response = await fetch(`${consoleUrl}dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'admin', cities: 'ALL', name: 'mallory' }),
    });
    expect(response.status).toBe(404);
  });
});
