import { Readable } from 'node:stream';
import { cityList, csvLines, LIST_HEADER } from './cli/demo-data.js';
import { readRows } from './services/participants/src/enrolment-import/import.parse.js';
import { checkImportRow, mapHeader } from './domain/participants/import-row.js';
import { normaliseName } from './domain/participants/names.js';
import { FieldCipher } from './services/kit/src/field-cipher.js';
import { randomBytes } from 'node:crypto';
const n = 20000;
const list = cityList('18.72', n, ['RT_RW_HEAD', 'RELIGIOUS_TEACHER'], { seed: 2026 });
const text = csvLines(LIST_HEADER, list.rows);
const cipher = new FieldCipher({ dataKey: randomBytes(32).toString('base64'), blindIndexKey: randomBytes(32).toString('base64') });
const mou = { regionCode: '18.72', today: '2026-03-01' };
const cpu0 = process.cpuUsage();
let t = performance.now();
let header: any = null; let cols: any; let count = 0;
const times = { read: 0, check: 0, enc: 0, norm: 0 };
for await (const row of readRows(Readable.from([text]), 'csv')) {
  if (!header) { header = mapHeader(row.cells); cols = header.columns; continue; }
  const t1 = performance.now();
  const cells: any = {};
  for (const [f, i] of Object.entries(cols) as any) cells[f] = row.cells[i] ?? '';
  const { applicant: a } = checkImportRow(cells, mou);
  const t2 = performance.now();
  const c1 = cipher.encrypt(JSON.stringify(row.cells)); const c2 = a ? cipher.encrypt(a.nik) : null; const c3 = a ? cipher.blindIndex('nik', a.nik) : null;
  const t3 = performance.now();
  const n1 = a ? normaliseName(a.fullName) : null; const n2 = a ? normaliseName(a.motherMaidenName) : null;
  const t4 = performance.now();
  times.check += t2 - t1; times.enc += t3 - t2; times.norm += t4 - t3; count++;
  if (!c1 || !n1 || !n2 || !c3 || !c2) throw new Error('x');
}
const total = performance.now() - t;
const cpu = process.cpuUsage(cpu0);
console.log({ count, totalMs: Math.round(total), cpuMs: Math.round((cpu.user + cpu.system) / 1000), ...Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(v)])) });
