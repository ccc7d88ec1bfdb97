import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../../services/gateway/src/gateway.js';
import type { Identity } from '../../services/kit/src/identity.js';
import { authHeaders, mustQuery } from '../harness/graphql.js';
import { startTestSystem, type TestSystem } from '../harness/system.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, enrol, jkmClaim, metroWithActiveMou, SITI } from '../fixtures/scenario.js';

// The gateway's fast path (services/gateway/src/fast-path.ts) on the real subgraphs: whichever way
// a query goes — the Hive runtime the first time, the fast path once the document is learned —
// the answer is the same, across subgraphs and city scope included.

let system: TestSystem;
let gateway: Awaited<ReturnType<typeof startGateway>>;
const ids: Record<string, string> = {};
const PONTIANAK_PARTNER: Identity = { subject: 'app.pontianak', roles: ['partner'], cities: ['61.71'], clientId: 'pontianak-app' };

beforeAll(async () => {
  system = await startTestSystem('fast-path');
  const metro = await metroWithActiveMou(system.gatewayUrl);
  const participant = await enrol(system.gatewayUrl, metro.mouId);
  ids['participant'] = participant.id;
  ids['claim'] = (await mustQuery(system.gatewayUrl, op('SubmitClaim'), { input: jkmClaim(participant.id) }, ACTORS.caseworker)).submitClaim.id;
  // A gateway of the test's own on the same subgraphs, so it can count which path answered.
  const urls = Object.fromEntries(Object.entries(system.services).map(([name, service]) => [name, service.url]));
  gateway = await startGateway({ port: 0, subgraphUrls: urls, limits: { rateLimitPerMinute: 100_000 } });
});
afterAll(async () => {
  await gateway?.close();
  await system?.stop();
});

async function ask(query: string, variables: Record<string, unknown>, who: Identity): Promise<{ status: number; body: unknown }> {
  const { authorization } = await authHeaders(who);
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: authorization! },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}

/** The runtime's answer (first sight of the document), then the fast path's (asked until it answers). */
async function bothWays(query: string, variables: Record<string, unknown>, who: Identity) {
  const runtime = await ask(query, variables, who);
  for (let attempt = 0; attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = gateway.fastPath.answered;
    const again = await ask(query, variables, who);
    if (gateway.fastPath.answered > before) return { runtime, fast: again };
  }
  return { runtime, fast: null };
}

describe('the gateway fast path on the real subgraphs', () => {
  it('answers the city overview across all three subgraphs as the runtime does', async () => {
    const { runtime, fast } = await bothWays(op('CityClaimsOverview'), { code: '18.72' }, ACTORS.partner);
    expect(JSON.stringify(runtime.body)).toContain(SITI.fullName);
    expect(fast).toEqual(runtime);
  });

  it('answers a claim lookup and a search by NIK as the runtime does', async () => {
    const claim = await bothWays(op('Claim'), { id: ids['claim'] }, ACTORS.caseworker);
    expect(JSON.stringify(claim.runtime.body)).toContain(ids['claim']);
    expect(claim.fast).toEqual(claim.runtime);
    const search = await bothWays(
      'query Search($nik: String!) { participantsByNik(nik: $nik) { id fullName status coverageFrom coverageTo } }',
      { nik: SITI.nik },
      ACTORS.caseworker,
    );
    expect(JSON.stringify(search.runtime.body)).toContain(ids['participant']);
    expect(search.fast).toEqual(search.runtime);
  });

  it('keeps city scope: another city’s partner gets what the runtime gives it, Metro’s data never', async () => {
    const overview = await ask(op('CityClaimsOverview'), { code: '18.72' }, PONTIANAK_PARTNER);
    for (let i = 0; i < 3; i++) {
      const again = await ask(op('CityClaimsOverview'), { code: '18.72' }, PONTIANAK_PARTNER);
      expect(again).toEqual(overview);
    }
    expect(JSON.stringify(overview.body)).not.toContain(SITI.fullName);
    const claim = await ask(op('Claim'), { id: ids['claim'] }, PONTIANAK_PARTNER);
    expect(JSON.stringify(claim.body)).not.toContain(String(SITI.fullName));
  });
});
