import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { op } from '../../test/fixtures/operations.js';
import { ACTORS, metroToday } from '../../test/fixtures/scenario.js';
import { mustQuery } from '../../test/harness/graphql.js';
import type { RunningTemporal } from '../../infra/temporal.js';
import type { ClaimsFlowResult } from '../load/claims-flow.js';
import { runLoad } from '../lib/run-load.js';
import { metroPerson } from '../lib/seed.js';
import { median, round } from '../lib/stats.js';
import { bearer, type BenchStack } from '../lib/system.js';

const NOOP_WORKER = fileURLToPath(new URL('../noop/worker.ts', import.meta.url));

export interface WorkflowFigures {
  api: number;
  noop: number;
  ratio: number;
}

/**
 * Claims driven submit → PAID by `lanes` concurrent clients through our API, against the same
 * claim workflow on the same Temporal server with activities that do nothing.
 */
export async function benchWorkflows(system: BenchStack, temporal: RunningTemporal, options: { lanes: number; claims: number; rounds: number }): Promise<WorkflowFigures> {
  const { mous } = (await mustQuery(system.gateway, op('MunicipalityByCode'), { code: '18.72' }, ACTORS.admin)).municipalityByCode as { mous: { id: string; status: string }[] };
  const active = mous.find((mou) => mou.status === 'ACTIVE');
  if (!active) throw new Error('the bench seed left Kota Metro without an ACTIVE MoU');
  const mouId = active.id;
  const enrol = async (n: number) =>
    (await mustQuery(system.gateway, op('EnrolParticipant'), { input: { mouId, ...metroPerson(n) } }, ACTORS.operator)).enrolParticipant.participant.id as string;
  const queueSuffix = `noop-${randomUUID().slice(0, 8)}`;
  const worker = spawn(process.execPath, ['--import', 'tsx', NOOP_WORKER], {
    env: { ...process.env, TEMPORAL_ADDRESS: temporal.address, LINDUNG_TASK_QUEUE_SUFFIX: queueSuffix },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: worker.stdout! })) if (line.startsWith('no-op claim workers ready')) break;
  const headers = { caseworker: await bearer(ACTORS.caseworker), verifier: await bearer(ACTORS.verifier), supervisor: await bearer(ACTORS.supervisor) };
  const api: number[] = [];
  const noop: number[] = [];
  let n = 1000;
  try {
    for (let r = 0; r < options.rounds; r++) {
      const base = { lanes: options.lanes, incidentDate: metroToday() };
      const fake = Array.from({ length: options.claims }, () => randomUUID());
      noop.push((await runLoad<ClaimsFlowResult>('claims-flow', { ...base, via: 'noop', participantIds: fake, temporalAddress: temporal.address, queueSuffix })).claimsPerSecond);
      const real: string[] = [];
      for (let i = 0; i < options.claims; i++) real.push(await enrol(n++));
      api.push((await runLoad<ClaimsFlowResult>('claims-flow', { ...base, via: 'api', participantIds: real, gateway: system.gateway, headers })).claimsPerSecond);
      console.log(`  round ${r + 1}: ${round(api.at(-1)!, 1)} claims/s through the API, ${round(noop.at(-1)!, 1)} claims/s on no-op activities`);
    }
  } finally {
    worker.kill('SIGTERM');
  }
  const figures = { api: round(median(api), 1), noop: round(median(noop), 1), ratio: 0 };
  figures.ratio = round(figures.api / figures.noop, 2);
  return figures;
}
