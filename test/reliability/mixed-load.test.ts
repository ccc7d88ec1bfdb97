import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metroPerson } from '../../bench/lib/seed.js';
import { gql, graphqlOk } from '../../bench/lib/http.js';
import { bearer } from '../../bench/lib/system.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, completeDocuments, jkmClaim, METRO, metroWithActiveMou, payoutAccount } from '../fixtures/scenario.js';
import type { Identity } from '../../services/kit/src/identity.js';
import { MB, mutateUntilAnswered, startRealStack, type PartName, type RealStack, type RetryFigures } from './real-stack.js';

// A mixed load for minutes against the five processes as `npm start` runs them: partner apps
// reading (city overview, participant pages, single lookups) and caseworkers carrying people from
// enrolment to paid claim. No request may fail, and no process's memory may keep growing.
// LINDUNG_SOAK_SECONDS sets the steady phase (default 180 s); a warm-up of a third of it (at least 30 s) comes first.
const STEADY_MS = Number(process.env['LINDUNG_SOAK_SECONDS'] ?? 180) * 1000;
const WARMUP_JOURNEYS = 6;
const PARTNER_LANES = 3;
const CASEWORKER_LANES = 2;
/**
 * Allowed RSS growth per process between the start and the end of the steady phase: 40 MB plus
 * 15% of where it started. Once warm, a healthy Node process still moves by a few tens of MB as
 * V8 grows and trims its heaps (measured here: ±30 MB between samples of an idle-to-busy process);
 * a leak grows with the requests served. At the ~35 requests/s this shared 2-core machine gives,
 * 3 minutes are ~6,000 requests over the five processes: a leak of 16 KB per request (a retained
 * request context, a listener closure per call) would add ~100 MB to the process serving them and
 * fail. Smaller leaks need a longer run: LINDUNG_SOAK_SECONDS.
 */
const TOLERANCE = (startBytes: number) => 40 * MB + startBytes * 0.15;

let real: RealStack;
beforeAll(async () => {
  real = await startRealStack('mixed-load');
});
afterAll(() => real?.stop());

