import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadSupergraph } from './gateway.js';
import { readLimits } from './limits.js';
import { measureQuery } from './query-shape.js';
import { CASEWORKER, codes, PARTNER, post, startFakeSubgraph, startTestGateway, testSecrets, token } from './test-support.js';

// Query safety through a real gateway in front of a stand-in subgraph that counts what reaches
// it: each refused query must come back with its code and must not reach any subgraph.

const secrets = testSecrets();
let fake: Awaited<ReturnType<typeof startFakeSubgraph>>;
let dev: Awaited<ReturnType<typeof startTestGateway>>;
let prod: Awaited<ReturnType<typeof startTestGateway>>;
let bearer: string;

beforeAll(async () => {
  fake = await startFakeSubgraph(secrets.internalSecret);
  // Default limits, but a generous rate so this file's requests never trip it.
  dev = await startTestGateway(fake.url, secrets, { production: false, limits: { rateLimitPerMinute: 10_000 } });
  prod = await startTestGateway(fake.url, secrets, { production: true, limits: { rateLimitPerMinute: 10_000 } });
  bearer = await token(CASEWORKER, secrets.jwtSecret);
});
afterAll(async () => {
  await Promise.all([dev?.close(), prod?.close()]);
  await fake?.close();
});

/** Sends the query and asserts it was refused with `code` before any subgraph call. */
async function refused(query: unknown, code: string, status?: number): Promise<string> {
  const before = fake.seen.length;
  const answer = await post(dev.url, query, bearer);
  expect(codes(answer)).toEqual([code]);
  if (status) expect(answer.status).toBe(status);
  expect(fake.seen.length).toBe(before);
  return answer.body.errors?.[0]?.message ?? '';
}

const nest = (levels: number): string => {
  // mou → municipality → mous → municipality …: `levels` nested fields, each level an object.
  let inner = 'id';
  for (let level = levels - 2; level >= 1; level--) inner = `${level % 2 === 1 ? 'municipality' : 'mous'} { ${inner} }`;
  return `{ mou(id: "m1") { ${inner} } }`;
};

describe('query limits', () => {
  test('an ordinary query passes and reaches the subgraph', async () => {
    const before = fake.seen.length;
    const answer = await post(dev.url, { query: '{ municipalities { id name } }' }, bearer);
    expect(answer.body.errors).toBeUndefined();
    expect(fake.seen.length).toBe(before + 1);
  });

  test('depth beyond 10 is refused (QUERY_TOO_DEEP); 10 is not', async () => {
    expect(await refused({ query: nest(11) }, 'QUERY_TOO_DEEP')).toMatch(/11 levels deep; the limit is 10/);
    const answer = await post(dev.url, { query: nest(10) }, bearer);
    expect(codes(answer)).not.toContain('QUERY_TOO_DEEP');
  });

  test('depth counts through fragments', async () => {
    const query = `query { mou(id: "m1") { ...M } } fragment M on Mou { municipality { mous { municipality { mous { municipality { mous { municipality { mous { municipality { id } } } } } } } } } }`;
    await refused({ query }, 'QUERY_TOO_DEEP');
  });

  test('more than 15 aliases are refused (TOO_MANY_ALIASES)', async () => {
    const fields = Array.from({ length: 16 }, (_, i) => `a${i}: municipality(id: "m${i}") { id }`).join(' ');
    await refused({ query: `{ ${fields} }` }, 'TOO_MANY_ALIASES');
  });

  test('more than 10 directives are refused (TOO_MANY_DIRECTIVES)', async () => {
    await refused({ query: `{ municipalities { id ${'@include(if: true) '.repeat(11)} } }` }, 'TOO_MANY_DIRECTIVES');
  });

  test('a document of more than 2000 tokens is refused (QUERY_TOO_LARGE)', async () => {
    await refused({ query: `{ municipalities { ${'id '.repeat(2100)} } }` }, 'QUERY_TOO_LARGE');
  });

  test('a body over 64 KiB is refused with 413, with or without Content-Length', async () => {
    const body = JSON.stringify({ query: `{ municipalities { id } } # ${'x'.repeat(70_000)}` });
    await refused(body, 'REQUEST_TOO_LARGE', 413);
    // Streamed (chunked): no Content-Length to check up front, so the bytes are counted.
    const before = fake.seen.length;
    const stream = new Blob([body]).stream();
    const response = await fetch(dev.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('REQUEST_TOO_LARGE');
    expect(fake.seen.length).toBe(before);
  });

  test('list fields multiply by their page size: too costly is refused (QUERY_TOO_COMPLEX), with variables too', async () => {
    // 20 cities × 100 participants × 3 claims × 5 payouts: about 40 000 objects.
    await refused({ query: '{ municipalities { participants(first: 100) { nodes { claims { payouts { reference } } } } } }' }, 'QUERY_TOO_COMPLEX');
    const query = 'query Page($n: Int!) { municipalities { participants(first: $n) { nodes { id } } } }';
    await refused({ query, variables: { n: 1000 } }, 'QUERY_TOO_COMPLEX');
    const small = await post(dev.url, { query, variables: { n: 5 } }, bearer);
    expect(codes(small)).not.toContain('QUERY_TOO_COMPLEX');
  });

  test('batches (JSON arrays) are refused unless enabled (BATCHING_DISABLED)', async () => {
    await refused([{ query: '{ municipalities { id } }' }, { query: '{ municipalities { id } }' }], 'BATCHING_DISABLED', 400);
    const batching = await startTestGateway(fake.url, secrets, { limits: { allowBatching: true, rateLimitPerMinute: 100 } });
    try {
      const response = await fetch(batching.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
      });
      expect(await response.json()).toEqual([{ data: { __typename: 'Query' } }, { data: { __typename: 'Query' } }]);
    } finally {
      await batching.close();
    }
  });
});

