import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metroPerson } from '../../bench/lib/seed.js';
import { freePorts } from '../harness/ports.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, completeDocuments, jkmClaim, metroWithActiveMou, payoutAccount } from '../fixtures/scenario.js';
import { mutateUntilAnswered, PART_NAMES, sql, startRealStack, waitFor, type RealStack, type RetryFigures } from './real-stack.js';

// PostgreSQL and the Temporal dev server really go away mid-flight and come back on the same port
// with the same data: the launcher (as under `npm start`) started them, a signal stops the real
// process, and its supervisor starts it again. Enrolments and claims in flight must resume;
// nothing lost, nothing twice; the five Lindung processes ride it out.
const JOURNEYS = Number(process.env['LINDUNG_FAULT_JOURNEYS'] ?? 16);
let root: string;
let real: RealStack;
let crashedWith: string | undefined;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lindung-restarts-'));
  await chmod(root, 0o755); // as root, PostgreSQL runs as user postgres and must enter it
  const [pgPort, temporalPort] = (await freePorts(2)) as [number, number];
  real = await startRealStack('restarts', {
    ownServers: true,
    postgres: { useEnv: false, dataDir: join(root, 'postgres'), port: pgPort, extraFlags: ['-c', 'max_connections=200'] },
    temporal: { useEnv: false, port: temporalPort, headless: true, dbFile: join(root, 'temporal.db') },
  });
  void real.stack.crashed.then((reason) => (crashedWith = reason));
});
afterAll(async () => {
  await real?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('PostgreSQL and Temporal restarted mid-flight', () => {
  it(`finishes ${JOURNEYS} enrolments and claim journeys in flight, each exactly once`, async () => {
    const { mouId } = await metroWithActiveMou(real.gateway);
    const figures: RetryFigures = { attempts: 0, unavailable: 0, pending: 0 };
    const problems: string[] = [];
    const must = async (name: string, variables: Record<string, unknown>, who: (typeof ACTORS)[keyof typeof ACTORS]) => {
      const answer = await mutateUntilAnswered(real.gateway, op(name), variables, who, figures);
      if (answer.errors?.length) throw new Error(`${name}: ${JSON.stringify(answer.errors)}`);
      return answer.data as Record<string, any>;
    };
    /** One person's whole journey: enrolment, claim, verification, approval. */
    const journey = async (n: number) => {
      try {
        const { enrolParticipant } = await must('EnrolParticipant', { input: { mouId, ...metroPerson(n) } }, ACTORS.operator);
        const { submitClaim } = await must('SubmitClaim', { input: jkmClaim(enrolParticipant.participant.id) }, ACTORS.caseworker);
        await completeDocuments(real.gateway, submitClaim.id);
        await must('VerifyClaimDocuments', { claimId: submitClaim.id }, ACTORS.verifier);
        await must('SetPayoutAccount', { input: payoutAccount(submitClaim.id) }, ACTORS.caseworker);
        await must('ApproveClaim', { claimId: submitClaim.id }, ACTORS.supervisor);
      } catch (error) {
        problems.push(`journey ${n}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    let next = 1;
    const lanes = Array.from({ length: 4 }, async () => {
      while (next <= JOURNEYS) await journey(next++);
    });

    // Each outage starts once work is under way (counted in journeys started, not in seconds).
    const outages: { server: 'postgres' | 'temporal'; signal: NodeJS.Signals; at: number }[] = [
      { server: 'postgres', signal: 'SIGINT', at: 3 }, // fast shutdown, as `pg_ctl restart -m fast`
      { server: 'temporal', signal: 'SIGTERM', at: 6 },
      { server: 'postgres', signal: 'SIGQUIT', at: 9 }, // immediate shutdown: crash recovery on start
      { server: 'temporal', signal: 'SIGKILL', at: 12 },
    ];
    const done: string[] = [];
    for (const outage of outages) {
      if (outage.at > JOURNEYS) continue;
      await waitFor(`journey ${outage.at} under way`, () => next > outage.at, 600_000);
      const before = real.stack.restarts(outage.server);
      const pid = real.stack.pid(outage.server);
      if (pid === undefined) throw new Error(`no ${outage.server} process`);
      process.kill(pid, outage.signal);
      await waitFor(`${outage.server} back after ${outage.signal}`, () => real.stack.restarts(outage.server) > before, 240_000);
      done.push(`${outage.server} ${outage.signal}`);
    }
    await Promise.all(lanes);
    expect(problems).toEqual([]);

    const db: pg.Client = await sql(real.databaseUrl);
    try {
      await waitFor('every claim PAID', async () => (await db.query(`SELECT count(*)::int AS n FROM claims.claim WHERE status = 'PAID'`)).rows[0].n === JOURNEYS, 240_000, 500);
      const one = async (query: string) => (await db.query(query)).rows[0].n as number;
      const people = await one(`SELECT count(*)::int AS n FROM participants.participant`);
      const claims = await one(`SELECT count(*)::int AS n FROM claims.claim`);
      const payouts = await one(`SELECT count(*)::int AS n FROM claims.payout`);
      const duplicates = await one(`SELECT count(*)::int AS n FROM (SELECT claim_id FROM claims.payout GROUP BY claim_id HAVING count(*) > 1) d`);
      const claimsPerPerson = await one(`SELECT count(*)::int AS n FROM (SELECT participant_id FROM claims.claim GROUP BY participant_id HAVING count(*) > 1) d`);
      const stuck = await one(`SELECT count(*)::int AS n FROM claims.claim WHERE status <> 'PAID'`);
      const partRestarts = PART_NAMES.map((part) => real.stack.restarts(part));
      console.log(
        `restarts: ${JOURNEYS} journeys through ${done.length} server restarts (${done.join(', ')}); ${people} people, ${claims} claims, ${payouts} payouts, ` +
          `${duplicates + claimsPerPerson} duplicates, ${stuck} stuck; client: ${figures.attempts} attempts, ${figures.unavailable} answered unavailable, ${figures.pending} pending; ` +
          `part restarts ${PART_NAMES.map((p, i) => `${p} ${partRestarts[i]}`).join(', ')}; launcher ${crashedWith === undefined ? 'still running' : `stopped: ${crashedWith}`}`,
      );
      expect(done.length).toBe(outages.filter((o) => o.at <= JOURNEYS).length);
      expect([people, claims, payouts, duplicates + claimsPerPerson, stuck]).toEqual([JOURNEYS, JOURNEYS, JOURNEYS, 0, 0]);
      expect(crashedWith).toBeUndefined();
      // The services, the gateway and the worker rode it out: none of them had to be restarted.
      expect(partRestarts).toEqual(PART_NAMES.map(() => 0));
    } finally {
      await db.end();
    }
  });
});
