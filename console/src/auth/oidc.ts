// OpenID Connect sign-in (authorization code with PKCE, a public client) against the identity
// provider the gateway trusts: the gateway verifies the access token against the provider's JWKS
// (LINDUNG_JWKS_URL), so the provider must put `aud: lindung`, `roles` and `cities` into it.
export interface OidcSettings {
  issuer: string;
  clientId: string;
  scope: string;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

const PENDING = 'lindung.oidc.pending';

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(length = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(length)));
}

async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`The identity provider answered ${response.status}`);
  return (await response.json()) as Discovery;
}

export function redirectUri(): string {
  return `${location.origin}/console/oidc/callback`;
}

/** Sends the browser to the provider's sign-in page. */
export async function beginOidcSignIn(settings: OidcSettings): Promise<void> {
  const { authorization_endpoint } = await discover(settings.issuer);
  const verifier = random(48);
  const state = random(16);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri(),
    scope: settings.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** On the callback route: exchanges the code for tokens; answers the access token. */
export async function completeOidcSignIn(settings: OidcSettings, query: URLSearchParams): Promise<string> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PENDING);
  if (query.get('error')) throw new Error(query.get('error_description') ?? query.get('error') ?? 'sign-in refused');
  if (!pending || pending.state !== query.get('state')) throw new Error('The sign-in answer does not belong to this browser tab: start again.');
  const { token_endpoint } = await discover(settings.issuer);
  const response = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: query.get('code') ?? '',
      redirect_uri: redirectUri(),
      client_id: settings.clientId,
      code_verifier: pending.verifier,
    }),
  });
  // OAuth errors come as JSON (RFC 6749 §5.2): show the provider's reason, it says what to fix.
  const tokens = (await response.json().catch(() => ({}))) as { access_token?: string; error?: string; error_description?: string };
  if (!response.ok) throw new Error(`The identity provider refused the code (${response.status}${tokens.error ? `: ${tokens.error_description ?? tokens.error}` : ''})`);
  if (!tokens.access_token) throw new Error('The identity provider sent no access token.');
  return tokens.access_token;
}
