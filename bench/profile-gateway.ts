import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RepeatResult } from './load/repeat.js';
import { runLoad } from './lib/run-load.js';
import { bearer, startBenchStack, startBenchTemporal, startInfra } from './lib/system.js';
import { gatewayOperations, startGatewayProcess } from './scenarios/gateway.js';

// Where the gateways spend their CPU, per operation (a helper's profiling run; not part of npm run
// bench): `npx tsx bench/profile-gateway.ts [dir] [--only hive|apollo]`. For each of the bench's
// three operations, our gateway and @apollo/gateway each run in a process of their own under
// `node --cpu-prof` on the bench's stack, get the bench's load at concurrency 1, and stop; the
// top self-time frames of the measured phase (startup and warm-up left out) are printed, and the
// .cpuprofile files stay in `dir` for a closer look (Chrome DevTools, speedscope).

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--only') ?? '/tmp/gateway-profiles';
mkdirSync(dir, { recursive: true });

/** Self time by frame and by package over the last `windowMs` of the profile. */
function topFrames(profile: Profile, windowMs: number, count = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const packages = new Map<string, number>();
  let t = profile.startTime;
  const from = profile.endTime - windowMs * 1000;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < from) continue;
    const node = byId.get(profile.samples[i]!)!;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    total += dt;
    const file = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '');
    const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const pkg = url.includes('/node_modules/')
      ? (/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? 'node_modules')
      : url.startsWith('node:') || url === ''
        ? functionName.startsWith('(')
          ? functionName
          : 'node internals'
        : url.includes('/services/') || url.includes('/domain/')
          ? 'lindung'
          : 'other';
    packages.set(pkg, (packages.get(pkg) ?? 0) + dt);
  }
  const lines = [`    busy ${total.toFixed(0)} ms in the measured window`];
  lines.push(
    '    by package: ' +
      [...packages]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([k, v]) => `${k} ${((v / total) * 100).toFixed(1)}%`)
        .join(', '),
  );
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, count)) lines.push(`    ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
  return lines.join('\n');
}

const infra = await startInfra();
try {
  const temporal = await startBenchTemporal(true);
  const system = await startBenchStack(infra, temporal, 'gateway');
  try {
    const operations = await gatewayOperations(system);
    for (const operation of operations) {
      for (const kind of ['hive', 'apollo'] as const) {
        if (only && only !== kind) continue;
        // One folder per run: node writes a profile per thread (the tsx loader has one of its own).
        const runDir = join(dir, `${kind}-${operation.name.replace(/\W+/g, '-').replace(/-+$/, '')}`);
        mkdirSync(runDir, { recursive: true });
        const gateway = await startGatewayProcess(system, kind, ['--cpu-prof', `--cpu-prof-dir=${runDir}`, '--cpu-prof-interval=200']);
        let started = 0;
        let measuredMs = 0;
        await runLoad<RepeatResult>(
          'repeat',
          {
            url: gateway.url,
            headers: await bearer(operation.who),
            body: operation.body,
            expect: operation.expect,
            concurrency: 1,
            warmup: operation.requests,
            requests: operation.requests * 2,
          },
          { start: () => void (started = performance.now()), end: () => void (measuredMs = performance.now() - started) },
        );
        const exited = new Promise((resolve) => gateway.child.once('exit', resolve));
        gateway.child.kill('SIGTERM');
        await exited;
        // The main thread's profile is the largest.
        const file = readdirSync(runDir)
          .filter((f) => f.endsWith('.cpuprofile'))
          .map((f) => ({ f, size: statSync(join(runDir, f)).size }))
          .sort((a, b) => b.size - a.size)[0]!.f;
        const profile = JSON.parse(readFileSync(join(runDir, file), 'utf8')) as Profile;
        console.log(`\n${operation.name} via ${kind} (${operation.requests * 2} requests, ${measuredMs.toFixed(0)} ms):\n${topFrames(profile, measuredMs)}`);
      }
    }
  } finally {
    await system.stop();
    await temporal.stop();
  }
} finally {
  await infra.stop();
}
