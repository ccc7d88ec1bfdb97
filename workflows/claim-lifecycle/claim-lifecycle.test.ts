import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainErrorFromTemporal } from '../../services/kit/src/temporal.js';
import { startTestSystem, type TestSystem } from '../../test/harness/system.js';
import { ACTORS, enrol, metroToday, metroWithActiveMou } from '../../test/fixtures/scenario.js';
import { bundleWorkflows } from '../lifecycle-worker.js';
import { approveUpdate, intakeUpdate, progressQuery, verifyDocumentsUpdate, type ClaimLifecycleInput } from './claim-lifecycle.messages.js';

// The claim workflow against a real Temporal dev server, with the services' real activities.
const HISTORIES = fileURLToPath(new URL('../../test/fixtures/histories/', import.meta.url));

let system: TestSystem;
let connection: Connection;
let client: Client;

beforeAll(async () => {
  system = await startTestSystem('claim-workflow');
  connection = await Connection.connect({ address: system.temporal.address });
  client = new Client({ connection, namespace: system.temporal.namespace });
});
afterAll(async () => {
  await connection?.close();
  await system?.stop();
});

async function startAcceptedClaim(participantId: string, claimId: string) {
  const input: ClaimLifecycleInput = {
    claimId,
    participantId,
    program: 'JKM',
    incidentDate: metroToday(),
    heir: { name: 'Budi Santoso', relationship: 'SPOUSE', phone: null },
    submittedBy: ACTORS.caseworker.subject,
    cities: ACTORS.caseworker.cities,
    submitterRoles: ACTORS.caseworker.roles,
    requestId: null,
    supervisorThreshold: '20000000',
    queues: system.queues,
  };
  const start = new WithStartWorkflowOperation('claimLifecycle', {
    workflowId: `claim/${claimId}`,
    taskQueue: system.queues.lifecycle,
    args: [input],
    workflowIdConflictPolicy: 'FAIL',
  });
  await client.workflow.executeUpdateWithStart(intakeUpdate, { startWorkflowOperation: start });
  return start.workflowHandle();
}

describe('claim lifecycle workflow', () => {
  it('lets exactly one of two simultaneous approvals through, and pays once', async () => {
    const { mouId } = await metroWithActiveMou(system.gatewayUrl);
    const participant = await enrol(system.gatewayUrl, mouId);
    const claimId = crypto.randomUUID();
    const handle = await startAcceptedClaim(participant.id, claimId);
    await handle.executeUpdate(verifyDocumentsUpdate, { args: [{ actor: ACTORS.verifier.subject, roles: ['caseworker'], cities: ['18.72'], requestId: null, note: null }] });

    const attempts = await Promise.allSettled([
      handle.executeUpdate(approveUpdate, { args: [{ actor: 'supervisor.one', roles: ['supervisor'], cities: ['18.72'], requestId: null, note: null }] }),
      handle.executeUpdate(approveUpdate, { args: [{ actor: 'supervisor.two', roles: ['supervisor'], cities: ['18.72'], requestId: null, note: null }] }),
    ]);
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const refused = attempts.find((a) => a.status === 'rejected') as PromiseRejectedResult;
    expect(domainErrorFromTemporal(refused.reason)?.code).toBe('INVALID_TRANSITION');

    const outcome = await handle.result();
    expect(outcome.status).toBe('PAID');
    expect(await handle.query(progressQuery)).toMatchObject({ status: 'PAID', verifiedBy: ACTORS.verifier.subject });
    const payouts = await system.services.claims.deps.dataSource.query(`SELECT amount FROM claims.payout WHERE claim_id = $1`, [claimId]);
    expect(payouts).toEqual([{ amount: '42000000' }]);

    // The run's own history replays cleanly on the current code.
    const history = await handle.fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: await bundleWorkflows() }, history);
    // Record it as a fixture once (LINDUNG_RECORD_HISTORIES=1); later runs replay the committed copy.
    const fixture = `${HISTORIES}claim-lifecycle-paid.json`;
    if (process.env['LINDUNG_RECORD_HISTORIES'] === '1') writeFileSync(fixture, historyToJSON(history));
  });

  it('replays every recorded history, so a non-deterministic change to a workflow fails here', async () => {
    const files = readdirSync(HISTORIES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    const workflowBundle = await bundleWorkflows();
    for (const file of files) {
      const history = historyFromJSON(JSON.parse(readFileSync(HISTORIES + file, 'utf8')));
      await Worker.runReplayHistory({ workflowBundle }, history, file);
    }
  });
});
