import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES, isRole, type Role } from '../../../domain/access.js';
import { DEFAULT_SUPERVISOR_THRESHOLD } from '../../../domain/claims/approval.js';
import { issueDevToken, type Identity } from '../../kit/src/identity.js';

/** Where `npm run build -w console` writes the web console. */
export const CONSOLE_DIST = fileURLToPath(new URL('../../../console/dist/', import.meta.url));
export const CONSOLE_PATH = '/console';
/** The launcher sets it (=1) only when the stack runs on its generated development keys. */
export const DEV_SIGNIN_ENV = 'LINDUNG_CONSOLE_DEV_SIGNIN';

export interface ConsoleOptions {
  /** Signs development tokens; present only when dev sign-in is on. */
  devTokenSecret: string | null;
  /** OpenID Connect settings the console's sign-in page uses (issuer and public client id). */
  oidc: { issuer: string; clientId: string; scope: string } | null;
  supervisorThreshold: string;
  dist?: string;
}

/**
 * Reads the console settings from the environment. The development token endpoint is on only when
 * every one of these holds: the launcher asked for it (LINDUNG_CONSOLE_DEV_SIGNIN=1, which `npm start`
 * sets only when the JWT key is the one it generated in .data/secrets.json), the gateway verifies
 * tokens with that HS256 key (no LINDUNG_JWKS_URL), and LINDUNG_ENV is not production.
 */
export function readConsoleOptions(secrets: { jwtSecret: string | null; jwksUrl: string | null }, production: boolean, env: NodeJS.ProcessEnv = process.env): ConsoleOptions {
  const devSignIn = env[DEV_SIGNIN_ENV] === '1' && !production && !secrets.jwksUrl && !!secrets.jwtSecret;
  const issuer = env['LINDUNG_OIDC_ISSUER'];
  const clientId = env['LINDUNG_OIDC_CLIENT_ID'];
  return {
    devTokenSecret: devSignIn ? secrets.jwtSecret : null,
    oidc: issuer && clientId ? { issuer, clientId, scope: env['LINDUNG_OIDC_SCOPE'] || 'openid profile' } : null,
    supervisorThreshold: env['LINDUNG_SUPERVISOR_THRESHOLD'] || DEFAULT_SUPERVISOR_THRESHOLD.toString(),
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const CITY = /^\d{2}\.\d{2}$/;
const SUBJECT = /^[A-Za-z0-9._@-]{1,64}$/;

/**
 * Serves the built console under /console (index.html for every route of the single-page app),
 * its settings at /console/config.json and, in development only, POST /console/dev-token.
 * Answers true when it handled the request; everything else goes to GraphQL.
 */
export function consoleHandler(options: ConsoleOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const dist = options.dist ?? CONSOLE_DIST;
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/' || path === '') return redirect(res, `${CONSOLE_PATH}/`);
    if (path !== CONSOLE_PATH && !path.startsWith(`${CONSOLE_PATH}/`)) return false;
    if (path === `${CONSOLE_PATH}/config.json`) {
      send(
        res,
        200,
        TYPES['.json']!,
        JSON.stringify({ devSignIn: options.devTokenSecret !== null, oidc: options.oidc, supervisorThreshold: options.supervisorThreshold, roles: ROLES }),
      );
      return true;
    }
    if (path === `${CONSOLE_PATH}/dev-token`) {
      void devToken(req, res, options.devTokenSecret);
      return true;
    }
    void serveFile(res, dist, path.slice(CONSOLE_PATH.length));
    return true;
  };
}

async function serveFile(res: ServerResponse, dist: string, relative: string): Promise<void> {
  const wanted = normalize(join(dist, decodeURIComponent(relative)));
  const inside = wanted.startsWith(dist.endsWith(sep) ? dist : dist + sep);
  let file = inside ? wanted : join(dist, 'index.html');
  try {
    if (!(await stat(file)).isFile()) file = join(dist, 'index.html');
  } catch {
    file = join(dist, 'index.html'); // a client-side route
  }
  try {
    const body = await readFile(file);
    const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': cache, 'x-content-type-options': 'nosniff' });
    res.end(body);
  } catch {
    send(res, 503, 'text/plain; charset=utf-8', 'The console is not built: run `npm run build -w console` (npm start does it for you).');
  }
}

async function devToken(req: IncomingMessage, res: ServerResponse, secret: string | null): Promise<void> {
  if (secret === null) return send(res, 404, TYPES['.json']!, JSON.stringify({ error: 'Development sign-in is off: sign in with your identity provider.' }));
  // JSON only: a plain HTML form on another site cannot send it without a CORS preflight.
  if (req.method !== 'POST' || !(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return send(res, 405, TYPES['.json']!, JSON.stringify({ error: 'POST a JSON body { role, cities, name }.' }));
  }
  let body: { role?: unknown; cities?: unknown; name?: unknown };
  try {
    body = JSON.parse(await readBody(req, 4096)) as typeof body;
  } catch {
    return send(res, 400, TYPES['.json']!, JSON.stringify({ error: 'The body is not JSON.' }));
  }
  const { role, cities, name } = body;
  if (!isRole(role)) return send(res, 400, TYPES['.json']!, JSON.stringify({ error: `role must be one of ${ROLES.join(', ')}` }));
  const scope = cities === 'ALL' ? 'ALL' : Array.isArray(cities) && cities.length > 0 && cities.every((c) => typeof c === 'string' && CITY.test(c)) ? (cities as string[]) : null;
  if (scope === null) return send(res, 400, TYPES['.json']!, JSON.stringify({ error: 'cities must be "ALL" or region codes like ["18.72"]' }));
  if (typeof name !== 'string' || !SUBJECT.test(name)) return send(res, 400, TYPES['.json']!, JSON.stringify({ error: 'name: 1 to 64 letters, digits, dots, dashes or @' }));
  const identity: Identity = { subject: name, roles: [role as Role], cities: scope, clientId: role === 'partner' ? `console.${name}` : null };
  send(res, 200, TYPES['.json']!, JSON.stringify({ token: await issueDevToken(identity, secret, '12h') }));
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) reject(new Error('too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function redirect(res: ServerResponse, location: string): true {
  res.writeHead(302, { location });
  res.end();
  return true;
}
