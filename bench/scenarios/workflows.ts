import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { op } from '../../test/fixtures/operations.js';
import { ACTORS, metroToday, metroWithActiveMou } from '../../test/fixtures/scenario.js';
import { mustQuery } from '../../test/harness/graphql.js';
import type { RunningTemporal } from '../../infra/temporal.js';
import type { ClaimsFlowResult } from '../load/claims-flow.js';
import { runLoad } from '../lib/run-load.js';
import { metroPerson } from '../lib/seed.js';
import { median, round } from '../lib/stats.js';
import { groupCpuMs } from '../lib/proc.js';
import { bearer, startBenchStack, startBenchTemporal, startInfra, type BenchStack } from '../lib/system.js';

const NOOP_WORKER = fileURLToPath(new URL('../noop/worker.ts', import.meta.url));

export interface WorkflowFigures {
  api: number;
  noop: number;
  ratio: number;
  /** CPU ms per claim by process (last round): through the API, and on no-op activities (its worker counted as `noop`). */
  cpuPerClaim?: { api: Record<string, number>; noop: Record<string, number> };
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
  const stackCpu = (): Record<string, number> => {
    const groups: Record<string, number[]> = {
      ...system.processes(),
      noop: worker.pid ? [worker.pid] : [],
      ...(temporal.process?.pid ? { temporal: [temporal.process.pid] } : {}),
    };
    return Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, groupCpuMs(() => pids)]));
  };
  const sampled = () => {
    const at: { before: Record<string, number>; after: Record<string, number> } = { before: {}, after: {} };
    const perClaim = () => Object.fromEntries(Object.keys(at.after).map((name) => [name, round(((at.after[name] ?? 0) - (at.before[name] ?? 0)) / options.claims, 2)]));
    return { hooks: { start: () => void (at.before = stackCpu()), end: () => void (at.after = stackCpu()) }, perClaim };
  };
  const polls: number[] = [];
  const cpuPerClaim: NonNullable<WorkflowFigures['cpuPerClaim']> = { api: {}, noop: {} };
  let n = 1000;
  try {
    for (let r = 0; r < options.rounds; r++) {
      const base = { lanes: options.lanes, incidentDate: metroToday() };
      const fake = Array.from({ length: options.claims }, () => randomUUID());
      const noopCpu = sampled();
      noop.push(
        (await runLoad<ClaimsFlowResult>('claims-flow', { ...base, via: 'noop', participantIds: fake, temporalAddress: temporal.address, queueSuffix }, noopCpu.hooks))
          .claimsPerSecond,
      );
      cpuPerClaim.noop = noopCpu.perClaim();
      const real: string[] = [];
      for (let i = 0; i < options.claims; i++) real.push(await enrol(n++));
      const apiCpu = sampled();
      const viaApi = await runLoad<ClaimsFlowResult>('claims-flow', { ...base, via: 'api', participantIds: real, gateway: system.gateway, headers }, apiCpu.hooks);
      api.push(viaApi.claimsPerSecond);
      polls.push(viaApi.pollsPerClaim ?? 0);
      cpuPerClaim.api = apiCpu.perClaim();
      console.log(
        `  round ${r + 1}: ${round(api.at(-1)!, 1)} claims/s through the API (${round(polls.at(-1)!, 1)} status reads a claim waiting for PAID), ${round(noop.at(-1)!, 1)} claims/s on no-op activities`,
      );
    }
  } finally {
    worker.kill('SIGTERM');
  }
  const figures = { api: round(median(api), 1), noop: round(median(noop), 1), ratio: 0, cpuPerClaim };
  figures.ratio = round(figures.api / figures.noop, 2);
  return figures;
}

// Standalone: `npx tsx bench/scenarios/workflows.ts [claims] [rounds]` (target 6 alone, 8 clients; prints CPU per claim by process).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const infra = await startInfra();
  const temporal = await startBenchTemporal(true);
  try {
    const system = await startBenchStack(infra, temporal, 'workflows');
    try {
      await metroWithActiveMou(system.gateway);
      const figures = await benchWorkflows(system, temporal, { lanes: 8, claims: Number(process.argv[2] ?? 40), rounds: Number(process.argv[3] ?? 3) });
      console.log(`  ${figures.api} claims/s through the API, ${figures.noop} no-op: ${Math.round(figures.ratio * 100)}%`);
      console.log(`  CPU ms per claim, API: ${JSON.stringify(figures.cpuPerClaim?.api)}`);
      console.log(`  CPU ms per claim, no-op: ${JSON.stringify(figures.cpuPerClaim?.noop)}`);
    } finally {
      await system.stop();
    }
  } finally {
    await temporal.stop();
    await infra.stop();
  }
}
