import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, type GraphQLResponse } from '../harness/graphql.js';
import { startTestSystem, type TestSystem } from '../harness/system.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, completeDocuments, enrol, jkmClaim, METRO, metroToday, metroWithActiveMou, mouTerms, SITI } from '../fixtures/scenario.js';

// Every mutation answers within its deadline, also with the lifecycle worker (the workflows)
// stopped: work taken on but not finished is ACCEPTED_PENDING with the id to follow up, and a
// retry with the same Idempotency-Key returns the first result instead of CONFLICT.
const DEADLINE_MS = 2_000;
process.env['LINDUNG_MUTATION_DEADLINE_MS'] = String(DEADLINE_MS);

let system: TestSystem;
let mouId: string;
let municipalityId: string;

beforeAll(async () => {
  system = await startTestSystem('deadlines');
  ({ mouId, municipalityId } = await metroWithActiveMou(system.gatewayUrl));
});
afterAll(async () => {
  await system?.stop();
});

const key = () => ({ 'idempotency-key': randomUUID() });

async function timed<T>(work: Promise<T>): Promise<T & { ms: number }> {
  const t0 = Date.now();
  const value = await work;
  return { ...value, ms: Date.now() - t0 };
}

function pending(answer: GraphQLResponse & { ms: number }): Record<string, unknown> & { ms: number } {
  const error = answer.errors?.[0];
  return { code: error?.extensions?.code, ...error?.extensions, ms: answer.ms };
}

const RINA = { ...SITI, nik: '1872016002950003', fullName: 'Rina', birthDate: '1995-02-20' };

