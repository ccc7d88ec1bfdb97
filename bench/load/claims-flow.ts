import { Client, Connection } from '@temporalio/client';
import { claimCommand, fileJkmClaim } from '../../test/fixtures/claim-workflow-fakes.js';
import { op } from '../../test/fixtures/operations.js';
import { approveUpdate, payoutAccountUpdate, verifyDocumentsUpdate } from '../../workflows/claim-lifecycle/claim-lifecycle.messages.js';
import { taskQueueNames } from '../../workflows/contracts/task-queues.js';
import { completeDocumentsOk, gql, graphqlOk } from '../lib/http.js';
import type { Phases } from '../lib/load-process.js';

export interface ClaimsFlowArgs {
  /** Through our API (gateway, subgraphs, database), or straight to Temporal on no-op activities. */
  via: 'api' | 'noop';
  lanes: number;
  participantIds: string[];
  incidentDate: string;
  gateway?: string;
  headers?: { caseworker: Record<string, string>; verifier: Record<string, string>; supervisor: Record<string, string> };
  temporalAddress?: string;
  queueSuffix?: string;
}

export interface ClaimsFlowResult {
  claims: number;
  seconds: number;
  claimsPerSecond: number;
  /** Through the API: status reads per claim while waiting for PAID. */
  pollsPerClaim?: number;
}

/**
 * Pause between two status reads while a client waits for PAID. The no-op path waits on the
 * workflow's result (a long poll that costs nothing); through the API the client must ask, and at
 * 5 ms eight clients read the claim ~17 times each (two fifths of the claim's requests), which the
 * servers then spend CPU on that the claims themselves need. 20 ms is still 50 reads a second.
 */
const PAID_POLL_MS = 20;

/** `lanes` concurrent clients each driving claims submit → verified → approved → PAID. */
export async function run(args: ClaimsFlowArgs, phases: Phases): Promise<ClaimsFlowResult> {
  const counters = { polls: 0 };
  const drive = args.via === 'api' ? await throughApi(args, counters) : await throughTemporal(args);
  let next = 0;
  const elapsed = await phases.measured(async () => {
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: args.lanes }, async () => {
        while (next < args.participantIds.length) await drive(args.participantIds[next++]!);
      }),
    );
    return (performance.now() - t0) / 1000;
  });
  const claims = args.participantIds.length;
  return { claims, seconds: elapsed, claimsPerSecond: claims / elapsed, ...(args.via === 'api' ? { pollsPerClaim: counters.polls / claims } : {}) };
}

async function throughApi(args: ClaimsFlowArgs, counters: { polls: number }): Promise<(participantId: string) => Promise<void>> {
  const { gateway, headers } = args as Required<ClaimsFlowArgs>;
  return async (participantId) => {
    const input = { participantId, program: 'JKM', incidentDate: args.incidentDate, heir: { name: 'Budi Santoso', relationship: 'SPOUSE', phone: '081234567890' } };
    const claimId = (await graphqlOk(gateway, gql(op('SubmitClaim'), { input }), headers.caseworker))['submitClaim'].id as string;
    await completeDocumentsOk(gateway, claimId, headers.verifier, op);
    await graphqlOk(gateway, gql(op('VerifyClaimDocuments'), { claimId }), headers.verifier);
    const account = { claimId, heirId: claimId, bankCode: '009', accountNumber: '0123456789', holderName: 'Budi Santoso' };
    await graphqlOk(gateway, gql(op('SetPayoutAccount'), { input: account }), headers.caseworker);
    await graphqlOk(gateway, gql(op('ApproveClaim'), { claimId }), headers.supervisor);
    for (let attempt = 0; attempt < 5000; attempt++) {
      counters.polls++;
      if ((await graphqlOk(gateway, gql(op('Claim'), { id: claimId }), headers.caseworker))['claim'].status === 'PAID') return;
      await new Promise((resolve) => setTimeout(resolve, PAID_POLL_MS));
    }
    throw new Error(`claim ${claimId} was not paid in time`);
  };
}

async function throughTemporal(args: ClaimsFlowArgs): Promise<(participantId: string) => Promise<void>> {
  const connection = await Connection.connect({ address: args.temporalAddress! });
  const client = new Client({ connection });
  const queues = taskQueueNames(args.queueSuffix);
  return async (participantId) => {
    const handle = await fileJkmClaim(client, queues, {
      participantId,
      incidentDate: args.incidentDate,
      heir: { name: 'Budi Santoso', relationship: 'SPOUSE', phone: '081234567890' },
    });
    // The no-op worker's documents checklist is complete (missingDocuments answers none), so
    // verification goes straight through; the heir's account is entered by the same Update as
    // through the API (its activity does nothing here), so both paths run the same Updates.
    await handle.executeUpdate(verifyDocumentsUpdate, { args: [claimCommand('caseworker.budi')] });
    const account = { bankCode: '009', accountNumber: '0123456789', holderName: 'Budi Santoso' };
    await handle.executeUpdate(payoutAccountUpdate, { args: [{ ...claimCommand('caseworker.ani'), heirId: handle.claimId, account }] });
    await handle.executeUpdate(approveUpdate, { args: [claimCommand('supervisor.citra', 'supervisor')] });
    if ((await handle.result()).status !== 'PAID') throw new Error(`claim ${handle.claimId} did not end PAID`);
  };
}
