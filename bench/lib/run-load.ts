import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./load-process.ts', import.meta.url));

/**
 * Runs bench/load/<module>.ts in its own process. `onMeasure.start`/`end` run exactly around
 * the module's measured phase (CPU samples of the servers go there).
 */
export async function runLoad<R>(module: string, args: unknown, onMeasure: { start(): void; end(): void } = { start() {}, end() {} }): Promise<R> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, module], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.write(`${JSON.stringify(args)}\n`);
  let result: R | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line === 'MEASURE-START') {
      onMeasure.start();
      child.stdin.write('GO\n');
    } else if (line === 'MEASURE-END') {
      onMeasure.end();
      child.stdin.write('ACK\n');
    } else if (line.startsWith('RESULT ')) {
      result = JSON.parse(line.slice('RESULT '.length)) as R;
    } else if (line.trim()) {
      process.stderr.write(`  [${module}] ${line}\n`);
    }
  }
  const code: number = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (c) => resolve(c ?? 1))));
  if (code !== 0 || result === undefined) throw new Error(`load module ${module} failed (exit ${code})`);
  return result;
}
