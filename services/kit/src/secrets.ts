import { randomBytes } from 'node:crypto';

/** Keys the processes share. Production sets them; `npm start` and tests generate their own. */
export interface Secrets {
  /** Signs the identity the gateway forwards to subgraphs (HS256, ≥ 32 characters). */
  internalSecret: string;
  /** Verifies user tokens (HS256) when no JWKS URL is configured. */
  jwtSecret: string | null;
  /** Verifies user tokens against an identity provider's published keys. */
  jwksUrl: string | null;
  /** AES-256-GCM key for personal data at rest (base64, 32 bytes). */
  dataKey: string;
  /** HMAC key for blind indexes: exact lookup without decrypting (base64, 32 bytes). */
  blindIndexKey: string;
}

export const SECRET_ENV = {
  internalSecret: 'LINDUNG_INTERNAL_SECRET',
  jwtSecret: 'LINDUNG_JWT_SECRET',
  jwksUrl: 'LINDUNG_JWKS_URL',
  dataKey: 'LINDUNG_DATA_KEY',
  blindIndexKey: 'LINDUNG_BLIND_INDEX_KEY',
} as const;

export function readSecrets(env: NodeJS.ProcessEnv = process.env): Secrets {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`Missing secret: set ${name} (npm start generates development values in .data/secrets.json).`);
    return value;
  };
  const secrets: Secrets = {
    internalSecret: required(SECRET_ENV.internalSecret),
    jwtSecret: env[SECRET_ENV.jwtSecret] || null,
    jwksUrl: env[SECRET_ENV.jwksUrl] || null,
    dataKey: required(SECRET_ENV.dataKey),
    blindIndexKey: required(SECRET_ENV.blindIndexKey),
  };
  for (const name of ['dataKey', 'blindIndexKey'] as const) {
    if (Buffer.from(secrets[name], 'base64').length !== 32) throw new Error(`${SECRET_ENV[name]} must be 32 bytes, base64-encoded.`);
  }
  return secrets;
}

/** Fresh random development secrets, as environment variables. */
export function generateSecretEnv(): Record<string, string> {
  return {
    [SECRET_ENV.internalSecret]: randomBytes(32).toString('base64url'),
    [SECRET_ENV.jwtSecret]: randomBytes(32).toString('base64url'),
    [SECRET_ENV.dataKey]: randomBytes(32).toString('base64'),
    [SECRET_ENV.blindIndexKey]: randomBytes(32).toString('base64'),
  };
}
