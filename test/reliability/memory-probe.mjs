// Test-only preload for the fault suite's memory check (mixed-load.test.ts): real-stack.ts adds
// `--import <this file>` to the parts' NODE_OPTIONS when a test asks for it, never `npm start`.
// When $LINDUNG_MEMORY_PROBE_DIR/<pid>.want appears, the process collects its garbage fully and
// writes what it still holds to <pid>.json there: a leak survives a forced GC, a lazy GC does not.
// A file, not a signal: runs that asked by SIGUSR2 saw a journey step in flight wedged for minutes.
// Plain JavaScript, main thread only, like infra/orphan-guard.mjs (worker threads inherit it).
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';

const dir = process.env.LINDUNG_MEMORY_PROBE_DIR;

if (isMainThread && dir) {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  const want = join(dir, `${process.pid}.want`);
  setInterval(() => {
    if (!existsSync(want)) return;
    rmSync(want, { force: true });
    const before = process.memoryUsage();
    // Twice: the first pass runs finalizers (WeakRefs, FinalizationRegistry) that free more on the second.
    gc();
    gc();
    const after = process.memoryUsage();
    const file = join(dir, `${process.pid}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify({ rssBefore: before.rss, heapUsedBefore: before.heapUsed, ...after }));
    renameSync(`${file}.tmp`, file);
  }, 200).unref();
}
