import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CASEWORKER, codes, customToken, PARTNER, post, startFakeSubgraph, startTestGateway, testSecrets, token } from './test-support.js';

// The fast path (fast-path.ts) must be invisible: a query one subgraph answers alone gets the
// same answer, headers and refusals whichever way it goes, with the same checks in front.

const secrets = testSecrets();
let fake: Awaited<ReturnType<typeof startFakeSubgraph>>;
let gateway: Awaited<ReturnType<typeof startTestGateway>>;
let bearer: string;

beforeAll(async () => {
  fake = await startFakeSubgraph(secrets.internalSecret);
  gateway = await startTestGateway(fake.url, secrets, { limits: { rateLimitPerMinute: 10_000 } });
  bearer = await token(CASEWORKER, secrets.jwtSecret);
});
afterAll(async () => {
  await gateway?.close();
  await fake?.close();
});

const CITIES = '{ municipalities { id name } }';

/** A POST as the bench and partner apps send it (node:http, no Accept, no Origin), answered raw. */
function raw(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  const target = new URL(url);
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const call = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers },
      },
      (res) => {
        let answer = '';
        res.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
        res.on('end', () => {
          const { date: _date, ...rest } = res.headers;
          resolve({ status: res.statusCode ?? 0, headers: rest, text: answer });
        });
      },
    );
    call.on('error', reject);
    call.end(text);
  });
}

/** Sends the body until the fast path answers it (it learns a document from its first request). */
async function untilFast(body: unknown, headers: Record<string, string>) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const before = gateway.fastPath.answered;
    const answer = await raw(gateway.url, body, headers);
    if (gateway.fastPath.answered > before) return answer;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the fast path never answered');
}

describe('the fast path for single-subgraph queries', () => {
  test('answers exactly as the runtime does: same status, headers and body, only the fields asked for', async () => {
    const headers = { authorization: `Bearer ${bearer}`, 'x-request-id': 'same-id-1' };
    const first = await raw(gateway.url, { query: CITIES }, headers);
    const fast = await untilFast({ query: CITIES }, headers);
    // The stand-in subgraph adds __typename and code; neither reaches the client either way.
    expect(JSON.parse(first.text)).toEqual({ data: { municipalities: [{ id: 'm1', name: 'Kota Metro' }] } });
    expect(fast).toEqual(first);
  });

  test('the subgraph sees the identity the gateway signed, with the request id, and no client header', async () => {
    const requestId = `rid-${randomUUID()}`;
    await untilFast({ query: CITIES }, { authorization: `Bearer ${bearer}`, 'x-request-id': requestId, cookie: 'secret=1' });
    const seen = fake.seen.at(-1)!;
    expect(seen.identity).toMatchObject({ subject: CASEWORKER.subject, roles: CASEWORKER.roles, cities: CASEWORKER.cities, requestId });
    expect(seen.headers['authorization']).toBeUndefined();
    expect(seen.headers['cookie']).toBeUndefined();
  });

  test('a token that is expired, altered or missing is refused on a learned document, and nothing reaches the subgraph', async () => {
    await untilFast({ query: CITIES }, { authorization: `Bearer ${bearer}` });
    const before = fake.seen.length;
    const expired = await customToken(secrets.jwtSecret, { sub: 'caseworker.ani' }, Math.floor(Date.now() / 1000) - 60);
    for (const authorization of [`Bearer ${expired}`, `Bearer ${bearer.slice(0, -2)}xx`, '']) {
      const answer = await raw(gateway.url, { query: CITIES }, authorization ? { authorization } : {});
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    expect(fake.seen.length).toBe(before);
  });

  test('variables are checked on every request: page size, text, type and cost refusals are the runtime’s', async () => {
    const query = 'query Inbox($first: Int!, $status: String) { claimInbox(first: $first, filter: { status: $status }) { hasNextPage } }';
    // Learned from ordinary requests (the stand-in's answer does not fit: the runtime answers those).
    await raw(gateway.url, { query, variables: { first: 5 } }, { authorization: `Bearer ${bearer}` });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = fake.seen.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ first: 1000 }, 'BAD_USER_INPUT'],
      [{ first: 5, status: 'A\u0000' }, 'BAD_USER_INPUT'],
      [{ first: 'five' }, 'BAD_USER_INPUT'],
    ];
    for (const [variables, code] of cases) {
      const answer = await post(gateway.url, { query, variables }, bearer);
      expect(codes(answer)).toEqual([code]);
    }
    expect(fake.seen.length).toBe(before);
  });

  test('cost is judged per request by the page sizes asked for: a learned document is refused with a large page and answered with a small one again', async () => {
    // municipalities (20 assumed) × (1 + participants(first: n) × (1 + nodes × (1 + claims (3)))) = 20 × (1 + 5n).
    const query = 'query Cost($n: Int!) { municipalities { participants(first: $n) { nodes { claims { number } } } } }';
    for (let i = 0; i < 3; i++) expect(codes(await post(gateway.url, { query, variables: { n: 5 } }, bearer))).not.toContain('QUERY_TOO_COMPLEX');
    const before = fake.seen.length;
    expect(codes(await post(gateway.url, { query, variables: { n: 100 } }, bearer))).toEqual(['QUERY_TOO_COMPLEX']);
    expect(fake.seen.length).toBe(before);
    expect(codes(await post(gateway.url, { query, variables: { n: 5 } }, bearer))).not.toContain('QUERY_TOO_COMPLEX');
  });

  test('a mutation never takes it', async () => {
    const before = gateway.fastPath.answered;
    for (let i = 0; i < 3; i++) await raw(gateway.url, { query: 'mutation { takeClaim(claimId: "c1") { id } }' }, { authorization: `Bearer ${bearer}` });
    expect(gateway.fastPath.answered).toBe(before);
  });

  test('each person reaches the subgraph as themselves on the same document', async () => {
    const partner = await token(PARTNER, secrets.jwtSecret);
    await untilFast({ query: CITIES }, { authorization: `Bearer ${bearer}` });
    await untilFast({ query: CITIES }, { authorization: `Bearer ${partner}` });
    expect(fake.seen.at(-1)!.identity?.subject).toBe(PARTNER.subject);
  });
});

describe('the fast path keeps the runtime’s limits', () => {
  test('the rate limit counts each request once, whichever path answers it', async () => {
    const limited = await startTestGateway(fake.url, secrets, { limits: { rateLimitPerMinute: 4 } });
    try {
      const who = await token({ ...CASEWORKER, subject: `rate-${randomUUID()}` }, secrets.jwtSecret);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await raw(limited.url, { query: CITIES }, { authorization: `Bearer ${who}` })).status);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      expect(limited.fastPath.answered).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  test('a subgraph that went down is SERVICE_UNAVAILABLE, as the runtime says it', async () => {
    const lonely = await startFakeSubgraph(secrets.internalSecret);
    const gw = await startTestGateway(lonely.url, secrets, { limits: { rateLimitPerMinute: 10_000 } });
    try {
      for (let i = 0; i < 20 && gw.fastPath.answered === 0; i++) {
        await raw(gw.url, { query: CITIES }, { authorization: `Bearer ${bearer}` });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(gw.fastPath.answered).toBeGreaterThan(0);
      await lonely.close();
      const answer = await raw(gw.url, { query: CITIES }, { authorization: `Bearer ${bearer}` });
      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await gw.close();
    }
  });
});
