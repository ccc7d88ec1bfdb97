import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metroPerson } from '../../bench/lib/seed.js';
import { mustQuery } from '../harness/graphql.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, completeDocuments, enterPayoutAccount, jkmClaim, metroWithActiveMou } from '../fixtures/scenario.js';
import { mutateUntilAnswered, PART_NAMES, sql, startRealStack, waitFor, type PartName, type RealStack, type RetryFigures } from './real-stack.js';

// Issue 16's fault-injection suite: random SIGKILLs of every service, the gateway and the
// lifecycle worker while claims are approved and paid. Every claim must end PAID exactly once.
const CLAIMS = Number(process.env['LINDUNG_FAULT_CLAIMS'] ?? 24);
let real: RealStack;
let db: pg.Client;
const warnings: string[] = [];
const onWarning = (warning: Error): void => void warnings.push(`${warning.name}: ${warning.message}`);

beforeAll(async () => {
  process.on('warning', onWarning);
  real = await startRealStack('kills');
  db = await sql(real.databaseUrl);
});
afterAll(async () => {
  process.off('warning', onWarning);
  await db?.end();
  await real?.stop();
});

/** Every part CLAIMS / 5 times or more, in a random order. */
function victims(count: number): PartName[] {
  const list = Array.from({ length: count }, (_, i) => PART_NAMES[i % PART_NAMES.length]!);
  for (let i = list.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

async function statusOf(claimId: string): Promise<{ status: string; payouts: number }> {
  const { rows } = await db.query(`SELECT c.status, (SELECT count(*) FROM claims.payout p WHERE p.claim_id = c.id)::int AS payouts FROM claims.claim c WHERE c.id = $1`, [claimId]);
  return { status: rows[0].status, payouts: rows[0].payouts };
}

describe('random SIGKILLs while claims are approved and paid', () => {
  it(`pays each of ${CLAIMS} claims exactly once through at least 20 kills`, async () => {
    const { mouId } = await metroWithActiveMou(real.gateway);
    const claimIds: string[] = [];
    for (let n = 1; n <= CLAIMS; n++) {
      const { enrolParticipant } = await mustQuery(real.gateway, op('EnrolParticipant'), { input: { mouId, ...metroPerson(n) } }, ACTORS.operator);
      const { submitClaim } = await mustQuery(real.gateway, op('SubmitClaim'), { input: jkmClaim(enrolParticipant.participant.id) }, ACTORS.caseworker);
      await completeDocuments(real.gateway, submitClaim.id);
      await mustQuery(real.gateway, op('VerifyClaimDocuments'), { claimId: submitClaim.id }, ACTORS.verifier);
      claimIds.push(submitClaim.id);
    }

    const figures: RetryFigures = { attempts: 0, unavailable: 0, pending: 0 };
    const kills: Record<PartName, number> = { municipalities: 0, participants: 0, claims: 0, lifecycle: 0, gateway: 0 };
    let inPayoutWindow = 0;
    const order = victims(CLAIMS);
    // No payout without the heir's account (entered before any kill, as a caseworker would).
    for (const claimId of claimIds) await enterPayoutAccount(real.gateway, claimId);
    const approvals: Promise<{ claimId: string; code: string | undefined }>[] = [];
    for (const [i, claimId] of claimIds.entries()) {
      approvals.push(
        mutateUntilAnswered(real.gateway, op('ApproveClaim'), { claimId }, ACTORS.supervisor, figures).then((answer) => ({ claimId, code: answer.errors?.[0]?.extensions?.code })),
      );
      let victim = order[i]!;
      if (i % 4 === 3) {
        // Aimed: the moment the payout is recorded and before the workflow has marked the claim PAID,
        // kill the service that pays or the worker that waits for the payout activity to complete.
        victim = i % 8 === 3 ? 'claims' : 'lifecycle';
        await waitFor(`payout of claim ${i + 1} recorded`, async () => (await statusOf(claimId)).payouts > 0, 240_000, 2);
        if ((await statusOf(claimId)).status !== 'PAID') inPayoutWindow++;
      } else {
        await sleep(randomInt(400)); // land anywhere in the approval's path
      }
      await real.killAndAwait(victim);
      kills[victim]++;
    }

    const answers = await Promise.all(approvals);
    // A retry of an approval that was carried out is answered with the first result (same key);
    // INVALID_TRANSITION would mean it was not recognised as the same request.
    expect(answers.filter((a) => a.code !== undefined)).toEqual([]);
    await waitFor(
      'every claim PAID',
      async () => (await db.query(`SELECT count(*)::int AS n FROM claims.claim WHERE id = ANY($1) AND status = 'PAID'`, [claimIds])).rows[0].n === CLAIMS,
      240_000,
      500,
    );

    const duplicates = (await db.query(`SELECT claim_id FROM claims.payout GROUP BY claim_id, instalment HAVING count(*) > 1`)).rowCount ?? 0;
    const payouts = (await db.query(`SELECT count(*)::int AS n FROM claims.payout WHERE claim_id = ANY($1)`, [claimIds])).rows[0].n as number;
    const stuck = (await db.query(`SELECT count(*)::int AS n FROM claims.claim WHERE id = ANY($1) AND status <> 'PAID'`, [claimIds])).rows[0].n as number;
    const totalKills = Object.values(kills).reduce((a, b) => a + b, 0);
    console.log(
      `kills: ${CLAIMS} claims approved, ${totalKills} SIGKILLs (${Object.entries(kills)
        .map(([part, n]) => `${part} ${n}`)
        .join(', ')}; ${inPayoutWindow} with the payout recorded and the claim not yet PAID), ${payouts} payouts, ${duplicates} duplicates, ${stuck} stuck; ` +
        `client: ${figures.attempts} attempts, ${figures.unavailable} answered unavailable, ${figures.pending} pending; launcher restarts ${PART_NAMES.map((p) => `${p} ${real.stack.restarts(p)}`).join(', ')}`,
    );
    expect(totalKills).toBeGreaterThanOrEqual(20);
    for (const part of PART_NAMES) expect(kills[part], part).toBeGreaterThan(0);
    expect(payouts).toBe(CLAIMS);
    expect(duplicates).toBe(0);
    expect(stuck).toBe(0);
    // The journal still balances: every approval and payout posted once, whatever was killed.
    const { ledgerBalances } = await mustQuery(real.gateway, op('LedgerBalances'), { regionCode: '18.72' }, ACTORS.manager);
    console.log(
      `kills: ledger balanced ${ledgerBalances.balanced}, debits ${ledgerBalances.totalDebits}, ${(ledgerBalances.accounts as { account: string; balance: string }[]).map((a) => `${a.account} ${a.balance}`).join(', ')}`,
    );
    expect(ledgerBalances).toMatchObject({ balanced: true, totalDebits: String(2n * 42_000_000n * BigInt(CLAIMS)) });
    // Each approval booked as payable once and each payout sent once: nothing left payable.
    const payable = (ledgerBalances.accounts as { account: string; balance: string }[]).find((a) => a.account === 'BENEFITS_PAYABLE');
    expect(payable?.balance).toBe('0');
    // No abort-listener build-up (finding 10), neither in the launcher nor in any part's log.
    expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
    expect(real.logs.filter((line) => line.includes('MaxListenersExceededWarning'))).toEqual([]);
    // Each kill waits for its restart: on a loaded 2-core machine 24 of them took over the suite's 5 minutes.
  }, 900_000);
});
