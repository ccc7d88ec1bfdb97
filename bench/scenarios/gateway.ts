import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { op } from '../../test/fixtures/operations.js';
import { ACTORS } from '../../test/fixtures/scenario.js';
import { freePorts } from '../../test/harness/ports.js';
import { IDENTITY_HEADER, signIdentity, type Identity } from '../../services/kit/src/identity.js';
import { readSecrets } from '../../services/kit/src/secrets.js';
import type { RepeatResult } from '../load/repeat.js';
import { groupCpuMs } from '../lib/proc.js';
import { gql } from '../lib/http.js';
import { runLoad } from '../lib/run-load.js';
import { median, round } from '../lib/stats.js';
import { bearer, type BenchStack } from '../lib/system.js';
import { seedCityOverview } from '../lib/seed.js';

export type Route = 'hive' | 'apollo' | 'direct';

export interface RouteFigures {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  /** CPU ms per request, by process (the gateway under test, each service, PostgreSQL). */
  cpuPerRequest: Record<string, number>;
  /** CPU ms per request summed over every process. */
  cpuTotal: number;
}

export interface OperationFigures {
  name: string;
  subgraphs: string[];
  routes: Partial<Record<Route, RouteFigures>>;
}

export interface Operation {
  name: string;
  who: Identity;
  body: string;
  expect: string;
  /** The subgraph that answers it alone, when one does (then it is also called directly). */
  direct?: 'municipalities' | 'participants' | 'claims';
  subgraphs: string[];
  requests: number;
}

const APOLLO_ENTRY = fileURLToPath(new URL('../apollo/main.ts', import.meta.url));
const HIVE_ENTRY = fileURLToPath(new URL('../../services/gateway/src/main.ts', import.meta.url));

/**
 * Starts a gateway process of its own on the bench's subgraphs — the reference @apollo/gateway,
 * or (for profiling) ours — with extra node flags; resolves once it listens.
 */
export async function startGatewayProcess(system: BenchStack, kind: 'apollo' | 'hive', nodeArgs: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const [port] = (await freePorts(1)) as [number];
  const urls = system.stack.urls.subgraphs;
  const ready = kind === 'apollo' ? 'apollo gateway ready at ' : 'gateway ready at ';
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', kind === 'apollo' ? APOLLO_ENTRY : HIVE_ENTRY], {
    env: {
      ...process.env,
      PORT: String(port),
      MUNICIPALITIES_URL: urls['municipalities'],
      PARTICIPANTS_URL: urls['participants'],
      CLAIMS_URL: urls['claims'],
      LINDUNG_RATE_LIMIT_PER_MINUTE: '100000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line.startsWith(ready)) return { url: line.slice(ready.length), child };
  }
  throw new Error(`the ${kind} gateway process ended before it was ready`);
}

/** Starts the reference @apollo/gateway on the same subgraphs; resolves once it listens. */
export function startApollo(system: BenchStack): Promise<{ url: string; child: ChildProcess }> {
  return startGatewayProcess(system, 'apollo');
}

/** The three operations the gateway target names, on data seeded through the API. */
export async function gatewayOperations(system: BenchStack): Promise<Operation[]> {
  const seeded = await seedCityOverview(system.gateway, 50);
  const partner = { ...ACTORS.partner };
  return [
    {
      name: 'city overview (partner)',
      who: partner,
      body: gql(op('CityClaimsOverview'), { code: '18.72' }),
      expect: '"PAID"',
      subgraphs: ['municipalities', 'participants', 'claims'],
      requests: 300,
    },
    {
      name: 'participant search by NIK (caseworker)',
      who: ACTORS.caseworker,
      body: gql('query Search($nik: String!) { participantsByNik(nik: $nik) { id fullName status coverageFrom coverageTo } }', { nik: seeded.niks[7] }),
      expect: 'Peserta 0008',
      direct: 'participants',
      subgraphs: ['participants'],
      requests: 1000,
    },
    {
      name: 'claim lookup (caseworker)',
      who: ACTORS.caseworker,
      body: gql(op('Claim'), { id: seeded.claimIds[3] }),
      expect: seeded.claimIds[3]!,
      direct: 'claims',
      subgraphs: ['claims'],
      requests: 1000,
    },
  ];
}

/**
 * Three operations through our gateway, through @apollo/gateway on the same supergraph and
 * subgraphs, and (when one subgraph answers alone) straight to that subgraph: latency at
 * concurrency 1 and CPU per request of every process, medians of `rounds` rounds.
 */
