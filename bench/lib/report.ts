import { cpus } from 'node:os';

export interface TargetRow {
  target: string;
  /** The ratio or figure the target is about, as shown first. */
  measured: string;
  goal: string;
  met: boolean | null;
  /** Raw figures behind it. */
  detail: string;
}

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}`;
}

export function markdown(date: string, rows: TargetRow[], extra: string[]): string {
  const verdict = (met: boolean | null) => (met === null ? 'not measured' : met ? 'met' : 'missed');
  return [
    `# Lindung benchmark — ${date}`,
    '',
    `Machine: ${machine()}.`,
    '',
    '| target | measured | goal | verdict | raw figures |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.target} | ${r.measured} | ${r.goal} | ${verdict(r.met)} | ${r.detail} |`),
    '',
    ...extra,
    '',
  ].join('\n');
}
