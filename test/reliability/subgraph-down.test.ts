import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService } from '../../services/kit/src/service-runtime.js';
import { participantsService } from '../../services/participants/src/service.js';
import { graphql, type GraphQLResponse } from '../harness/graphql.js';
import { startTestSystem, type TestSystem } from '../harness/system.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, enrol, METRO, metroWithActiveMou } from '../fixtures/scenario.js';

// A subgraph down under load: every cross-subgraph answer keeps the other subgraphs' data and
// marks the missing part SERVICE_UNAVAILABLE (never INTERNAL_SERVER_ERROR), answers that need
// only the others are whole, and once it is back every answer is whole again.
const ROUNDS = 5;
const PARALLEL = 20;
let system: TestSystem;
let participantId: string;

beforeAll(async () => {
  system = await startTestSystem('subgraph-down');
  const { mouId } = await metroWithActiveMou(system.gatewayUrl);
  participantId = (await enrol(system.gatewayUrl, mouId)).id;
});
afterAll(() => system?.stop());

const CITY_AND_PERSON = `query($code: String!, $id: ID!) {
  municipalityByCode(code: $code) { code name mous { number participants(first: 5) { totalCount } } }
  participant(id: $id) { fullName }
}`;

type Kind = 'whole' | 'partial' | 'wrong';

function kindOf(answer: GraphQLResponse): Kind {
  const codes = (answer.errors ?? []).map((e) => e.extensions?.code);
  if (codes.length === 0) return answer.data ? 'whole' : 'wrong';
  const city = (answer.data as { municipalityByCode?: { name?: string } } | null | undefined)?.municipalityByCode;
  return codes.every((c) => c === 'SERVICE_UNAVAILABLE') && city?.name === METRO.name ? 'partial' : 'wrong';
}

async function burst(): Promise<Record<Kind, number> & { citiesOnly: number }> {
  const answers = await Promise.all(Array.from({ length: PARALLEL }, () => graphql(system.gatewayUrl, CITY_AND_PERSON, { code: METRO.code, id: participantId }, ACTORS.manager)));
  const cities = await Promise.all(Array.from({ length: PARALLEL }, () => graphql(system.gatewayUrl, op('Municipalities'), {}, ACTORS.manager)));
  const counts = { whole: 0, partial: 0, wrong: 0, citiesOnly: cities.filter((a) => !a.errors && a.data).length };
  for (const answer of answers) counts[kindOf(answer)]++;
  return counts;
}

describe('a subgraph down under parallel requests', () => {
  it('answers partial data plus SERVICE_UNAVAILABLE while it is down, and whole answers once it returns', async () => {
    const down = { whole: 0, partial: 0, wrong: 0, citiesOnly: 0 };
    await system.services.participants.stop();
    try {
      for (let round = 0; round < ROUNDS; round++) for (const [k, n] of Object.entries(await burst())) down[k as keyof typeof down] += n;
    } finally {
      system.services.participants = await startService(participantsService, system.serviceOptions.participants);
    }
    const back = { whole: 0, partial: 0, wrong: 0, citiesOnly: 0 };
    for (let round = 0; round < ROUNDS; round++) for (const [k, n] of Object.entries(await burst())) back[k as keyof typeof back] += n;
    const total = ROUNDS * PARALLEL;
    console.log(
      `subgraph down: ${total} cross-subgraph requests while participants was down: ${down.partial} partial + SERVICE_UNAVAILABLE, ${down.whole} whole, ${down.wrong} wrong; ` +
        `${down.citiesOnly} of ${total} municipalities-only answers whole; after it returned: ${back.whole} of ${total} whole, ${back.wrong} wrong`,
    );
    expect(down).toEqual({ whole: 0, partial: total, wrong: 0, citiesOnly: total });
    expect(back).toEqual({ whole: total, partial: 0, wrong: 0, citiesOnly: total });
  });
});
