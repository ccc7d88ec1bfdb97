import { createInterface } from 'node:readline';

// The load generator runs in a process of its own, so its CPU is never counted against the
// servers. `node --import tsx bench/lib/load-process.ts <module>` reads its arguments as one JSON
// line on stdin, runs bench/load/<module>.ts, and talks to the parent in lines:
//   MEASURE-START → (parent samples CPU) GO → … → MEASURE-END → (parent samples) ACK → RESULT {json}

const moduleName = process.argv[2];
if (!moduleName || !/^[a-z-]+$/.test(moduleName)) throw new Error('usage: load-process.ts <module>');
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const nextLine = async (): Promise<string> => {
  const { value, done } = await lines.next();
  if (done) throw new Error('the parent closed stdin');
  return value as string;
};

const args = JSON.parse(await nextLine()) as unknown;
const phases = {
  /** Runs the measured part between two CPU samples the parent takes. */
  async measured<T>(work: () => Promise<T>): Promise<T> {
    process.stdout.write('MEASURE-START\n');
    if ((await nextLine()) !== 'GO') throw new Error('expected GO');
    const result = await work();
    process.stdout.write('MEASURE-END\n');
    if ((await nextLine()) !== 'ACK') throw new Error('expected ACK');
    return result;
  },
};
export type Phases = typeof phases;

const loaded = (await import(`../load/${moduleName}.ts`)) as { run(args: unknown, phases: Phases): Promise<unknown> };
const result = await loaded.run(args, phases);
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
process.exit(0);
