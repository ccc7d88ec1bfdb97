// Test-only preload for the fault suite's memory check (mixed-load.test.ts): real-stack.ts adds
// `--import <this file>` to the parts' NODE_OPTIONS when a test asks for it, never `npm start`.
// On SIGUSR2 the process collects its garbage fully and writes what it still holds to
// $LINDUNG_MEMORY_PROBE_DIR/<pid>.json: a leak survives a forced GC, a lazy GC does not.
// Plain JavaScript, main thread only, like infra/orphan-guard.mjs (worker threads inherit it).
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';

const dir = process.env.LINDUNG_MEMORY_PROBE_DIR;

if (isMainThread && dir) {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  process.on('SIGUSR2', () => {
    const before = process.memoryUsage();
    // Twice: the first pass runs finalizers (WeakRefs, FinalizationRegistry) that free more on the second.
    gc();
    gc();
    const after = process.memoryUsage();
    const file = join(dir, `${process.pid}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify({ rssBefore: before.rss, heapUsedBefore: before.heapUsed, ...after }));
    renameSync(`${file}.tmp`, file);
  });
}
