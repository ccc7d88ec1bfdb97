import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startService } from '../../services/kit/src/service-runtime.js';
import { participantsService } from '../../services/participants/src/service.js';
import { authHeaders, graphql, mustQuery, type GraphQLResponse } from '../harness/graphql.js';
import { startTestSystem, type TestSystem } from '../harness/system.js';
import { startTcpProxy, type TcpProxy } from '../harness/tcp-proxy.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, enrol, jkmClaim, METRO, metroWithActiveMou, SITI } from '../fixtures/scenario.js';

// Parts of the system going down under a running system: a subgraph, PostgreSQL under one
// service, Temporal under another. Each outage is answered SERVICE_UNAVAILABLE with retry advice
// (never INTERNAL_SERVER_ERROR), what can still be answered is, and all is well once it is back.
let system: TestSystem;
let database: TcpProxy;
let temporal: TcpProxy;
let participantId: string;

beforeAll(async () => {
  const pg = new URL(inject('adminDatabaseUrl'));
  const [host, port] = inject('temporalAddress').split(':') as [string, string];
  database = await startTcpProxy({ host: pg.hostname, port: Number(pg.port) });
  temporal = await startTcpProxy({ host, port: Number(port) });
  system = await startTestSystem('outages', { via: { participants: { database }, claims: { temporal } } });
  const { mouId } = await metroWithActiveMou(system.gatewayUrl);
  participantId = (await enrol(system.gatewayUrl, mouId)).id;
});
afterAll(async () => {
  await system?.stop();
  await database?.close();
  await temporal?.close();
});

const CITY_AND_PERSON = `query($code: String!, $id: ID!) {
  municipalityByCode(code: $code) { code name mous { number participants(first: 5) { totalCount } } }
  participant(id: $id) { fullName }
}`;

function unavailable(answer: GraphQLResponse) {
  return (answer.errors ?? []).map((e) => ({
    code: e.extensions?.code,
    retry: (e.extensions as Record<string, unknown> | undefined)?.['retryAfterSeconds'],
    path: e.path?.join('.'),
  }));
}

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = Date.now();
  const value = await work;
  return { value, ms: Date.now() - t0 };
}

describe('a subgraph down', () => {
  it('keeps the data of the others and marks what is missing SERVICE_UNAVAILABLE; all is back once it returns', async () => {
    await system.services.participants.stop();
    try {
      const answer = await graphql(system.gatewayUrl, CITY_AND_PERSON, { code: METRO.code, id: participantId }, ACTORS.manager);
      expect(answer.data).toMatchObject({ municipalityByCode: { code: METRO.code, name: METRO.name, mous: [{ participants: null }] }, participant: null });
      // Hive reports the batched fetch of the MoUs' participants at the list it was filling.
      expect(
        unavailable(answer)
          .map((e) => [e.code, e.retry, e.path?.replace(/\.0\.participants$/, '')])
          .sort(),
      ).toEqual([
        ['SERVICE_UNAVAILABLE', 5, 'municipalityByCode.mous'],
        ['SERVICE_UNAVAILABLE', 5, 'participant'],
      ]);

      // Nothing at all to answer: HTTP says so too.
      const response = await fetch(system.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await authHeaders(ACTORS.operator)) },
        body: JSON.stringify({ query: op('Participant'), variables: { id: participantId } }),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
    } finally {
      system.services.participants = await startService(participantsService, system.serviceOptions.participants);
    }
    const back = await mustQuery(system.gatewayUrl, CITY_AND_PERSON, { code: METRO.code, id: participantId }, ACTORS.manager);
    expect(back).toMatchObject({ municipalityByCode: { mous: [{ participants: { totalCount: 1 } }] }, participant: { fullName: SITI.fullName } });
  });
});

describe('PostgreSQL down under a service', () => {
  it('answers SERVICE_UNAVAILABLE within seconds, the other services still answer, and it recovers', async () => {
    await database.cut();
    try {
      const { value: answer, ms } = await timed(graphql(system.gatewayUrl, CITY_AND_PERSON, { code: METRO.code, id: participantId }, ACTORS.manager));
      expect(answer.data).toMatchObject({ municipalityByCode: { code: METRO.code, mous: [{ participants: null }] }, participant: null });
      expect(unavailable(answer).map((e) => [e.code, e.retry])).toEqual(unavailable(answer).map(() => ['SERVICE_UNAVAILABLE', 5]));
      expect(answer.errors?.[0]?.message).toMatch(/database is not available right now/);
      expect(ms).toBeLessThan(10_000);
    } finally {
      await database.restore();
    }
    const back = await mustQuery(system.gatewayUrl, op('Participant'), { id: participantId }, ACTORS.manager);
    expect(back.participant).toMatchObject({ fullName: SITI.fullName });
  });
});

describe('Temporal down under a service', () => {
  it('answers a mutation SERVICE_UNAVAILABLE, never INTERNAL_SERVER_ERROR, and takes it once Temporal is back', async () => {
    await temporal.cut();
    try {
      const { value: answer, ms } = await timed(graphql(system.gatewayUrl, op('SubmitClaim'), { input: jkmClaim(participantId) }, ACTORS.caseworker));
      expect(unavailable(answer)).toEqual([{ code: 'SERVICE_UNAVAILABLE', retry: 5, path: 'submitClaim' }]);
      expect(answer.errors?.[0]?.message).toMatch(/workflow engine (is not available right now|did not answer)/);
      // Within the mutation deadline (10 s), not after the SDK's ~20 s of retries.
      expect(ms).toBeLessThan(12_000);
      // Reads do not need Temporal.
      expect((await mustQuery(system.gatewayUrl, op('Participant'), { id: participantId }, ACTORS.caseworker)).participant).not.toBeNull();
    } finally {
      await temporal.restore();
    }
    const { submitClaim } = await mustQuery(system.gatewayUrl, op('SubmitClaim'), { input: jkmClaim(participantId) }, ACTORS.caseworker);
    expect(submitClaim.status).toBe('AWAITING_VERIFICATION');
  });
});
