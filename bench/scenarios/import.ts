import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { createReadStream } from 'node:fs';
import { cityList, csvLines, LIST_HEADER, REGISTRY_HEADER } from '../../cli/demo-data.js';
import { ImportClient } from '../../cli/import-client.js';
import { APP_ROLE } from '../../services/kit/src/app-role.js';
import { createServiceDataSource } from '../../services/kit/src/database.js';
import { FieldCipher } from '../../services/kit/src/field-cipher.js';
import { readSecrets } from '../../services/kit/src/secrets.js';
import { loadRegistryExtract } from '../../services/participants/src/registry/registry.load.js';
import { ACTORS, cityWithActiveMou } from '../../test/fixtures/scenario.js';
import { issueDevToken } from '../../services/kit/src/identity.js';
import { PeakMemory } from '../lib/proc.js';
import { round } from '../lib/stats.js';
import { importPhases } from '../lib/import-phases.js';
import { enrolmentImportWorkflowId } from '../../workflows/enrolment-import/enrolment-import.messages.js';
import { readFileSync } from 'node:fs';
const readCmd = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').slice(0, 80);
  } catch {
    return '?';
  }
};
import { startBenchStack, startBenchTemporal, startInfra, type BenchInfra } from '../lib/system.js';

export interface ImportFigures {
  rows: number;
  /** Raw COPY of the same CSV into an unindexed table of text columns, same database, same run. */
  copyMs: number;
  /** Upload through the gateway until every row is enrolled (status DONE). */
  importMs: number;
  ratio: number;
  peakMiB: Record<string, number>;
}

/**
 * Bulk enrolment of `rows` valid workers end to end (upload → parse → validate against the civil
 * registry → quota → enrolled) against a raw COPY of the same file, measured in the same run.
 */
export async function benchImport(infra: BenchInfra, rows: number): Promise<ImportFigures> {
  const temporal = await startBenchTemporal(true);
  const system = await startBenchStack(infra, temporal, 'import');
  const memory = new PeakMemory();
  memory.watch(() => system.processes());
  try {
    const half = Math.ceil(rows / 2);
    const { mouId } = await cityWithActiveMou(system.gateway, '18.72', {
      quota: rows,
      groups: [
        { group: 'RT_RW_HEAD', quota: half },
        { group: 'RELIGIOUS_TEACHER', quota: half },
      ],
      budgetLines: [0, 1].map((i) => ({ fiscalYear: new Date().getUTCFullYear() + i, amount: String(rows * 16_800 * 24) })),
    });
    const list = cityList('18.72', rows, ['RT_RW_HEAD', 'RELIGIOUS_TEACHER'], { seed: 2026 });
    const file = join(infra.root, `bench-${rows}.csv`);
    await writeFile(file, csvLines(LIST_HEADER, list.rows));
    const url = system.stack.databaseUrl;
    const dataSource = createServiceDataSource({ url, schema: 'participants', entities: [], migrations: [], role: APP_ROLE, poolSize: 1 });
    await dataSource.initialize();
    await loadRegistryExtract(dataSource, new FieldCipher(readSecrets()), Readable.from([csvLines(REGISTRY_HEADER, list.registry)])).finally(() => dataSource.destroy());

    // Baseline: COPY the file as it is into a table with no index and no constraint.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    let copyMs: number;
    try {
      await client.query(`CREATE TABLE public.bench_raw_copy (nik text, nama text, lahir text, jk text, ibu text, alamat text, kelompok text)`);
      const t0 = performance.now();
      await pipeline(createReadStream(file), client.query(copyFrom(`COPY public.bench_raw_copy FROM STDIN WITH (FORMAT csv, HEADER true)`)));
      copyMs = performance.now() - t0;
      await client.query(`DROP TABLE public.bench_raw_copy`);
    } finally {
      await client.end();
    }

    const operator = new ImportClient(system.gateway, await issueDevToken(ACTORS.operator, readSecrets().jwtSecret!));
    const t0 = performance.now();
    const started = await operator.upload(file, { mouId });
    const uploadMs = performance.now() - t0;
    const done = await operator.wait(started.batchId, () => {}, 100);
    const importMs = performance.now() - t0;
    const phases = await importPhases(temporal.address, temporal.namespace, enrolmentImportWorkflowId(started.batchId)).catch((error: unknown) => {
      console.error(`phases not read: ${String(error)}`);
      return { workflowMs: 0, betweenMs: 0, byActivity: {}, phases: [] };
    });
    if (process.env.BENCH_IMPORT_PHASES) console.error(JSON.stringify({ uploadMs, ...phases }, null, 1));
    else console.error(JSON.stringify({ uploadMs, workflowMs: phases.workflowMs, betweenMs: phases.betweenMs, byActivity: phases.byActivity }));
    for (const [name, group] of Object.entries(system.processes()))
      console.error(
        name,
        group
          .slice(0, 3)
          .map((pid) => `${pid}:${readCmd(pid)}`)
          .join(' '),
      );
    if (done.status !== 'DONE' || done.rowsActivated !== rows)
      throw new Error(`bench import ended ${done.status} with ${done.rowsActivated} of ${rows} enrolled: ${done.failure ?? ''}`);
    memory.stop();
    const peakMiB = Object.fromEntries(Object.entries(memory.peaks).map(([name, bytes]) => [name, Math.round(bytes / 1024 / 1024)]));
    return { rows, copyMs: round(copyMs, 1), importMs: round(importMs, 0), ratio: round(importMs / copyMs, 1), peakMiB };
  } finally {
    memory.stop();
    await system.stop();
    await temporal.stop();
  }
}

// Alone: `tsx bench/scenarios/import.ts --rows 5000` (npm run bench runs it at 100,000 rows).
if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--rows');
  const rows = at > 0 ? Number(process.argv[at + 1]) : 100_000;
  const infra = await startInfra();
  try {
    const figures = await benchImport(infra, rows);
    console.log(JSON.stringify(figures, null, 2));
  } finally {
    await infra.stop();
  }
}
