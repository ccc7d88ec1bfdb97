import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Kind } from 'graphql';
import { readLimits } from './limits.js';
import { loadPersistedDocuments, persistedHash } from './persisted-documents.js';
import { CASEWORKER, codes, post, startFakeSubgraph, startTestGateway, testSecrets, token } from './test-support.js';

// Trusted documents of the console: by hash, answered from the document parsed at start; a hash
// not in the manifest is refused with a stable code; documents sent as text still work with every check.

const secrets = testSecrets();
const manifest = loadPersistedDocuments(readLimits().maxTokens);
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

const cities = (): { hash: string; text: string } => {
  for (const [hash, entry] of manifest) {
    const operation = entry.document.definitions[0];
    if (operation?.kind === Kind.OPERATION_DEFINITION && operation.name?.value === 'ConsoleCities') return { hash, text: entry.text };
  }
  throw new Error('ConsoleCities is not in the manifest');
};

describe('trusted documents of the console', () => {
  test('every console operation is in the manifest, keyed by the SHA-256 of its printed text', () => {
    expect(manifest.size).toBeGreaterThanOrEqual(30);
    for (const [hash, entry] of manifest) expect(persistedHash(entry.text)).toBe(hash);
  });

  test('a known hash is answered as its text would be, without the text', async () => {
    const { hash, text } = cities();
    const byText = await post(gateway.url, { query: text }, bearer);
    const before = fake.seen.length;
    const byHash = await post(gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, bearer);
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body).toEqual(byText.body);
    expect(fake.seen.length).toBe(before + 1);
  });

  test('a hash that is not in the manifest is refused with PERSISTED_QUERY_NOT_FOUND, before any subgraph', async () => {
    const before = fake.seen.length;
    const wrong = cities().hash.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const answer = await post(gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: wrong } } }, bearer);
    expect(codes(answer)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(answer.status).toBe(400);
    expect(fake.seen.length).toBe(before);
  });

  test('a hash still needs a valid token', async () => {
    const answer = await post(gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: cities().hash } } });
    expect(codes(answer)).toEqual(['UNAUTHENTICATED']);
  });

  test('arbitrary documents still work and are still limited; no query at all is still BAD_REQUEST', async () => {
    expect((await post(gateway.url, { query: '{ municipalities { id } }' }, bearer)).body.errors).toBeUndefined();
    const deep = `{ mou(id: "m1") { ${'municipality { mous { '.repeat(5)}id${' } }'.repeat(5)} } }`;
    expect(codes(await post(gateway.url, { query: deep }, bearer))).toEqual(['QUERY_TOO_DEEP']);
    expect(codes(await post(gateway.url, {}, bearer))).toEqual(['BAD_REQUEST']);
  });
});
