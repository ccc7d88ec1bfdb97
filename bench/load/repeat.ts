import { graphqlOk } from '../lib/http.js';
import type { Phases } from '../lib/load-process.js';
import { summarise, type LatencyStats } from '../lib/stats.js';

export interface RepeatArgs {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** A string every answer must contain (e.g. an id it must return). */
  expect?: string;
  concurrency: number;
  warmup: number;
  requests: number;
}

export interface RepeatResult extends LatencyStats {
  rps: number;
  failures: number;
  firstFailure: string | null;
}

/** The same request over and over at a fixed concurrency; every answer checked. */
export async function run(args: RepeatArgs, phases: Phases): Promise<RepeatResult> {
  let failures = 0;
  let firstFailure: string | null = null;
  const drive = async (count: number, latencies: number[] | null) => {
    let next = 0;
    const lane = async () => {
      while (next < count) {
        next++;
        const t0 = performance.now();
        try {
          await graphqlOk(args.url, args.body, args.headers, args.expect);
          latencies?.push(performance.now() - t0);
        } catch (error) {
          failures++;
          firstFailure ??= String(error);
        }
      }
    };
    await Promise.all(Array.from({ length: args.concurrency }, lane));
  };
  await drive(args.warmup, null);
  const latencies: number[] = [];
  const elapsed = await phases.measured(async () => {
    const t0 = performance.now();
    await drive(args.requests, latencies);
    return performance.now() - t0;
  });
  return { ...summarise(latencies), rps: Math.round((latencies.length / elapsed) * 1000), failures, firstFailure };
}
