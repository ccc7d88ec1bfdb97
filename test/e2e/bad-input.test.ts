import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { graphql } from '../harness/graphql.js';
import { startTestSystem, type TestSystem } from '../harness/system.js';
import { casesFor, mutationSpecs, prepareTargets, rowCounts, runSweep, type SweepTargets } from '../fixtures/bad-input.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, METRO } from '../fixtures/scenario.js';

// Hostile and broken input through the gateway, against the real services and workflows: a few
// representative cases per mutation (the whole sweep is in test/reliability/). Each gets a stable
// code within seconds and nothing is written.
let system: TestSystem;
let db: pg.Client;
let targets: SweepTargets;

beforeAll(async () => {
  system = await startTestSystem('bad-input');
  db = new pg.Client({ connectionString: system.db.url });
  await db.connect();
  targets = await prepareTargets(system.gatewayUrl);
});
afterAll(async () => {
  await db?.end();
  await system?.stop();
});

describe('bad input to every mutation', () => {
  it('gets a stable code for each representative case, quickly, and nothing is written', async () => {
    const cases = mutationSpecs(targets)
      .flatMap(casesFor)
      .filter((c) => c.fast);
    expect(new Set(cases.map((c) => c.operation)).size).toBe(16);
    const before = await rowCounts(db);
    const results = await runSweep(system.gatewayUrl, cases, { timeoutMs: 15_000 });
    const slowest = Math.max(...results.map((r) => r.ms));
    console.log(`bad-input sweep (fast subset): ${results.length} cases, ${results.filter((r) => r.problem).length} wrong, slowest ${slowest} ms`);
    expect(results.filter((r) => r.problem).map((r) => `${r.label}: ${r.problem}`)).toEqual([]);
    expect(await rowCounts(db)).toEqual(before);
  });

  it('leaves no workflow wedged: the claims and the enrolment still go through afterwards', async () => {
    const verified = await graphql(system.gatewayUrl, op('VerifyClaimDocuments'), { claimId: targets.submittedClaimId }, ACTORS.verifier);
    expect(verified.errors).toBeUndefined();
    const approved = await graphql(system.gatewayUrl, op('ApproveClaim'), { claimId: targets.verifiedClaimId }, ACTORS.supervisor);
    expect(approved.errors).toBeUndefined();
  });

  it('answers a wrong variable type and a missing required value with BAD_USER_INPUT, directly and through the gateway', async () => {
    for (const url of [system.gatewayUrl, system.services.municipalities.url]) {
      const wrongType = await graphql(url, op('MunicipalityByCode'), { code: { a: 1 } }, ACTORS.admin);
      const missing = await graphql(url, op('MunicipalityByCode'), {}, ACTORS.admin);
      const missingField = await graphql(url, op('CreateMunicipality'), { input: { code: '19.71' } }, ACTORS.admin);
      for (const answer of [wrongType, missing, missingField]) {
        expect(
          answer.errors?.map((e) => e.extensions?.code),
          url,
        ).toEqual(answer.errors?.map(() => 'BAD_USER_INPUT'));
      }
    }
  });

  it('refuses rupiah sent as a JSON number', async () => {
    const input = mutationSpecs(targets)[1]!.valid['input'] as { budgetLines: { fiscalYear: number; amount: unknown }[] };
    const answer = await graphql(system.gatewayUrl, op('CreateMou'), { input: { ...input, budgetLines: [{ ...input.budgetLines[0]!, amount: 5 }] } }, ACTORS.admin);
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0]?.message).toMatch(/string of digits/);
  });
});

describe('nested pages and arguments are checked before any subgraph runs', () => {
  const overview = 'query($code: String!, $first: Int!, $after: String) { municipalityByCode(code: $code) { mous { participants(first: $first, after: $after) { totalCount } } } }';

  // Had the plan run, municipalities would have answered and the error would carry the path of
  // the participants field that refused; refused up front, there is no data and no path.
  it.each([0, -1, 101])('refuses first: %i on a nested page at the gateway, before any subgraph is called', async (first) => {
    const answer = await graphql(system.gatewayUrl, overview, { code: METRO.code, first }, ACTORS.manager);
    expect(answer).not.toHaveProperty('data');
    expect(answer.errors?.map((e) => [e.extensions?.code, e.extensions?.field, e.path])).toEqual([['BAD_USER_INPUT', 'first', undefined]]);
  });

  it('refuses a control character in a nested argument at the gateway', async () => {
    const answer = await graphql(system.gatewayUrl, overview, { code: METRO.code, first: 5, after: 'abc\u0000' }, ACTORS.manager);
    expect(answer.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'after']]);
  });

  it('never names the internal service in an error', async () => {
    const answers = [
      await graphql(system.gatewayUrl, op('ApproveClaim'), { claimId: targets.submittedClaimId }, ACTORS.verifier),
      await graphql(system.gatewayUrl, op('CreateMunicipality'), { input: METRO }, ACTORS.admin),
      await graphql(system.gatewayUrl, '{ participant(id: "x") { claims(nope: 1) { id } } }', {}, ACTORS.caseworker),
    ];
    for (const answer of answers) {
      expect(answer.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(answer.errors)).not.toMatch(/serviceName|subgraph/i);
    }
  });
});
