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

interface Operation {
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

/** Starts the reference @apollo/gateway on the same subgraphs; resolves once it listens. */
async function startApollo(system: BenchStack): Promise<{ url: string; child: ChildProcess }> {
  const [port] = (await freePorts(1)) as [number];
  const urls = system.stack.urls.subgraphs;
  const child = spawn(process.execPath, ['--import', 'tsx', APOLLO_ENTRY], {
    env: { ...process.env, PORT: String(port), MUNICIPALITIES_URL: urls['municipalities'], PARTICIPANTS_URL: urls['participants'], CLAIMS_URL: urls['claims'] },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line.startsWith('apollo gateway ready at ')) return { url: line.slice('apollo gateway ready at '.length), child };
  }
  throw new Error('the @apollo/gateway process ended before it was ready');
}

/**
 * Three operations through our gateway, through @apollo/gateway on the same supergraph and
 * subgraphs, and (when one subgraph answers alone) straight to that subgraph: latency at
 * concurrency 1 and CPU per request of every process, medians of `rounds` rounds.
 */
export async function benchGateway(system: BenchStack, rounds: number): Promise<OperationFigures[]> {
  const seeded = await seedCityOverview(system.gateway, 50);
  const partner = { ...ACTORS.partner };
  const operations: Operation[] = [
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
