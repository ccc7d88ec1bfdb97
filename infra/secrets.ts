import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSecretEnv, SECRET_ENV } from '../services/kit/src/secrets.js';
import { dataRoot } from './paths.js';

export const SECRETS_FILE = () => join(dataRoot(), 'secrets.json');

/**
 * Development secrets for `npm start`: generated once into .data/secrets.json (readable by the
 * owner only) and reused, so tokens and encrypted data survive a restart. Variables already set
 * in the environment win, which is how production supplies its own.
 */
export async function loadDevSecrets(): Promise<Record<string, string>> {
  const file = SECRETS_FILE();
  let stored: Record<string, string>;
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
  } catch {
    stored = generateSecretEnv();
    await mkdir(dataRoot(), { recursive: true });
    await writeFile(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
  }
  const merged: Record<string, string> = {};
  for (const name of Object.values(SECRET_ENV)) {
    const value = process.env[name] || stored[name];
    if (value) merged[name] = value;
  }
  return merged;
}
