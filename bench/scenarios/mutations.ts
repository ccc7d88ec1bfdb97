import { fileURLToPath } from 'node:url';
import type { MutationResult } from '../load/mutations.js';
import { ACTORS, metroWithActiveMou } from '../../test/fixtures/scenario.js';
import { groupCpuMs } from '../lib/proc.js';
import { runLoad } from '../lib/run-load.js';
import { round } from '../lib/stats.js';
import { bearer, startBenchStack, startBenchTemporal, startInfra, type BenchInfra, type BenchStack } from '../lib/system.js';
import type { RunningTemporal } from '../../infra/temporal.js';

export interface MutationFigures {
  stock: MutationResult;
  tuned: MutationResult;
  /** CPU ms per journey (enrol, submit, documents, verify, account, approve, paid) by process, tuned server. */
  cpuPerJourney?: Record<string, number>;
}

/** CPU ms of every process of a stack and of its Temporal server, by name, sampled now. */
export function stackCpu(system: BenchStack, temporal: RunningTemporal): () => Record<string, number> {
  return () => {
    const groups: Record<string, number[]> = { ...system.processes(), ...(temporal.process?.pid ? { temporal: [temporal.process.pid] } : {}) };
    return Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, groupCpuMs(() => pids)]));
  };
}

/** The CPU a phase cost each process, divided by `per`. */
export function cpuDelta(before: Record<string, number>, after: Record<string, number>, per: number): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((name) => [name, round(((after[name] ?? 0) - (before[name] ?? 0)) / per, 2)]));
}

/** One journey's mutations at concurrency 1 on a stock dev server and on ours, in the same run. */
export async function benchMutations(
  infra: BenchInfra,
  rounds: { stock: number; tuned: number },
  variants: readonly ('stock' | 'tuned')[] = ['stock', 'tuned'],
): Promise<MutationFigures> {
  const results: Partial<MutationFigures> = {};
  for (const variant of variants) {
    const temporal = await startBenchTemporal(variant === 'tuned');
    const system = await startBenchStack(infra, temporal, `mutations_${variant}`);
    try {
      const { mouId } = await metroWithActiveMou(system.gateway);
      const headers = {
        operator: await bearer(ACTORS.operator),
        caseworker: await bearer(ACTORS.caseworker),
        verifier: await bearer(ACTORS.verifier),
        supervisor: await bearer(ACTORS.supervisor),
      };
      const cpu = stackCpu(system, temporal);
      let before: Record<string, number> = {};
      let after: Record<string, number> = {};
      results[variant] = await runLoad<MutationResult>(
        'mutations',
        { gateway: system.gateway, mouId, headers, warmup: 3, rounds: rounds[variant], serialBase: 1 },
        { start: () => void (before = cpu()), end: () => void (after = cpu()) },
      );
      if (variant === 'tuned') results.cpuPerJourney = cpuDelta(before, after, rounds[variant]);
      const r = results[variant]!;
      console.log(
        `  mutations on the ${variant} dev server (p50 ms): enrol ${r.enrol.p50}, submit ${r.submit.p50}, verify ${r.verify.p50}, approve ${r.approve.p50}, approved→PAID ${r.approvedToPaid.p50}`,
      );
    } finally {
      await system.stop();
      await temporal.stop();
    }
  }
  return results as MutationFigures;
}

export function speedups(figures: MutationFigures): Record<keyof MutationResult, number> {
  const keys = Object.keys(figures.tuned) as (keyof MutationResult)[];
  return Object.fromEntries(keys.map((k) => [k, round(figures.stock[k].p50 / figures.tuned[k].p50, 1)])) as Record<keyof MutationResult, number>;
}

// Standalone: `npx tsx bench/scenarios/mutations.ts [rounds] [--tuned-only]` (target 1 alone; prints p50/p95 and CPU per journey).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const infra = await startInfra();
  try {
    const n = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 20);
    const tunedOnly = process.argv.includes('--tuned-only');
    const figures = await benchMutations(infra, { stock: Math.max(1, Math.round(n / 2)), tuned: n }, tunedOnly ? ['tuned'] : ['stock', 'tuned']);
    for (const [step, stats] of Object.entries(figures.tuned)) console.log(`  tuned ${step}: p50 ${stats.p50} ms, p95 ${stats.p95} ms, mean ${stats.mean} ms (${stats.count})`);
    console.log(`  CPU ms per journey: ${JSON.stringify(figures.cpuPerJourney)}`);
  } finally {
    await infra.stop();
  }
}