export async function benchGateway(system: BenchStack, rounds: number): Promise<OperationFigures[]> {
  const operations = await gatewayOperations(system);
  const apollo = await startApollo(system);
  const secrets = readSecrets();
  try {
    const figures: OperationFigures[] = [];
    for (const operation of operations) {
      const result: OperationFigures = { name: operation.name, subgraphs: operation.subgraphs, routes: {} };
      const routes: [Route, string, () => Promise<Record<string, string>>][] = [
        ['hive', system.gateway, () => bearer(operation.who)],
        ['apollo', apollo.url, () => bearer(operation.who)],
      ];
      if (operation.direct) {
        const direct = system.stack.urls.subgraphs[operation.direct]!;
        routes.push(['direct', direct, async () => ({ [IDENTITY_HEADER]: await signIdentity(operation.who, secrets.internalSecret, randomUUID()) })]);
      }
      for (const [route, url, headers] of routes) {
        const perRound: RouteFigures[] = [];
        for (let r = 0; r < rounds; r++) {
          const groups = (): Record<string, number[]> => {
            const all = system.processes();
            const gatewayPids = route === 'apollo' ? [apollo.child.pid!] : route === 'hive' ? (all['gateway'] ?? []) : [];
            const { gateway: _ours, ...rest } = all;
            return { gateway: gatewayPids, ...rest };
          };
          let before: Record<string, number> = {};
          let after: Record<string, number> = {};
          const cpu = () => Object.fromEntries(Object.entries(groups()).map(([name, pids]) => [name, groupCpuMs(() => pids)]));
          const load = await runLoad<RepeatResult>(
            'repeat',
            {
              url,
              headers: await headers(),
              body: operation.body,
              expect: operation.expect,
              concurrency: 1,
              warmup: Math.round(operation.requests / 5),
              requests: operation.requests,
            },
            { start: () => void (before = cpu()), end: () => void (after = cpu()) },
          );
          if (load.failures > 0) throw new Error(`${operation.name} via ${route}: ${load.failures} failed answers, e.g. ${load.firstFailure}`);
          const cpuPerRequest = Object.fromEntries(Object.keys(after).map((name) => [name, round(((after[name] ?? 0) - (before[name] ?? 0)) / load.count, 3)]));
          const cpuTotal = round(
            Object.values(cpuPerRequest).reduce((a, b) => a + b, 0),
            3,
          );
          perRound.push({ p50: load.p50, p95: load.p95, p99: load.p99, rps: load.rps, cpuPerRequest, cpuTotal });
        }
        result.routes[route] = medianFigures(perRound);
        const f = result.routes[route]!;
        console.log(`  ${operation.name} via ${route}: p50 ${f.p50} ms, CPU/request ${f.cpuTotal} ms (gateway ${f.cpuPerRequest['gateway'] ?? 0} ms)`);
      }
      figures.push(result);
    }
    return figures;
  } finally {
    apollo.child.kill('SIGTERM');
  }
}

function medianFigures(rounds: RouteFigures[]): RouteFigures {
  const names = Object.keys(rounds[0]!.cpuPerRequest);
  return {
    p50: median(rounds.map((r) => r.p50)),
    p95: median(rounds.map((r) => r.p95)),
    p99: median(rounds.map((r) => r.p99)),
    rps: median(rounds.map((r) => r.rps)),
    cpuPerRequest: Object.fromEntries(names.map((name) => [name, median(rounds.map((r) => r.cpuPerRequest[name] ?? 0))])),
    cpuTotal: median(rounds.map((r) => r.cpuTotal)),
  };
}

// `npx tsx bench/scenarios/gateway.ts [--rounds N]`: the gateway scenario alone (target 2 and the
// whole-request figure of target 3), with the ratios npm run bench reports and the machine's load.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { startBenchStack, startBenchTemporal, startInfra } = await import('../lib/system.js');
  const at = process.argv.indexOf('--rounds');
  const rounds = at > 0 ? Number(process.argv[at + 1]) : 1;
  const infra = await startInfra();
  try {
    const temporal = await startBenchTemporal(true);
    const system = await startBenchStack(infra, temporal, 'gateway');
    try {
      const figures = await benchGateway(system, rounds);
      for (const operation of figures) {
        const { hive, apollo, direct } = operation.routes;
        const ratio = round((hive!.cpuPerRequest['gateway'] ?? 0) / Math.max(0.001, apollo!.cpuPerRequest['gateway'] ?? 0), 2);
        const added = direct ? `, added latency +${round(hive!.p50 - direct.p50, 2)} ms p50 (direct ${direct.p50} ms)` : '';
        console.log(
          `${operation.name}: CPU ${ratio}× Apollo (ours ${hive!.cpuPerRequest['gateway']} ms, Apollo ${apollo!.cpuPerRequest['gateway']} ms), p50 ${hive!.p50} vs ${apollo!.p50} ms${added}`,
        );
      }
      console.log(
        `load average ${(await import('node:os'))
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
      );
    } finally {
      await system.stop();
      await temporal.stop();
    }
  } finally {
    await infra.stop();
  }
}
