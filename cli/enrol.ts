// `npm run enrol -- workers.xlsx --mou MOU/1872/2026/0001 [--dry-run] [--report out.csv]`
// Uploads a city's list through the gateway, shows the import's progress and ends with the counts
// and the report's path. Exit code 0 when the import finished (rows held for review included), 1 otherwise.
import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { GatewayError, ImportClient, type ImportProgress } from './import-client.js';
import { devOperatorToken } from './dev-token.js';

export interface EnrolOptions {
  mou: string;
  dryRun?: boolean;
  gateway: string;
  token?: string;
  report?: string;
  /** Plain progress lines instead of a bar (default: when stdout is not a terminal). */
  plain?: boolean;
  out?: (line: string) => void;
}

/** Runs one import; returns its final progress and where the report was written. */
export async function enrol(file: string, options: EnrolOptions): Promise<{ progress: ImportProgress; reportFile: string }> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const city = /^MOU\/(\d{2})(\d{2})\//.exec(options.mou);
  const token = options.token ?? process.env['LINDUNG_TOKEN'] ?? (await devOperatorToken(city ? `${city[1]}.${city[2]}` : 'ALL'));
  const client = new ImportClient(options.gateway, token);
  const mouId = await client.mouId(options.mou);
  const started = await client.upload(file, { mouId, dryRun: options.dryRun ?? false });
  out(
    `${started.reused ? 'Already imported (same file, same MoU): showing that import' : 'Uploaded'} ${started.fileName} → import ${started.batchId}${started.dryRun ? ' (dry run: nobody is enrolled)' : ''}`,
  );
  const plain = options.plain ?? !process.stdout.isTTY;
  const bar = plain
    ? null
    : new cliProgress.SingleBar(
        { format: ' {phase} |{bar}| {value} rows  accepted {accepted}  review {review}  rejected {rejected}', hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
  let lastLine = '';
  bar?.start(1, 0, { phase: 'PARSING', accepted: 0, review: 0, rejected: 0 });
  const progress = await client.wait(
    started.batchId,
    (p) => {
      const done = p.status === 'ACTIVATING' || p.status === 'DONE' || p.status === 'AWAITING_REVIEW' ? p.rowsActivated : p.status === 'VALIDATING' ? p.rowsValidated : p.rowsRead;
      const total = Math.max(p.rowsRead, done, 1);
      if (bar) {
        bar.setTotal(total);
        bar.update(done, { phase: p.status.padEnd(15), accepted: p.accepted + p.acceptedWithWarnings, review: p.needsReview, rejected: p.rejected });
      } else {
        const line = `${p.status}: read ${p.rowsRead}, validated ${p.rowsValidated}, enrolled ${p.rowsActivated}`;
        if (line !== lastLine) out(line);
        lastLine = line;
      }
    },
    undefined,
    undefined,
    (reason) => out(`(the system did not answer: ${reason} Asking again; the import goes on meanwhile.)`),
  );
  bar?.stop();
  const reportFile = options.report ?? `${file.replace(/\.(csv|xlsx)$/i, '')}.report.csv`;
  if (progress.status !== 'FAILED') await writeFile(reportFile, await client.report(progress.reportPath));
  out(
    [
      `Import ${progress.status}${progress.failure ? `: ${progress.failure}` : ''}`,
      `  rows read        ${progress.rowsRead}`,
      `  accepted         ${progress.accepted + progress.acceptedWithWarnings} (${progress.acceptedWithWarnings} with warnings)`,
      `  needs review     ${progress.needsReview}`,
      `  rejected         ${progress.rejected}`,
      `  enrolled         ${progress.rowsActivated}${progress.dryRun ? ' (dry run)' : ''}`,
      ...(progress.status === 'FAILED' ? [] : [`Report: ${reportFile}`]),
    ].join('\n'),
  );
  return { progress, reportFile };
}

const invokedDirectly = import.meta.url === `file://${process.argv[1]}`;
if (invokedDirectly) {
  const program = new Command()
    .name('npm run enrol --')
    .description('Enrol a city list (CSV or XLSX, first sheet) under an MoU, through the gateway.')
    .argument('<file>', 'the list: CSV (UTF-8) or XLSX')
    .requiredOption('--mou <number>', 'the MoU, e.g. MOU/1872/2026/0001 (or its id)')
    .option('--dry-run', 'check every row without enrolling anyone')
    .option('--gateway <url>', 'the gateway GraphQL URL', process.env['LINDUNG_GATEWAY_URL'] ?? 'http://127.0.0.1:4000/graphql')
    .option('--token <jwt>', 'your token (default LINDUNG_TOKEN, else a development token)')
    .option('--report <file>', 'where to write the report (default <file>.report.csv)')
    .option('--plain', 'progress as plain lines, also on a terminal');
  program.parse();
  const options = program.opts<{ mou: string; dryRun?: boolean; gateway: string; token?: string; report?: string; plain?: boolean }>();
  try {
    const { progress } = await enrol(program.args[0]!, options);
    process.exitCode = progress.status === 'DONE' || progress.status === 'AWAITING_REVIEW' ? 0 : 1;
  } catch (error) {
    process.stderr.write(`${error instanceof GatewayError ? `${error.code}: ` : ''}${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
