import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PeakMemory } from './lib/proc.js';
import { markdown, machine, type TargetRow } from './lib/report.js';
import { round } from './lib/stats.js';
import { startBenchStack, startBenchTemporal, startInfra } from './lib/system.js';
import { benchBilling } from './scenarios/billing.js';
import { benchGateway, type OperationFigures } from './scenarios/gateway.js';
import { benchMutations, speedups } from './scenarios/mutations.js';
import { benchWorkflows, type WorkflowFigures } from './scenarios/workflows.js';
import { benchImport } from './scenarios/import.js';
import { benchScale } from './scenarios/scale.js';

// `npm run bench`: starts what it needs, measures each target against its baseline in the same
// run, and writes bench/results/latest.json and latest.md. Unattended, loopback only, bounded.

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const quick = process.argv.includes('--quick');
const rounds = quick ? 1 : 3;
const MiB = 1024 * 1024;

const startedAt = Date.now();
const infra = await startInfra();
const memory = new PeakMemory();
const rows: TargetRow[] = [];
const raw: Record<string, unknown> = {};
try {
  // 1. Mutations: the stock dev server against ours (dispatch caps raised), same code, same machine.
  console.log('1/3 mutations at concurrency 1, stock vs tuned dev server');
  const mutations = await benchMutations(infra, quick ? { stock: 5, tuned: 10 } : { stock: 10, tuned: 20 });
  raw['mutations'] = mutations;
  const speedup = speedups(mutations);
  const t = mutations.tuned;
  const goals: [string, keyof typeof t, number][] = [
    ['verify', 'verify', 20],
    ['approve', 'approve', 20],
    ['claim submission', 'submit', 40],
    ['single enrolment', 'enrol', 30],
  ];
  for (const [label, key, goal] of goals) {
    rows.push({
      target: `1. ${label}, p50 at concurrency 1`,
      measured: `${speedup[key]}× faster than the stock dev server`,
      goal: `≤ ${goal} ms`,
      met: t[key].p50 <= goal,
      detail: `${t[key].p50} ms (p95 ${t[key].p95}); stock ${mutations.stock[key].p50} ms`,
    });
  }
  rows.push({
    target: '1. approved → PAID',
    measured: `${speedup.approvedToPaid}× faster`,
    goal: '(no target)',
    met: null,
    detail: `${t.approvedToPaid.p50} ms; stock ${mutations.stock.approvedToPaid.p50} ms`,
  });

  // 2–3. The gateway against @apollo/gateway and against calling the subgraph directly.
  console.log('2/3 gateway: ours vs @apollo/gateway vs direct, and the whole request');
  const temporal = await startBenchTemporal(true);
  const system = await startBenchStack(infra, temporal, 'gateway');
  memory.watch(() => system.processes());
  let gateway: OperationFigures[];
  let workflows: WorkflowFigures;
  try {
    gateway = await benchGateway(system, rounds);
    console.log('3/3 claim workflows through the API vs the same workflow on no-op activities');
    workflows = await benchWorkflows(system, temporal, { lanes: 8, claims: quick ? 16 : 40, rounds });
  } finally {
    await system.stop();
    await temporal.stop();
  }
  raw['gateway'] = gateway;
  for (const operation of gateway) {
    const hive = operation.routes.hive!;
    const apollo = operation.routes.apollo!;
    const ratio = round((hive.cpuPerRequest['gateway'] ?? 0) / Math.max(0.001, apollo.cpuPerRequest['gateway'] ?? 0), 2);
    rows.push({
      target: `2. gateway CPU per request, ${operation.name}`,
      measured: `${ratio}× @apollo/gateway`,
      goal: '≤ 0.5×',
      met: ratio <= 0.5,
      detail: `ours ${hive.cpuPerRequest['gateway']} ms, Apollo ${apollo.cpuPerRequest['gateway']} ms; p50 ${hive.p50} vs ${apollo.p50} ms`,
    });
    const direct = operation.routes.direct;
    if (direct) {
      const added = round(hive.p50 - direct.p50, 2);
      rows.push({
        target: `2. added latency over direct, ${operation.name}`,
        measured: `+${added} ms p50`,
        goal: '≤ +0.5 ms',
        met: added <= 0.5,
        detail: `gateway ${hive.p50} ms, direct ${direct.p50} ms`,
      });
    }
  }
  const overview = gateway[0]!.routes.hive!;
  rows.push({
    target: '3. city overview, CPU across all processes',
    measured: `${overview.cpuTotal} ms per request`,
    goal: '≤ 10 ms',
    met: overview.cpuTotal <= 10,
    detail: Object.entries(overview.cpuPerRequest)
      .map(([name, ms]) => `${name} ${ms}`)
      .join(', '),
  });
  // 4. Scale: pages and KPIs at 1,000,000 participants and 100,000 claims (--quick: a tenth), p95 through the gateway.
  console.log('4. pages and KPIs at scale');
  // `--scale-participants N` loads N participants and N / 10 claims instead (the goal is stated for 1,000,000).
  const scaleAt = process.argv.indexOf('--scale-participants');
  const scaleParticipants = scaleAt > 0 ? Number(process.argv[scaleAt + 1]) : quick ? 100_000 : 1_000_000;
  const scale = await benchScale(infra, { participants: scaleParticipants, claims: Math.round(scaleParticipants / 10), requests: quick ? 60 : 200 });
  raw['scale'] = scale;
  for (const operation of scale.operations) {
    rows.push({
      target: `4. ${operation.name}, at ${scale.participants.toLocaleString('en')} participants and ${scale.claims.toLocaleString('en')} claims`,
      measured: `p95 ${operation.p95} ms`,
      goal: 'p95 < 50 ms',
      met: operation.p95 < 50,
      detail: `p50 ${operation.p50} ms, p99 ${operation.p99}; CPU ms/request ${Object.entries(operation.cpuPerRequest)
        .map(([name, ms]) => `${name} ${ms}`)
        .join(', ')}`,
    });
  }
  rows.push({
    target: '4. scale load through the bulk paths',
    measured: `${Math.round(scale.load.participantsMs / 1000)} s participants, ${Math.round(scale.load.claimsMs / 1000)} s claims`,
    goal: '(no target)',
    met: null,
    detail: `${scale.participants.toLocaleString('en')} participants staged and activated by the import's activities; ${scale.claims.toLocaleString('en')} claims (${scale.load.viaApi} through the API); VACUUM ANALYZE ${Math.round(scale.load.analyzeMs / 1000)} s`,
  });
  // 5. Bulk import: 100,000 valid rows end to end against a raw COPY of the same file, same run.
  console.log('5. bulk import vs a raw COPY of the same file');
  // `--import-rows N` runs it at fewer rows (the goal is stated for 100,000).
  const importRowsAt = process.argv.indexOf('--import-rows');
  const imported = await benchImport(infra, importRowsAt > 0 ? Number(process.argv[importRowsAt + 1]) : quick ? 20_000 : 100_000);
  raw['import'] = imported;
  rows.push({
    target: `5. bulk import of ${imported.rows.toLocaleString('en')} rows, upload to all enrolled`,
    measured: `${imported.ratio}× a raw COPY`,
    goal: '≤ 3× COPY; every process < 512 MiB',
    met: imported.ratio <= 3 && Object.values(imported.peakMiB).every((mib) => mib < 512),
    detail: `${imported.importMs} ms vs COPY ${imported.copyMs} ms; peak RSS MiB ${Object.entries(imported.peakMiB)
      .map(([name, mib]) => `${name} ${mib}`)
      .join(', ')}`,
  });
  // 5b. Monthly billing: 100,000 participants against a plain INSERT … SELECT of the same lines, same run.
  console.log('5b. monthly billing of 100,000 participants vs a plain INSERT … SELECT');
  const billing = await benchBilling(infra, { participants: quick ? 20_000 : 100_000, rounds });
  raw['billing'] = billing;
  rows.push({
    target: `5b. monthly billing, ${billing.participants.toLocaleString('en')} participants`,
    measured: `${billing.ratio}× a plain INSERT … SELECT`,
    goal: '≤ 3×',
    met: billing.ratio <= 3,
    detail: `${billing.billingMs} ms vs ${billing.plainMs} ms`,
  });
  raw['workflows'] = workflows;
  rows.push({
    target: '6. claims submit → PAID, 8 clients, vs the same workflow on no-op activities',
    measured: `${Math.round(workflows.ratio * 100)}%`,
    goal: '≥ 90%',
    met: workflows.ratio >= 0.9,
    detail: `${workflows.api} claims/s through the API, ${workflows.noop} claims/s no-op`,
  });
} finally {
  memory.stop();
  await infra.stop();
}

const peak = Object.entries(memory.peaks).map(([name, bytes]) => [name, round(bytes / MiB, 0)] as const);
raw['peakRssMiB'] = Object.fromEntries(peak);
const worst = Math.max(0, ...peak.map(([, mib]) => mib));
rows.push({
  target: '7. memory, every process',
  measured: `peak ${worst} MiB`,
  goal: '< 512 MiB',
  met: worst < 512,
  detail: peak.map(([name, mib]) => `${name} ${mib}`).join(', '),
});

const date = new Date().toISOString().slice(0, 10);
const seconds = Math.round((Date.now() - startedAt) / 1000);
mkdirSync(RESULTS, { recursive: true });
writeFileSync(`${RESULTS}latest.json`, `${JSON.stringify({ date, machine: machine(), seconds, quick, rows, raw }, null, 2)}\n`);
const table = markdown(date, rows, [`Run took ${seconds} s${quick ? ' (--quick: one round, fewer requests)' : ` (${rounds} rounds per figure, medians)`}.`]);
writeFileSync(`${RESULTS}latest.md`, table);
console.log(`\n${table}`);
