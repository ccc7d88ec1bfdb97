import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../services/kit/src/identity.js';
import { graphql, mustQuery } from '../harness/graphql.js';
import { startTestSystem, type TestSystem } from '../harness/system.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, cityWithActiveMou, enrol, jkmClaim, metroWithActiveMou, SITI } from '../fixtures/scenario.js';

// Two cities, one partner app each: nothing of Pontianak may reach Metro's partner, by any path.
const pontianakPerson = (subject: string, role: Identity['roles'][number]): Identity => ({ subject, roles: [role], cities: ['61.71'], clientId: null });
const PONTIANAK_NIK = '6171015201850007';

let system: TestSystem;
let gateway: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  system = await startTestSystem('city-scope');
  gateway = system.gatewayUrl;
  const metro = await metroWithActiveMou(gateway);
  ids['metroParticipant'] = (await enrol(gateway, metro.mouId)).id;
  ids['metroClaim'] = (await mustQuery(gateway, op('SubmitClaim'), { input: jkmClaim(ids['metroParticipant']!) }, ACTORS.caseworker)).submitClaim.id;

  const pontianak = await cityWithActiveMou(gateway, '61.71');
  ids['pontianakCity'] = pontianak.municipalityId;
  ids['pontianakMou'] = pontianak.mouId;
  const enrolled = await mustQuery(
    gateway,
    op('EnrolParticipant'),
    { input: { ...SITI, nik: PONTIANAK_NIK, fullName: 'Rina', birthDate: '1985-01-12', mouId: pontianak.mouId } },
    pontianakPerson('operator.pontianak', 'city_operator'),
  );
  ids['pontianakParticipant'] = enrolled.enrolParticipant.participant.id;
  ids['pontianakClaim'] = (
    await mustQuery(gateway, op('SubmitClaim'), { input: jkmClaim(ids['pontianakParticipant']!) }, pontianakPerson('caseworker.pontianak', 'caseworker'))
  ).submitClaim.id;
});
afterAll(async () => {
  await system?.stop();
});

describe('city scope', () => {
  it('shows Metro’s partner only Metro, everywhere', async () => {
    const partner = ACTORS.partner;
    const { municipalities } = await mustQuery(gateway, '{ municipalities { code } }', {}, partner);
    expect(municipalities).toEqual([{ code: '18.72' }]);
    const pontianak = await mustQuery(
      gateway,
      `query($c: ID!, $m: ID!, $p: ID!, $k: ID!) {
      municipalityByCode(code: "61.71") { id }
      municipality(id: $c) { id }
      mou(id: $m) { id }
      participant(id: $p) { id }
      claim(id: $k) { id }
    }`,
      { c: ids['pontianakCity'], m: ids['pontianakMou'], p: ids['pontianakParticipant'], k: ids['pontianakClaim'] },
      partner,
    );
    expect(pontianak).toEqual({ municipalityByCode: null, municipality: null, mou: null, participant: null, claim: null });
  });

  it('resolves entity references within the scope only', async () => {
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Participant { id } } }`;
    const reps = [
      { __typename: 'Participant', id: ids['metroParticipant'] },
      { __typename: 'Participant', id: ids['pontianakParticipant'] },
    ];
    const result = await graphql(system.services.participants.url, query, { reps }, ACTORS.partner);
    expect(result.data).toEqual({ _entities: [{ id: ids['metroParticipant'] }, null] });
  });

  it('follows Metro’s claim to its participant, with the NIK masked for a partner app', async () => {
    const { claim } = await mustQuery(
      gateway,
      `query($k: ID!) { claim(id: $k) { number participant { fullName nik municipality { code } } } }`,
      { k: ids['metroClaim'] },
      ACTORS.partner,
    );
    expect(claim.participant).toEqual({ fullName: 'Siti Aminah', nik: '187201********01', municipality: { code: '18.72' } });
    const full = await mustQuery(gateway, `query($p: ID!) { participant(id: $p) { nik } }`, { p: ids['metroParticipant'] }, ACTORS.caseworker);
    expect(full.participant.nik).toBe(SITI.nik);
  });

  it('treats another city’s participant and claim as unknown to a caseworker', async () => {
    const submit = await graphql(gateway, op('SubmitClaim'), { input: jkmClaim(ids['pontianakParticipant']!) }, ACTORS.caseworker);
    expect(submit.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const verify = await graphql(gateway, op('VerifyClaimDocuments'), { claimId: ids['pontianakClaim'] }, ACTORS.verifier);
    expect(verify.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const byNik = await mustQuery(gateway, 'query($n: String!) { participantsByNik(nik: $n) { id } }', { n: PONTIANAK_NIK }, ACTORS.caseworker);
    expect(byNik.participantsByNik).toEqual([]);
  });

  it('refuses to enrol under another city’s MoU', async () => {
    const result = await graphql(gateway, op('EnrolParticipant'), { input: { ...SITI, nik: '6171010101900008', mouId: ids['pontianakMou'] } }, ACTORS.operator);
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