describe('a mixed partner and caseworker load for minutes', () => {
  it(
    'answers every request and keeps each process’s memory stable',
    async () => {
      const { mouId } = await metroWithActiveMou(real.gateway);
      const headers = {
        partner: await bearer(ACTORS.partner),
        manager: await bearer(ACTORS.manager),
        operator: await bearer(ACTORS.operator),
        caseworker: await bearer(ACTORS.caseworker),
        verifier: await bearer(ACTORS.verifier),
        supervisor: await bearer(ACTORS.supervisor),
      };
      const counts = { reads: 0, mutations: 0, journeys: 0, errors: 0 };
      const errors: string[] = [];
      const participantIds: string[] = [];
      let serial = 1;
      // Caseworkers retry with the same Idempotency-Key when a busy machine makes a step outlast the
      // mutation deadline (ACCEPTED_PENDING); any other error counts.
      const retries: RetryFigures = { attempts: 0, unavailable: 0, pending: 0 };
      const step = async (name: string, variables: Record<string, unknown>, who: Identity) => {
        const answer = await mutateUntilAnswered(real.gateway, op(name), variables, who, retries);
        if (answer.errors?.length || !answer.data) throw new Error(`${name}: ${JSON.stringify(answer.errors).slice(0, 300)}`);
        counts.mutations++;
        return answer.data as Record<string, any>;
      };
      const journey = async () => {
        const n = serial++;
        const enrolled = await step('EnrolParticipant', { input: { mouId, ...metroPerson(n) } }, ACTORS.operator);
        const participantId = enrolled['enrolParticipant'].participant.id as string;
        participantIds.push(participantId);
        const submitted = await step('SubmitClaim', { input: jkmClaim(participantId) }, ACTORS.caseworker);
        const claimId = submitted['submitClaim'].id as string;
        await completeDocuments(real.gateway, claimId);
        await step('VerifyClaimDocuments', { claimId }, ACTORS.verifier);
        await step('SetPayoutAccount', { input: payoutAccount(claimId) }, ACTORS.caseworker);
        await step('ApproveClaim', { claimId }, ACTORS.supervisor);
        counts.journeys++;
      };
      const read = async (i: number) => {
        const id = participantIds[i % participantIds.length]!;
        const choices = [
          () => graphqlOk(real.gateway, gql(op('CityClaimsOverview'), { code: METRO.code }), headers.manager),
          () => graphqlOk(real.gateway, gql(op('MouParticipants'), { code: METRO.code, first: 20 }), headers.partner),
          () => graphqlOk(real.gateway, gql(op('Participant'), { id }), headers.partner, id),
          () => graphqlOk(real.gateway, gql(op('MunicipalityByCode'), { code: METRO.code }), headers.partner),
        ];
        await choices[i % choices.length]!();
        counts.reads++;
      };
      for (let i = 0; i < WARMUP_JOURNEYS; i++) await journey();

      // The same load throughout: a warm-up (a third of the steady phase, at least 30 s) lets V8 size
      // its heaps and compile the hot paths; memory is then compared between the first and the last
      // 15 s of the steady phase (median of the samples taken every 5 s in each, to damp GC saw-teeth).
      const warmupMs = Math.max(30_000, STEADY_MS / 3);
      const t0 = Date.now();
      const steadyFrom = t0 + warmupMs;
      const stopAt = steadyFrom + STEADY_MS;
      const samples: { at: number; rss: Partial<Record<PartName, number>> }[] = [];
      const sampler = setInterval(() => samples.push({ at: Date.now(), rss: real.rss() }), 5_000);
      let steadyCounts = { reads: 0, mutations: 0 };
      const lane = async (work: (i: number) => Promise<unknown>) => {
        for (let i = 0; Date.now() < stopAt; i++) {
          try {
            await work(i);
          } catch (error) {
            counts.errors++;
            if (errors.length < 5) errors.push(error instanceof Error ? error.message : String(error));
          }
        }
      };
      const marker = setTimeout(() => (steadyCounts = { reads: counts.reads, mutations: counts.mutations }), warmupMs);
      await Promise.all([...Array.from({ length: PARTNER_LANES }, (_, k) => lane((i) => read(i + k))), ...Array.from({ length: CASEWORKER_LANES }, () => lane(journey))]);
      clearInterval(sampler);
      clearTimeout(marker);
      const seconds = (Date.now() - steadyFrom) / 1000;
      const served = counts.reads - steadyCounts.reads + counts.mutations - steadyCounts.mutations;
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
      const window = (from: number, to: number, part: PartName) => median(samples.filter((s) => s.at >= from && s.at <= to).map((s) => s.rss[part] ?? 0));
      const start: Partial<Record<PartName, number>> = {};
      const end: Partial<Record<PartName, number>> = {};
      for (const part of Object.keys(real.pids()) as PartName[]) {
        start[part] = window(steadyFrom, steadyFrom + 15_000, part);
        end[part] = window(stopAt - 15_000, stopAt + 5_000, part);
      }

      const memory = (Object.keys(start) as PartName[]).map((part) => ({ part, start: start[part]!, end: end[part] ?? 0 }));
      console.log(
        `mixed load: ${Math.round(warmupMs / 1000)} s warm-up + ${Math.round(seconds)} s steady, ${counts.reads} reads + ${counts.mutations} mutations in all (${counts.journeys} journeys), ` +
          `${Math.round(served / seconds)} requests/s steady, ${counts.errors} errors, ${retries.pending} steps answered ACCEPTED_PENDING and retried, ${retries.unavailable} unavailable; RSS at the start→end of the steady phase (MB): ` +
          memory.map((m) => `${m.part} ${Math.round(m.start / MB)}→${Math.round(m.end / MB)}`).join(', ') +
          `; restarts ${Object.keys(start)
            .map((p) => real.stack.restarts(p))
            .reduce((a, b) => a + b, 0)}`,
      );
      expect(errors).toEqual([]);
      expect(counts.errors).toBe(0);
      expect(retries.unavailable).toBe(0); // nothing was down: no step may have met an outage
      expect(memory.length).toBe(5);
      for (const m of memory) expect(m.end - m.start, `${m.part} grew from ${Math.round(m.start / MB)} to ${Math.round(m.end / MB)} MB`).toBeLessThan(TOLERANCE(m.start));
    },
    (STEADY_MS * 4) / 3 + 360_000,
  );
});
