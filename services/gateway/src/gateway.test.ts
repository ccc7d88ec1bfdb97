import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeServer } from '../../kit/src/http-server.js';
import { IDENTITY_HEADER, signIdentity, type Identity } from '../../kit/src/identity.js';
import { CASEWORKER, codes, customToken, PARTNER, post, startFakeSubgraph, startTestGateway, testSecrets, token } from './test-support.js';

// The gateway in front of a stand-in subgraph that verifies and records what reaches it.
const secrets = testSecrets();
const QUERY = { query: '{ municipalities { id name } }' };
let fake: Awaited<ReturnType<typeof startFakeSubgraph>>;
let gateway: Awaited<ReturnType<typeof startTestGateway>>;

beforeAll(async () => {
  fake = await startFakeSubgraph(secrets.internalSecret, 100);
  gateway = await startTestGateway(fake.url, secrets, { limits: { rateLimitPerMinute: 10_000 } });
});
afterAll(async () => {
  await gateway?.close();
  await fake?.close();
});

describe('authentication', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const refusedTokens: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['a token signed with another key', () => token(CASEWORKER, testSecrets().jwtSecret)],
    ['an expired token', () => customToken(secrets.jwtSecret, {}, now() - 60)],
    ['a token without expiry', () => customToken(secrets.jwtSecret, {}, null)],
    ['a token for another audience', () => customToken(secrets.jwtSecret, { aud: 'someone-else' }, now() + 600)],
    ['a token with an unknown role', () => customToken(secrets.jwtSecret, { roles: ['root'] }, now() + 600)],
    ['a token without city scope', () => customToken(secrets.jwtSecret, { cities: undefined }, now() + 600)],
    [
      'an unsigned token (alg none)',
      async () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', roles: ['admin'], cities: ['*'], aud: 'lindung', exp: now() + 600 })).toString('base64url')}.`,
    ],
    ['garbage', async () => 'not-a-jwt'],
  ];
  test.each(refusedTokens)('%s → 401 UNAUTHENTICATED, before any subgraph call', async (_label, make) => {
    const before = fake.seen.length;
    const answer = await post(gateway.url, QUERY, await make());
    expect(answer.status).toBe(401);
    expect(codes(answer)).toEqual(['UNAUTHENTICATED']);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(fake.seen.length).toBe(before);
  });

  test('an expired token is told so', async () => {
    const answer = await post(gateway.url, QUERY, await customToken(secrets.jwtSecret, {}, now() - 60));
    expect(answer.body.errors?.[0]?.message).toMatch(/expired/);
  });

  test('a valid token is answered', async () => {
    const answer = await post(gateway.url, QUERY, await token(CASEWORKER, secrets.jwtSecret));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { municipalities: [{ id: 'm1', name: 'Kota Metro' }] } });
  });

  test('/health stays open', async () => {
    const response = await fetch(gateway.url.replace(/\/graphql$/, '/health'));
    expect(response.status).toBe(200);
  });
});

