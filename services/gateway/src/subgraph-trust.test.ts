import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IDENTITY_HEADER, issueDevToken, signIdentity, type Identity } from '../../kit/src/identity.js';
import { readSecrets } from '../../kit/src/secrets.js';
import { startTestSystem, type TestSystem } from '../../../test/harness/system.js';
import { testSecrets } from './test-support.js';

// The real services and gateway: a subgraph answers only what the gateway signed, and the
// gateway's signature is what lets a user's token through to the data.
const ADMIN: Identity = { subject: 'admin.bpjs', roles: ['admin'], cities: 'ALL', clientId: null };
let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem('gateway-trust');
});
afterAll(async () => {
  await system?.stop();
});

async function call(url: string, query: string, headers: Record<string, string>, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

const PROBES: [string, string, Record<string, unknown>][] = [
  ['_service', '{ _service { sdl } }', {}],
  ['_entities', 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: [{ __typename: 'Municipality', id: randomUUID() }] }],
  ['an ordinary query', '{ __typename }', {}],
];

describe.each(['municipalities', 'participants', 'claims'] as const)('the %s subgraph, called directly', (name) => {
  const callers: [string, () => Promise<Record<string, string>>][] = [
    ['no identity', async () => ({})],
    ['an identity signed with another key', async () => ({ [IDENTITY_HEADER]: await signIdentity(ADMIN, testSecrets().internalSecret, 'r1') })],
    [
      'a user token instead of the gateway signature',
      async () => ({ authorization: `Bearer ${await issueDevToken(ADMIN, readSecrets().jwtSecret!)}`, [IDENTITY_HEADER]: await issueDevToken(ADMIN, readSecrets().jwtSecret!) }),
    ],
    ['the old plain headers', async () => ({ 'x-lindung-actor': 'admin.bpjs', 'x-lindung-roles': 'admin' })],
  ];
  test.each(PROBES)('refuses %s without the gateway signature (401 UNAUTHENTICATED)', async (_label, query, variables) => {
    for (const [, headers] of callers) {
      const answer = await call(system.services[name].url, query, await headers(), variables);
      expect(answer.status).toBe(401);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
  });

  test('answers the gateway’s signature', async () => {
    const answer = await call(system.services[name].url, '{ _service { sdl } }', { [IDENTITY_HEADER]: await signIdentity(ADMIN, readSecrets().internalSecret, 'r1') });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({ _service: { sdl: expect.stringContaining('type Query') } });
  });
});

describe('through the gateway', () => {
  test('a user token alone reaches the data; no token does not', async () => {
    const query = '{ municipalities { id } }';
    const bearer = await issueDevToken(ADMIN, readSecrets().jwtSecret!);
    const answer = await call(system.gatewayUrl, query, { authorization: `Bearer ${bearer}` });
    expect(answer.body).toEqual({ data: { municipalities: expect.any(Array) } });
    expect((await call(system.gatewayUrl, query, {})).status).toBe(401);
  });

  test('the gateway does not expose the subgraphs’ _service or _entities', async () => {
    const bearer = await issueDevToken(ADMIN, readSecrets().jwtSecret!);
    const answer = await call(system.gatewayUrl, '{ _service { sdl } }', { authorization: `Bearer ${bearer}` });
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
