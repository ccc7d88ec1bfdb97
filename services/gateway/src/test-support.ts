import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { SignJWT } from 'jose';
import { closeServer } from '../../kit/src/http-server.js';
import { IDENTITY_HEADER, issueDevToken, verifyIdentity, type Identity } from '../../kit/src/identity.js';
import { startGateway, type GatewayOptions, type GatewaySecrets } from './gateway.js';

// Helpers for the gateway tests: a stand-in subgraph that records what reaches it, and tokens.

export interface SeenRequest {
  headers: IncomingHttpHeaders;
  /** The gateway-signed identity, verified as a real subgraph would; null if missing or forged. */
  identity: (Identity & { requestId: string | null }) | null;
  query: string;
}

/** Answers every query with one Kota Metro; enough for the gateway to plan and call it. */
export async function startFakeSubgraph(internalSecret: string, delayMs = 0): Promise<{ url: string; seen: SeenRequest[]; close(): Promise<void> }> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { query?: string };
        const header = req.headers[IDENTITY_HEADER];
        const identity = await verifyIdentity(typeof header === 'string' ? header : undefined, internalSecret);
        seen.push({ headers: req.headers, identity, query: body.query ?? '' });
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: { municipalities: [{ __typename: 'Municipality', id: 'm1', code: '18.72', name: 'Kota Metro' }] } }));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/graphql`, seen, close: () => closeServer(server) };
}

export function testSecrets(): GatewaySecrets & { jwtSecret: string } {
  return { internalSecret: randomBytes(32).toString('base64url'), jwtSecret: randomBytes(32).toString('base64url'), jwksUrl: null };
}

/** A gateway in front of the fake subgraph (all three subgraphs point at it). */
export async function startTestGateway(subgraphUrl: string, secrets: GatewaySecrets, options: Partial<GatewayOptions> = {}) {
  return startGateway({ port: 0, subgraphUrls: { municipalities: subgraphUrl, participants: subgraphUrl, claims: subgraphUrl }, secrets, ...options });
}

export const PARTNER: Identity = { subject: 'app.metro-dashboard', roles: ['partner'], cities: ['18.72'], clientId: 'metro-dashboard' };
export const CASEWORKER: Identity = { subject: 'caseworker.ani', roles: ['caseworker'], cities: ['18.72'], clientId: null };

export function token(who: Identity, secret: string): Promise<string> {
  return issueDevToken(who, secret, '5m');
}

/** A token as issueDevToken makes it, with the claims changed (expired, other audience, no exp, …). */
export function customToken(secret: string, claims: Record<string, unknown>, expiresAt: number | null): Promise<string> {
  const payload = { sub: 'someone', aud: 'lindung', roles: ['caseworker'], cities: ['18.72'], iat: Math.floor(Date.now() / 1000), ...claims };
  const jwt = new SignJWT(payload).setProtectedHeader({ alg: 'HS256' });
  if (expiresAt !== null) jwt.setExpirationTime(expiresAt);
  return jwt.sign(new TextEncoder().encode(secret));
}

export interface Answer {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** POSTs a JSON body (an object, or an array for a batch) with the given bearer token and headers. */
export async function post(url: string, body: unknown, bearer?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': randomUUID(), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

export const codes = (answer: Answer): (string | undefined)[] => (answer.body.errors ?? []).map((error) => error.extensions?.code);