describe('what reaches the subgraphs', () => {
  test('only the identity the gateway signed and the request id; no client header', async () => {
    // A client replaying a genuinely signed admin identity must still act as itself.
    const admin: Identity = { subject: 'admin.bpjs', roles: ['admin'], cities: 'ALL', clientId: null };
    const stolen = await signIdentity(admin, secrets.internalSecret, 'r1');
    const requestId = randomUUID();
    const before = fake.seen.length;
    const answer = await post(gateway.url, QUERY, await token(PARTNER, secrets.jwtSecret), {
      [IDENTITY_HEADER]: stolen,
      'x-request-id': requestId,
      'x-lindung-actor': 'admin.bpjs',
      cookie: 'session=1',
    });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.headers.get('x-request-id')).toBe(requestId);
    const seen = fake.seen.slice(before);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.identity).toEqual({ ...PARTNER, requestId });
    expect(seen[0]?.headers['x-request-id']).toBe(requestId);
    for (const header of ['authorization', 'cookie', 'x-lindung-actor']) expect(seen[0]?.headers[header]).toBeUndefined();
  });

  test('a request id that is not plain text is replaced', async () => {
    const before = fake.seen.length;
    await post(gateway.url, QUERY, await token(PARTNER, secrets.jwtSecret), { 'x-request-id': `x${'y'.repeat(200)}` });
    expect(fake.seen[before]?.identity?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('two people asking the same thing at once each reach the subgraph as themselves', async () => {
    const before = fake.seen.length;
    const [a, b] = await Promise.all([post(gateway.url, QUERY, await token(PARTNER, secrets.jwtSecret)), post(gateway.url, QUERY, await token(CASEWORKER, secrets.jwtSecret))]);
    expect([a.body.errors, b.body.errors]).toEqual([undefined, undefined]);
    const subjects = fake.seen.slice(before).map((seen) => seen.identity?.subject);
    expect(subjects.sort()).toEqual([CASEWORKER.subject, PARTNER.subject].sort());
  });
});

describe('CSRF', () => {
  test('a GET without a CSRF header is refused (a browser could send it cross-site); with one it is answered', async () => {
    const url = `${gateway.url}?query=${encodeURIComponent('{ __typename }')}`;
    const authorization = `Bearer ${await token(CASEWORKER, secrets.jwtSecret)}`;
    const refused = await fetch(url, { headers: { authorization } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'CSRF_REJECTED' } }] });
    const answered = await fetch(url, { headers: { authorization, 'x-graphql-yoga-csrf': '1' } });
    expect(await answered.json()).toEqual({ data: { __typename: 'Query' } });
  });

  test('a form-encoded POST is refused', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${await token(CASEWORKER, secrets.jwtSecret)}` },
      body: 'query=%7B__typename%7D',
    });
    expect(response.status).toBe(403);
  });
});

describe('identity provider keys (JWKS)', () => {
  test('tokens signed with the published key are accepted; others, HS256 included, are not', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const address = jwks.address();
    const jwksUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/jwks.json`;
    const withJwks = await startTestGateway(fake.url, { ...secrets, jwksUrl });
    try {
      const sign = (key: CryptoKey, kid: string) =>
        new SignJWT({ roles: ['manager'], cities: ['*'] })
          .setProtectedHeader({ alg: 'RS256', kid })
          .setSubject('manager.bpjs')
          .setAudience('lindung')
          .setExpirationTime('5m')
          .sign(key);
      expect((await post(withJwks.url, QUERY, await sign(privateKey, 'k1'))).body.errors).toBeUndefined();
      const other = await generateKeyPair('RS256');
      expect(codes(await post(withJwks.url, QUERY, await sign(other.privateKey, 'k1')))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await post(withJwks.url, QUERY, await token(CASEWORKER, secrets.jwtSecret)))).toEqual(['UNAUTHENTICATED']);
    } finally {
      await withJwks.close();
      await closeServer(jwks);
    }
  });
});

describe('values the schema does not accept', () => {
  const submit = (program: string, relationship = 'SPOUSE') =>
    `mutation { submitClaim(input: { participantId: "x", program: ${program}, incidentDate: "2026-01-01", heir: { name: "a", relationship: ${relationship} } }) { id } }`;
  test.each([
    ['an unknown enum value written in the document', submit('NOPE')],
    ['a string where an enum belongs', submit('"JKM"')],
    ['a number where an enum belongs', submit('JKM', '7')],
  ])('%s → BAD_USER_INPUT, before any subgraph call', async (_label, query) => {
    const before = fake.seen.length;
    const answer = await post(gateway.url, { query }, await token(CASEWORKER, secrets.jwtSecret));
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(fake.seen.length).toBe(before);
  });

  test('an unknown enum value sent as a variable → BAD_USER_INPUT', async () => {
    const query =
      'mutation($p: Program!) { submitClaim(input: { participantId: "x", program: $p, incidentDate: "2026-01-01", heir: { name: "a", relationship: SPOUSE } }) { id } }';
    const answer = await post(gateway.url, { query, variables: { p: 'NOPE' } }, await token(CASEWORKER, secrets.jwtSecret));
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
  });

  test('a field the schema does not have stays GRAPHQL_VALIDATION_FAILED', async () => {
    const answer = await post(gateway.url, { query: '{ municipalities { nope } }' }, await token(CASEWORKER, secrets.jwtSecret));
    expect(codes(answer)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
