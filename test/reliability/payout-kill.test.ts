import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { launchStack, type RunningStack } from '../../infra/stack.js';
import { startFakeProvider, type FakeProvider } from '../../services/claims/src/payout/fake-provider/fake-provider.js';
import { createTestDatabase, type TestDatabase } from '../harness/database.js';
import { mustQuery } from '../harness/graphql.js';
import { freePorts } from '../harness/ports.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, completeDocuments, enrol, enterPayoutAccount, jkmClaim, metroWithActiveMou, SITI } from '../fixtures/scenario.js';

// Issue 15's "worker killed between the provider accepting a payout and the activity completing":
// the claims service (its own process under the launcher, which restarts it) is SIGKILLed by the
// fake provider right after it accepted each transfer and before it answered. The restarted
// service's payout activity asks the provider for the key's status instead of sending again.
const CLAIMS = 3;
let stack: RunningStack;
let db: TestDatabase;
let fake: FakeProvider;
let gateway: string;
const logs: string[] = [];
const killed = new Set<string>();

beforeAll(async () => {
  db = await createTestDatabase('payout-kill');
  fake = await startFakeProvider({ apiKey: 'kill-test-key' });
  fake.onAccepted = async (transfer) => {
    if (killed.has(transfer.idempotencyKey)) return;
    killed.add(transfer.idempotencyKey);
    const pid = stack.pid('claims');
    if (pid !== undefined) process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200)); // the answer goes to a dead socket
  };
  const [municipalities, participants, claims, lifecycle, gatewayPort] = (await freePorts(5)) as [number, number, number, number, number];
  stack = await launchStack({
    databaseUrl: db.url,
    temporalAddress: inject('temporalAddress'),
    temporalNamespace: inject('temporalNamespace'),
    ports: { municipalities, participants, claims, lifecycle, gateway: gatewayPort },
    env: { LINDUNG_TASK_QUEUE_SUFFIX: `kill-${randomUUID().slice(0, 8)}`, LINDUNG_PAYOUT_PROVIDER_URL: fake.url, LINDUNG_PAYOUT_PROVIDER_KEY: 'kill-test-key' },
    migrate: null,
    log: (line) => logs.push(line),
  });
  gateway = stack.urls.graphql;
});
afterAll(async () => {
  await stack?.stop();
  await fake?.close();
  await db?.drop();
});

async function statusOf(claimId: string): Promise<Record<string, any>> {
  for (;;) {
    try {
      return (await mustQuery(gateway, op('ClaimPayouts'), { id: claimId }, ACTORS.supervisor)).claim;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250)); // the claims subgraph is restarting
    }
  }
}

describe('the claims service killed after the provider accepted a payout', () => {
  it(`pays each of ${CLAIMS} claims exactly once`, async () => {
    const { mouId } = await metroWithActiveMou(gateway);
    const claimIds: string[] = [];
    for (let n = 0; n < CLAIMS; n++) {
      const { id } = await enrol(gateway, mouId, { ...SITI, nik: `18720145068000${10 + n}`, fullName: `Ahli Waris ${n}` });
      const { submitClaim } = await mustQuery(gateway, op('SubmitClaim'), { input: jkmClaim(id) }, ACTORS.caseworker);
      await completeDocuments(gateway, submitClaim.id);
      await mustQuery(gateway, op('VerifyClaimDocuments'), { claimId: submitClaim.id }, ACTORS.verifier);
      await enterPayoutAccount(gateway, submitClaim.id);
      claimIds.push(submitClaim.id);
    }
    // One approval at a time: each payout is killed once, and the service must be back for the next approval.
    for (const claimId of claimIds) {
      await mustQuery(gateway, op('ApproveClaim'), { claimId }, ACTORS.supervisor);
      for (let i = 0; i < 400 && (await statusOf(claimId)).status !== 'PAID'; i++) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const claims = await Promise.all(claimIds.map(statusOf));
    const transfers = fake.executed();
    const duplicates = claims.filter((c) => transfers.filter((t) => t.reference === c.heirPayouts[0]?.reference).length !== 1).length;
    const { ledgerBalances } = await mustQuery(gateway, op('LedgerBalances'), { regionCode: '18.72' }, ACTORS.manager);
    console.log(
      `payout kills: ${CLAIMS} claims, ${killed.size} kills of the claims service between acceptance and completion, ${stack.restarts('claims')} restarts, ` +
        `${fake.statusQueries} status queries before re-sending, ${transfers.length} transfers, ${duplicates} duplicates, ${claims.filter((c) => c.status !== 'PAID').length} stuck, ledger balanced ${ledgerBalances.balanced}`,
    );
    expect(claims.map((c) => c.status)).toEqual(claimIds.map(() => 'PAID'));
    expect(killed.size).toBe(CLAIMS);
    expect(transfers).toHaveLength(CLAIMS);
    expect(fake.statusQueries).toBeGreaterThanOrEqual(CLAIMS);
    expect(duplicates).toBe(0);
    expect(claims.map((c) => c.heirPayouts.map((p: any) => p.status))).toEqual(claimIds.map(() => ['SENT']));
    expect(ledgerBalances).toMatchObject({ balanced: true, totalDebits: String(2n * 42_000_000n * BigInt(CLAIMS)) });
  });
});
