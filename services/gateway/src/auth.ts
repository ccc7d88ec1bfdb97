import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import type { GraphQLError } from 'graphql';
import { parseIdentityClaims, USER_TOKEN_AUDIENCE, type Identity } from '../../kit/src/identity.js';
import type { Secrets } from '../../kit/src/secrets.js';
import { refusal } from './errors.js';
import { VerifiedTokens } from './token-cache.js';

export type Authenticate = (authorization: string | null) => Promise<Identity>;

/**
 * Verifies the user's bearer token (each distinct token once, then from `verified` until it expires): against the identity provider's published keys when
 * `jwksUrl` is set (RS256/ES256), else HS256 with the shared development secret. The token
 * must be meant for Lindung (audience), carry an expiry, and name valid roles and a city scope.
 * Throws UNAUTHENTICATED (HTTP 401) otherwise.
 */
export function createAuthenticator(secrets: Pick<Secrets, 'jwtSecret' | 'jwksUrl'>, issuer?: string, verified: VerifiedTokens | null = new VerifiedTokens()): Authenticate {
  const options: JWTVerifyOptions = { audience: USER_TOKEN_AUDIENCE, requiredClaims: ['exp'], clockTolerance: 5, ...(issuer ? { issuer } : {}) };
  let verify: (token: string) => Promise<{ payload: JWTPayload }>;
  if (secrets.jwksUrl) {
    const keys = createRemoteJWKSet(new URL(secrets.jwksUrl)); // fetched once, cached, refetched for an unknown key id
    verify = (token) => jwtVerify(token, keys, { ...options, algorithms: ['RS256', 'ES256'] });
  } else if (secrets.jwtSecret) {
    const key = new TextEncoder().encode(secrets.jwtSecret);
    verify = (token) => jwtVerify(token, key, { ...options, algorithms: ['HS256'] });
  } else {
    throw new Error('The gateway needs LINDUNG_JWKS_URL or LINDUNG_JWT_SECRET to verify user tokens.');
  }

  return async (authorization) => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!token) throw unauthenticated('Sign in first: send the header "Authorization: Bearer <token>".');
    const known = verified?.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await verify(token));
    } catch (error) {
      if (error instanceof errors.JWKSTimeout) throw error; // the identity provider is slow: not the caller's fault
      if (error instanceof errors.JWTExpired) throw unauthenticated('Your token has expired: sign in again.');
      if (error instanceof errors.JOSEError) throw unauthenticated('Your token is not valid for Lindung: sign in again.');
      throw error; // e.g. the identity provider is unreachable
    }
    const identity = parseIdentityClaims(payload);
    if (!identity) throw unauthenticated('Your token names no valid role or city scope.');
    const result: Identity = { subject: identity.subject, roles: identity.roles, cities: identity.cities, clientId: identity.clientId };
    // Verified once: the same token is trusted until its expiry (at most a minute) without a new signature check.
    verified?.set(token, result, payload.exp!);
    return result;
  };
}

function unauthenticated(message: string): GraphQLError {
  return refusal('UNAUTHENTICATED', message, { 'www-authenticate': 'Bearer' });
}
