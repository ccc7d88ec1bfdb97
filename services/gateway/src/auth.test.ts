import { describe, expect, test } from 'vitest';
import { GraphQLError } from 'graphql';
import { IDENTITY_TTL_SECONDS, signIdentity, verifyIdentity, type Identity } from '../../kit/src/identity.js';
import { signHs256, verifyHs256 } from '../../kit/src/hs256.js';
import { createAuthenticator } from './auth.js';
import { CASEWORKER, customToken, testSecrets, token } from './test-support.js';
import { VerifiedTokens } from './token-cache.js';

// Verified user tokens are remembered by their hash so a client's repeated token is checked
// once; what the cache may never do is keep a token alive past its expiry or accept an altered one.
const secrets = testSecrets();
const now = () => Math.floor(Date.now() / 1000);
const refusedWith = async (promise: Promise<unknown>): Promise<string | undefined> => {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof GraphQLError ? String(error.extensions['code']) : String(error);
  }
};

describe('the verified-token cache', () => {
  const who: Identity = { subject: 'ani', roles: ['caseworker'], cities: ['18.72'], clientId: null };

  test('serves a token until its expiry, not a moment after', () => {
    let clock = 1_000_000_000;
    const cache = new VerifiedTokens({ maxEntries: 10, maxAgeMs: 3_600_000, now: () => clock });
    cache.set('t1', who, clock / 1000 + 30);
    expect(cache.get('t1')).toEqual(who);
    clock += 29_999;
    expect(cache.get('t1')).toEqual(who);
    clock += 1;
    expect(cache.get('t1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  test('keeps an entry at most maxAgeMs, never stores an expired token, and drops the oldest when full', () => {
    let clock = 1_000_000_000;
    const cache = new VerifiedTokens({ maxEntries: 2, maxAgeMs: 60_000, now: () => clock });
    cache.set('long', who, clock / 1000 + 86_400);
    clock += 60_000;
    expect(cache.get('long')).toBeUndefined();
    cache.set('past', who, clock / 1000 - 1);
    expect(cache.get('past')).toBeUndefined();
    for (const t of ['a', 'b', 'c']) cache.set(t, who, clock / 1000 + 600);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, who, who]);
  });

  test('is keyed by the hash of the token, not the token', () => {
    expect(VerifiedTokens.key('abc')).not.toContain('abc');
    expect(VerifiedTokens.key('abc')).toHaveLength(43);
  });
});

describe('the authenticator with its cache', () => {
  test('checks a repeated token once and answers the same identity', async () => {
    const cache = new VerifiedTokens();
    const authenticate = createAuthenticator(secrets, undefined, cache);
    const bearer = `Bearer ${await token(CASEWORKER, secrets.jwtSecret)}`;
    const first = await authenticate(bearer);
    expect(await authenticate(bearer)).toEqual(first);
    expect(first).toMatchObject({ subject: CASEWORKER.subject, roles: CASEWORKER.roles });
    expect(cache.size).toBe(1);
  });

  test('still refuses an altered copy of a cached token, and one signed with another key', async () => {
    const cache = new VerifiedTokens();
    const authenticate = createAuthenticator(secrets, undefined, cache);
    const good = await token(CASEWORKER, secrets.jwtSecret);
    await authenticate(`Bearer ${good}`);
    const [header, payload, signature] = good.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const promoted = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'], cities: ['*'] })).toString('base64url');
    expect(await refusedWith(authenticate(`Bearer ${header}.${promoted}.${signature}`))).toBe('UNAUTHENTICATED');
    expect(await refusedWith(authenticate(`Bearer ${good.slice(0, -2)}${good.endsWith('AA') ? 'BB' : 'AA'}`))).toBe('UNAUTHENTICATED');
    expect(await refusedWith(authenticate(`Bearer ${await token(CASEWORKER, testSecrets().jwtSecret)}`))).toBe('UNAUTHENTICATED');
    expect(cache.size).toBe(1);
  });

  test('does not remember an expired token, and a cached one ends with its expiry', async () => {
    let clock = Date.now();
    const cache = new VerifiedTokens({ maxEntries: 100, maxAgeMs: 60_000, now: () => clock });
    const authenticate = createAuthenticator(secrets, undefined, cache);
    const expired = await customToken(secrets.jwtSecret, {}, now() - 60);
    expect(await refusedWith(authenticate(`Bearer ${expired}`))).toBe('UNAUTHENTICATED');
    expect(cache.size).toBe(0);
    const shortLived = await customToken(secrets.jwtSecret, {}, now() + 30);
    await authenticate(`Bearer ${shortLived}`);
    expect(cache.get(shortLived)).toBeDefined();
    clock += 31_000;
    expect(cache.get(shortLived)).toBeUndefined();
  });
});

describe('the gateway-signed identity (HS256 on node:crypto)', () => {
  const internal = secrets.internalSecret;
  const who: Identity = { subject: 'ani', roles: ['caseworker'], cities: ['18.72'], clientId: 'app' };

  test('round-trips, and lives IDENTITY_TTL_SECONDS', async () => {
    const signed = await signIdentity(who, internal, 'r1');
    expect(await verifyIdentity(signed, internal)).toEqual({ ...who, requestId: 'r1' });
    const claims = JSON.parse(Buffer.from(signed.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims.exp - claims.iat).toBe(IDENTITY_TTL_SECONDS);
  });

  test('refuses another key, an altered payload, another alg, another audience or issuer, and an expired identity', async () => {
    const signed = await signIdentity(who, internal, 'r1');
    expect(await verifyIdentity(signed, testSecrets().internalSecret)).toBeNull();
    const [h, p, s] = signed.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    const reencode = (c: unknown) => Buffer.from(JSON.stringify(c)).toString('base64url');
    expect(await verifyIdentity(`${h}.${reencode({ ...claims, cities: 'ALL' })}.${s}`, internal)).toBeNull();
    expect(await verifyIdentity(`${reencode({ alg: 'none' })}.${p}.`, internal)).toBeNull();
    const key = new TextEncoder().encode(internal);
    const expected = { issuer: 'lindung-gateway', audience: 'lindung-subgraphs' };
    expect(verifyHs256(signHs256({ ...claims, aud: 'other' }, key), key, expected)).toBeNull();
    expect(verifyHs256(signHs256({ ...claims, iss: 'other' }, key), key, expected)).toBeNull();
    expect(verifyHs256(signHs256({ ...claims, exp: now() - 1 }, key), key, expected)).toBeNull();
    expect(verifyHs256(signHs256({ ...claims, nbf: now() + 60 }, key), key, expected)).toBeNull();
    expect(verifyHs256(signHs256(claims, key), key, expected)).toMatchObject({ sub: 'ani' });
    expect(verifyHs256('a.b', key, expected)).toBeNull();
  });
});
