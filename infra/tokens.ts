// `npm run tokens` (tsx infra/tokens.ts): development user tokens the gateway accepts, one per role.
//   --role caseworker   only that role      --city 18.72,18.71 (or '*')   --sub someone   --client app-id
//   --ttl 12h           lifetime (default 12h)
// The key is LINDUNG_JWT_SECRET, else the one `npm start` generated in .data/secrets.json.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isRole, ROLES, type Role } from '../domain/access.js';
import { issueDevToken, type Identity } from '../services/kit/src/identity.js';
import { SECRET_ENV } from '../services/kit/src/secrets.js';
import { dataRoot } from './paths.js';

const METRO = ['18.72'];
/** Sample people: city roles work in Kota Metro; managers and admins see every city. */
const SAMPLES: Record<Role, Identity> = {
  partner: { subject: 'app.metro-dashboard', roles: ['partner'], cities: METRO, clientId: 'metro-dashboard' },
  city_operator: { subject: 'operator.metro', roles: ['city_operator'], cities: METRO, clientId: null },
  caseworker: { subject: 'caseworker.metro', roles: ['caseworker'], cities: METRO, clientId: null },
  supervisor: { subject: 'supervisor.metro', roles: ['supervisor'], cities: METRO, clientId: null },
  manager: { subject: 'manager.bpjs', roles: ['manager'], cities: 'ALL', clientId: null },
  admin: { subject: 'admin.bpjs', roles: ['admin'], cities: 'ALL', clientId: null },
};

async function jwtSecret(): Promise<string> {
  const fromEnv = process.env[SECRET_ENV.jwtSecret];
  if (fromEnv) return fromEnv;
  const file = join(dataRoot(), 'secrets.json');
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const secret = saved[SECRET_ENV.jwtSecret];
    if (typeof secret === 'string' && secret) return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  throw new Error(`No signing key: set ${SECRET_ENV.jwtSecret}, or run \`npm start\` once so it writes ${file}.`);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 1)); // e.g. piped into head

const { values } = parseArgs({
  options: { role: { type: 'string' }, city: { type: 'string' }, sub: { type: 'string' }, client: { type: 'string' }, ttl: { type: 'string', default: '12h' } },
});
if (values.role !== undefined && !isRole(values.role)) fail(`Unknown role "${values.role}"; one of: ${ROLES.join(', ')}.`);
const cities = values.city === undefined ? undefined : values.city === '*' ? ('ALL' as const) : values.city.split(',').map((code) => code.trim());
if (Array.isArray(cities) && !cities.every((code) => /^\d{2}\.\d{2}$/.test(code))) fail(`--city takes region codes like 18.72 (comma-separated) or '*'.`);
if (process.env[SECRET_ENV.jwksUrl]) process.stderr.write(`Note: ${SECRET_ENV.jwksUrl} is set, so the gateway verifies tokens from your identity provider, not these.\n`);

let secret: string;
try {
  secret = await jwtSecret();
} catch (error) {
  fail((error as Error).message);
}
const roles = values.role !== undefined ? [values.role as Role] : ROLES;
for (const role of roles) {
  const sample = SAMPLES[role];
  const who: Identity = { ...sample, subject: values.sub ?? sample.subject, cities: cities ?? sample.cities, clientId: values.client ?? sample.clientId };
  const token = await issueDevToken(who, secret, values.ttl);
  if (values.role !== undefined) {
    process.stdout.write(`${token}\n`); // just the token, for $(npm run -s tokens -- --role …)
  } else {
    const scope = who.cities === 'ALL' ? 'all cities' : who.cities.join(', ');
    process.stdout.write(`# ${role} (${who.subject}, ${scope}${who.clientId ? `, client ${who.clientId}` : ''})\nAuthorization: Bearer ${token}\n\n`);
  }
}
