import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { op } from '../test/fixtures/operations.js';
import { ACTORS } from '../test/fixtures/scenario.js';
import type { RepeatResult } from './load/repeat.js';
import { groupCpuMs } from './lib/proc.js';
import { gql } from './lib/http.js';
import { runLoad } from './lib/run-load.js';
import { seedCityOverview } from './lib/seed.js';
import { median, round } from './lib/stats.js';
import { bearer, startBenchStack, startBenchTemporal, startInfra } from './lib/system.js';

// Only the city overview (target 3), through our gateway: CPU ms per request of every process,
// medians of --rounds rounds of --requests requests (a helper's measuring run; not part of npm run bench).
// `--profile <dir>` also records a V8 CPU profile of each Node process over the measured requests
// of every round and writes one .cpuprofile per process and round there (Chrome DevTools, speedscope).
//   npx tsx bench/profile-overview.ts [--rounds 3] [--requests 500] [--profile /tmp/overview-prof]

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1]! : fallback;
};
const rounds = Number(arg('--rounds', '3'));
const requests = Number(arg('--requests', '500'));
const profileDir = arg('--profile', '');

if (profileDir) {
  mkdirSync(profileDir, { recursive: true });
  // Every part loads the profiler hook; SIGUSR2 starts and stops it (see cpu-profile-on-signal.mjs).
  const hook = fileURLToPath(new URL('./lib/cpu-profile-on-signal.mjs', import.meta.url));
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import ${hook}`.trim();
  process.env.LINDUNG_CPU_PROFILE_DIR = profileDir;
}
const infra = await startInfra();
try {
  const temporal = await startBenchTemporal(true);
  try {
    const system = await startBenchStack(infra, temporal, 'overview');
    try {
      await seedCityOverview(system.gateway, 50);
      const body = gql(op('CityClaimsOverview'), { code: '18.72' });
      const headers = await bearer({ ...ACTORS.partner });
      const perRound: Record<string, number>[] = [];
      for (let r = 0; r < rounds; r++) {
        // Read when the measured requests start: PostgreSQL backends the warm-up opened count too.
        let groups: Record<string, number[]> = {};
        const cpu = () => Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, groupCpuMs(() => pids)]));
        const toggleProfilers = () => {
          if (!profileDir) return;
          for (const [name, pids] of Object.entries(groups)) if (name !== 'postgres') for (const pid of pids) process.kill(pid, 'SIGUSR2');
        };
        let before: Record<string, number> = {};
        let after: Record<string, number> = {};
        const load = await runLoad<RepeatResult>(
          'repeat',
          { url: system.gateway, headers, body, expect: '"PAID"', concurrency: 1, warmup: Math.round(requests / 5), requests },
          {
            start: () => {
              groups = system.processes();
              toggleProfilers();
              before = cpu();
            },
            end: () => {
              after = cpu();
              toggleProfilers();
            },
          },
        );
        if (load.failures > 0) throw new Error(`city overview: ${load.failures} failed answers, e.g. ${load.firstFailure}`);
        const figures = Object.fromEntries(Object.keys(after).map((name) => [name, round(((after[name] ?? 0) - (before[name] ?? 0)) / load.count, 3)]));
        figures['total'] = round(
          Object.values(figures).reduce((a, b) => a + b, 0),
          3,
        );
        figures['p50'] = load.p50;
        perRound.push(figures);
        console.log(`round ${r + 1}: ${JSON.stringify(figures)}`);
      }
      const names = Object.keys(perRound[0]!);
      console.log(`median of ${rounds}: ${names.map((name) => `${name} ${median(perRound.map((f) => f[name] ?? 0))}`).join(', ')}`);
      if (profileDir) console.log(`profiles in ${profileDir}`);
    } finally {
      await system.stop();
    }
  } finally {
    await temporal.stop();
  }
} finally {
  await infra.stop();
}