describe('production mode', () => {
  test('introspection is refused in production and answered in development', async () => {
    const query = '{ __schema { queryType { name } } }';
    expect(codes(await post(prod.url, { query }, bearer))).toEqual(['INTROSPECTION_DISABLED']);
    expect((await post(dev.url, { query }, bearer)).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    // The full query GraphiQL sends fits the limits.
    expect((await post(dev.url, { query: getIntrospectionQuery() }, bearer)).body.errors).toBeUndefined();
  });

  test('"Did you mean …" hints are left out in production', async () => {
    const query = '{ municipalitie { id } }';
    expect((await post(dev.url, { query }, bearer)).body.errors?.[0]?.message).toMatch(/Did you mean "municipalit/);
    const message = (await post(prod.url, { query }, bearer)).body.errors?.[0]?.message;
    expect(message).toBe('Cannot query field "municipalitie" on type "Query".');
  });
});

describe('rate limit', () => {
  test('a client over its rate gets RATE_LIMITED (429); other clients do not', async () => {
    const limited = await startTestGateway(fake.url, secrets, { limits: { rateLimitPerMinute: 3 } });
    try {
      const partner = await token(PARTNER, secrets.jwtSecret);
      for (let i = 0; i < 3; i++) expect((await post(limited.url, { query: '{ __typename }' }, partner)).body.errors).toBeUndefined();
      const over = await post(limited.url, { query: '{ __typename }' }, partner);
      expect(over.status).toBe(429);
      expect(codes(over)).toEqual(['RATE_LIMITED']);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await post(limited.url, { query: '{ __typename }' }, bearer)).body.errors).toBeUndefined();
    } finally {
      await limited.close();
    }
  });
});

test('every named operation in schema/operations fits the default limits', async () => {
  const schema = buildSchema(await loadSupergraph({}), { assumeValidSDL: true });
  const limits = readLimits({});
  const dir = fileURLToPath(new URL('../../../schema/operations/', import.meta.url));
  const files = readdirSync(dir).filter((file) => file.endsWith('.graphql'));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const source = readFileSync(dir + file, 'utf8');
    const shape = measureQuery(parse(source, { maxTokens: limits.maxTokens }), schema, limits);
    expect({ file, depth: shape.depth <= limits.maxDepth, aliases: shape.aliases <= limits.maxAliases, cost: shape.cost <= limits.maxCost }).toEqual({
      file,
      depth: true,
      aliases: true,
      cost: true,
    });
  }
});
