import type { MutationResult } from '../load/mutations.js';
import { ACTORS, metroWithActiveMou } from '../../test/fixtures/scenario.js';
import { runLoad } from '../lib/run-load.js';
import { round } from '../lib/stats.js';
import { bearer, startBenchStack, startBenchTemporal, type BenchInfra } from '../lib/system.js';

export interface MutationFigures {
  stock: MutationResult;
  tuned: MutationResult;
}

/** One journey's mutations at concurrency 1 on a stock dev server and on ours, in the same run. */
export async function benchMutations(infra: BenchInfra, rounds: { stock: number; tuned: number }): Promise<MutationFigures> {
  const results: Partial<MutationFigures> = {};
  for (const variant of ['stock', 'tuned'] as const) {
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
      results[variant] = await runLoad<MutationResult>('mutations', { gateway: system.gateway, mouId, headers, warmup: 3, rounds: rounds[variant], serialBase: 1 });
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
