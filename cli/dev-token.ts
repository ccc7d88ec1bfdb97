import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { issueDevToken } from '../services/kit/src/identity.js';
import { SECRET_ENV } from '../services/kit/src/secrets.js';
import { dataRoot } from '../infra/paths.js';

/**
 * A development token for a city operator of `regionCode`, signed like `npm run tokens` does
 * (LINDUNG_JWT_SECRET, else the key `npm start` wrote to .data/secrets.json). Production
 * operators pass the token their identity provider issued (--token or LINDUNG_TOKEN) instead.
 */
/** `regionCode` '18.72', or 'ALL' for an admin of every city. */
export async function devOperatorToken(regionCode: string): Promise<string> {
  let secret = process.env[SECRET_ENV.jwtSecret];
  if (!secret) {
    const file = join(dataRoot(), 'secrets.json');
    const saved = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Record<string, unknown>;
    const value = saved[SECRET_ENV.jwtSecret];
    if (typeof value !== 'string' || !value) throw new Error(`No token: pass --token (or LINDUNG_TOKEN), or run \`npm start\` once so ${file} holds a development key.`);
    secret = value;
  }
  const cities = regionCode === 'ALL' ? ('ALL' as const) : [regionCode];
  const subject = regionCode === 'ALL' ? 'admin.bpjs' : `operator.${regionCode}`;
  return issueDevToken({ subject, roles: regionCode === 'ALL' ? ['admin'] : ['city_operator'], cities, clientId: 'lindung-cli' }, secret, '2h');
}