describe('with the workflows stopped', () => {
  it('answers an enrolment ACCEPTED_PENDING by the deadline; the same key then returns the first result, not CONFLICT', async () => {
    const headers = key();
    const input = { input: { mouId, ...RINA } };
    await system.lifecycle.stop();
    let participantId: string;
    try {
      const first = pending(await timed(graphql(system.gatewayUrl, op('EnrolParticipant'), input, ACTORS.operator, headers)));
      expect(first).toMatchObject({ code: 'ACCEPTED_PENDING', participantId: expect.any(String), retryAfterSeconds: 5 });
      expect(first.ms).toBeLessThan(DEADLINE_MS + 3_000);
      participantId = first['participantId'] as string;
      const again = pending(await timed(graphql(system.gatewayUrl, op('EnrolParticipant'), input, ACTORS.operator, headers)));
      expect(again).toMatchObject({ code: 'ACCEPTED_PENDING', participantId });
    } finally {
      await system.lifecycle.start();
    }
    // The work went on by itself; the retry finds its result, as often as it is sent.
    for (let attempt = 0; attempt < 2; attempt++) {
      const { enrolParticipant } = await mustQueryWith(op('EnrolParticipant'), input, ACTORS.operator, headers);
      expect(enrolParticipant.participant).toMatchObject({ id: participantId, fullName: 'Rina', status: 'ACTIVE' });
    }
    // Without the key a second enrolment of the same person is what it always was.
    expect((await graphql(system.gatewayUrl, op('EnrolParticipant'), input, ACTORS.operator)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('answers a claim ACCEPTED_PENDING with its id, and takes it in once the workflows run', async () => {
    const participant = await enrol(system.gatewayUrl, mouId, { ...SITI, nik: '1872010101900007', fullName: 'Eko', birthDate: '1990-01-01', sex: 'M' });
    const headers = key();
    const input = { input: jkmClaim(participant.id) };
    await system.lifecycle.stop();
    let claimId: string;
    try {
      const first = pending(await timed(graphql(system.gatewayUrl, op('SubmitClaim'), input, ACTORS.caseworker, headers)));
      expect(first).toMatchObject({ code: 'ACCEPTED_PENDING', claimId: expect.any(String) });
      expect(first.ms).toBeLessThan(DEADLINE_MS + 3_000);
      claimId = first['claimId'] as string;
      expect(pending(await timed(graphql(system.gatewayUrl, op('SubmitClaim'), input, ACTORS.caseworker, headers)))).toMatchObject({ code: 'ACCEPTED_PENDING', claimId });
    } finally {
      await system.lifecycle.start();
    }
    const { submitClaim } = await mustQueryWith(op('SubmitClaim'), input, ACTORS.caseworker, headers);
    expect(submitClaim).toMatchObject({ id: claimId, status: 'AWAITING_VERIFICATION' });
    expect((await mustQueryWith(op('SubmitClaim'), input, ACTORS.caseworker, headers)).submitClaim.id).toBe(claimId);

    // A caseworker's step: pending while the workflows are stopped, done once they run, and the
    // same key afterwards gets the claim instead of INVALID_TRANSITION.
    const step = key();
    await completeDocuments(system.gatewayUrl, claimId);
    await system.lifecycle.stop();
    try {
      const verify = pending(await timed(graphql(system.gatewayUrl, op('VerifyClaimDocuments'), { claimId }, ACTORS.verifier, step)));
      expect(verify).toMatchObject({ code: 'ACCEPTED_PENDING', claimId });
      expect(verify.ms).toBeLessThan(DEADLINE_MS + 3_000);
    } finally {
      await system.lifecycle.start();
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      const { verifyClaimDocuments } = await mustQueryWith(op('VerifyClaimDocuments'), { claimId }, ACTORS.verifier, step);
      expect(verifyClaimDocuments).toMatchObject({ id: claimId, status: 'AWAITING_APPROVAL', verifiedBy: ACTORS.verifier.subject });
    }
    expect((await graphql(system.gatewayUrl, op('VerifyClaimDocuments'), { claimId }, ACTORS.verifier)).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
  });

  it('answers ending an enrolment ACCEPTED_PENDING by the deadline, and ends it once the workflows run', async () => {
    const participant = await enrol(system.gatewayUrl, mouId, { ...SITI, nik: '1872010101900011', fullName: 'Joko', birthDate: '1990-01-01', sex: 'M' });
    await system.lifecycle.stop();
    try {
      const answer = pending(
        await timed(graphql(system.gatewayUrl, op('EndEnrolment'), { input: { participantId: participant.id, lastCoveredDay: metroToday(), reason: 'pindah' } }, ACTORS.operator)),
      );
      expect(answer).toMatchObject({ code: 'ACCEPTED_PENDING', participantId: participant.id });
      expect(answer.ms).toBeLessThan(DEADLINE_MS + 3_000);
    } finally {
      await system.lifecycle.start();
    }
    for (let attempt = 0; ; attempt++) {
      const { participant: now } = await mustQueryWith(op('Participant'), { id: participant.id }, ACTORS.operator, {});
      if (now.status === 'ENDED') break;
      expect(attempt).toBeLessThan(60);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });
});

describe('retries of mutations that record a row', () => {
  it('records one MoU and one webhook for a retried createMou and registerWebhook with the same key', async () => {
    const year = metroToday().slice(0, 4);
    const create = { input: mouTerms(municipalityId, `${year}-01-01`, `${year}-12-31`, { quota: 10, groups: [{ group: 'RT_RW_HEAD', quota: 10 }] }) };
    const headers = key();
    const first = (await mustQueryWith(op('CreateMou'), create, ACTORS.admin, headers)).createMou;
    const again = (await mustQueryWith(op('CreateMou'), create, ACTORS.admin, headers)).createMou;
    expect(again).toMatchObject({ id: first.id, number: first.number });
    expect((await mustQueryWith(op('CreateMou'), create, ACTORS.admin, key())).createMou.id).not.toBe(first.id);

    const register = { input: { url: 'https://metro.example/hooks/retry', clientId: 'metro-dashboard', cities: [METRO.code] } };
    const hook = key();
    const one = (await mustQueryWith(op('RegisterWebhook'), register, ACTORS.admin, hook)).registerWebhook;
    const two = (await mustQueryWith(op('RegisterWebhook'), register, ACTORS.admin, hook)).registerWebhook;
    expect(two).toEqual(one);
    const { webhooks } = await mustQueryWith(op('Webhooks'), {}, ACTORS.admin, {});
    expect(webhooks.filter((w: { url: string }) => w.url === register.input.url)).toHaveLength(1);
  });

  it('refuses a malformed Idempotency-Key at the gateway', async () => {
    const answer = await graphql(system.gatewayUrl, op('EnrolParticipant'), { input: { mouId, ...RINA } }, ACTORS.operator, { 'idempotency-key': 'a b' });
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

/** mustQuery with headers: the step's result, polled while the workflow catches up (a worker just started). */
async function mustQueryWith(query: string, variables: Record<string, unknown>, who: typeof ACTORS.operator, headers: Record<string, string>): Promise<Record<string, any>> {
  for (let attempt = 0; ; attempt++) {
    const answer = await graphql(system.gatewayUrl, query, variables, who, headers);
    if (!answer.errors?.length && answer.data) return answer.data;
    if (answer.errors?.[0]?.extensions?.code !== 'ACCEPTED_PENDING' || attempt > 10) throw new Error(`GraphQL errors: ${JSON.stringify(answer.errors)}`);
  }
}
