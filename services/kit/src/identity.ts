import { SignJWT } from 'jose';
import { signHs256, verifyHs256 } from './hs256.js';
import { isRole, type CityScope, type Role } from '../../../domain/access.js';

/** Who is acting, as the gateway established it from the user's token. */
export interface Identity {
  subject: string;
  roles: Role[];
  cities: CityScope;
  /** The partner app or client the token was issued to, for rate limits and the audit log. */
  clientId: string | null;
}

/** Header carrying the gateway-signed identity to the subgraphs. */
export const IDENTITY_HEADER = 'x-lindung-identity';
const AUDIENCE = 'lindung-subgraphs';
const ISSUER = 'lindung-gateway';
/** Short-lived: a captured header is useless a minute later. */
export const IDENTITY_TTL_SECONDS = 60;

const keys = new Map<string, Uint8Array>();
function keyOf(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    if (secret.length < 32) throw new Error('The internal signing secret must be at least 32 characters.');
    key = new TextEncoder().encode(secret);
    keys.set(secret, key);
  }
  return key;
}

/** Signs an identity for one request from the gateway to the subgraphs (HS256). */
export async function signIdentity(identity: Identity, secret: string, requestId: string): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return signHs256(
    {
      roles: identity.roles,
      cities: identity.cities,
      client: identity.clientId,
      rid: requestId,
      sub: identity.subject,
      iss: ISSUER,
      aud: AUDIENCE,
      iat,
      exp: iat + IDENTITY_TTL_SECONDS,
    },
    keyOf(secret),
  );
}

/** Verifies a gateway-signed identity; null when absent, forged, expired or malformed. */
export async function verifyIdentity(token: string | undefined, secret: string): Promise<(Identity & { requestId: string | null }) | null> {
  if (!token) return null;
  const payload = verifyHs256(token, keyOf(secret), { issuer: ISSUER, audience: AUDIENCE });
  return payload ? parseIdentityClaims(payload) : null;
}

/** Reads roles, cities and client from JWT claims; also used by the gateway on user tokens. */
export function parseIdentityClaims(payload: Record<string, unknown>): (Identity & { requestId: string | null }) | null {
  const subject = payload['sub'];
  const roles = payload['roles'];
  const cities = payload['cities'];
  if (typeof subject !== 'string' || !subject) return null;
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) return null;
  const scope = parseCities(cities);
  if (!scope) return null;
  const client = payload['client'];
  const rid = payload['rid'];
  return { subject, roles, cities: scope, clientId: typeof client === 'string' ? client : null, requestId: typeof rid === 'string' ? rid : null };
}

function parseCities(value: unknown): CityScope | null {
  if (value === 'ALL' || (Array.isArray(value) && value.length === 1 && value[0] === '*')) return 'ALL';
  if (Array.isArray(value) && value.every((c) => typeof c === 'string' && /^\d{2}\.\d{2}$/.test(c))) return value as string[];
  return null;
}

/** Audience of user tokens (from the identity provider, or `npm run tokens` in development). */
export const USER_TOKEN_AUDIENCE = 'lindung';

/** A development user token (HS256), as an identity provider would issue for this person. */
export async function issueDevToken(identity: Identity, secret: string, ttl = '12h'): Promise<string> {
  return new SignJWT({ roles: identity.roles, cities: identity.cities === 'ALL' ? ['*'] : identity.cities, client: identity.clientId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject)
    .setIssuer('lindung-dev')
    .setAudience(USER_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(keyOf(secret));
}
