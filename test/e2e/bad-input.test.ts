import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildASTSchema, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { graphql } from '../harness/graphql.js';
import { casesFor, mutationSpecs, rowCounts, runSweep, useSweepSuite } from '../fixtures/bad-input.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, METRO } from '../fixtures/scenario.js';

// Hostile and broken input through the gateway, against the real services and workflows: a few
// representative cases per mutation (the whole sweep is in test/reliability/). Each gets a stable
// code within seconds and nothing is written.
const sweep = useSweepSuite('bad-input');

describe('bad input to every mutation', () => {
  it('gets a stable code for each representative case, quickly, and nothing is written', async () => {
    const cases = mutationSpecs(sweep.targets)
      .flatMap(casesFor)
      .filter((c) => c.fast);
    expect(new Set(cases.map((c) => c.operation)).size).toBe(mutationSpecs(sweep.targets).length);
    const before = await rowCounts(sweep.db);
    const results = await runSweep(sweep.gateway, cases, { timeoutMs: 15_000 });
    const slowest = Math.max(...results.map((r) => r.ms));
    console.log(`bad-input sweep (fast subset): ${results.length} cases, ${results.filter((r) => r.problem).length} wrong, slowest ${slowest} ms`);
    expect(results.filter((r) => r.problem).map((r) => `${r.label}: ${r.problem}`)).toEqual([]);
    expect(await rowCounts(sweep.db)).toEqual(before);
  });

  it('covers every mutation of the supergraph', () => {
    const supergraph = buildASTSchema(parse(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8')), { assumeValidSDL: true });
    const swept = mutationSpecs(sweep.targets).map((spec) => {
      const definition = parse(op(spec.operation)).definitions[0] as OperationDefinitionNode;
      return (definition.selectionSet.selections[0] as FieldNode).name.value;
    });
    expect([...swept].sort()).toEqual(Object.keys(supergraph.getMutationType()!.getFields()).sort());
  });

  it('leaves no workflow wedged: the claims and the enrolment still go through afterwards', async () => {
    const verified = await graphql(sweep.gateway, op('VerifyClaimDocuments'), { claimId: sweep.targets.submittedClaimId }, ACTORS.verifier);
    expect(verified.errors).toBeUndefined();
    const approved = await graphql(sweep.gateway, op('ApproveClaim'), { claimId: sweep.targets.verifiedClaimId }, ACTORS.supervisor);
    expect(approved.errors).toBeUndefined();
  });

  it('answers a wrong variable type and a missing required value with BAD_USER_INPUT, directly and through the gateway', async () => {
    for (const url of [sweep.gateway, sweep.system.services.municipalities.url]) {
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
    const input = mutationSpecs(sweep.targets)[1]!.valid['input'] as { budgetLines: { fiscalYear: number; amount: unknown }[] };
    const answer = await graphql(sweep.gateway, op('CreateMou'), { input: { ...input, budgetLines: [{ ...input.budgetLines[0]!, amount: 5 }] } }, ACTORS.admin);
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0]?.message).toMatch(/string of digits/);
  });
});

describe('nested pages and arguments are checked before any subgraph runs', () => {
  const overview = 'query($code: String!, $first: Int!, $after: String) { municipalityByCode(code: $code) { mous { participants(first: $first, after: $after) { totalCount } } } }';

  // Had the plan run, municipalities would have answered and the error would carry the path of
  // the participants field that refused; refused up front, there is no data and no path.
  it.each([0, -1, 101])('refuses first: %i on a nested page at the gateway, before any subgraph is called', async (first) => {
    const answer = await graphql(sweep.gateway, overview, { code: METRO.code, first }, ACTORS.manager);
    expect(answer).not.toHaveProperty('data');
    expect(answer.errors?.map((e) => [e.extensions?.code, e.extensions?.field, e.path])).toEqual([['BAD_USER_INPUT', 'first', undefined]]);
  });

  it('refuses a control character in a nested argument at the gateway', async () => {
    const answer = await graphql(sweep.gateway, overview, { code: METRO.code, first: 5, after: 'abc\u0000' }, ACTORS.manager);
    expect(answer.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'after']]);
  });

  it('never names the internal service in an error', async () => {
    const answers = [
      await graphql(sweep.gateway, op('ApproveClaim'), { claimId: sweep.targets.submittedClaimId }, ACTORS.verifier),
      await graphql(sweep.gateway, op('CreateMunicipality'), { input: METRO }, ACTORS.admin),
      await graphql(sweep.gateway, '{ participant(id: "x") { claims(nope: 1) { id } } }', {}, ACTORS.caseworker),
    ];
    for (const answer of answers) {
      expect(answer.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(answer.errors)).not.toMatch(/serviceName|subgraph/i);
    }
  });
});
