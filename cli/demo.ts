// `npm run demo`: with the stack running (`npm start`), gives every seed city an ACTIVE MoU,
// generates a realistic list for each (Metro 8,477 and Sorong 19,336 workers, Pontianak and
// Kotamobagu smaller; about 3 % messy rows) with a matching civil-registry extract, loads the
// extract and imports each list through the CLI. Files and reports land in .data/demo/.
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { todayIn } from '../domain/calendar.js';
import type { OccupationGroup } from '../domain/participants/occupation.js';
import { dataRoot } from '../infra/paths.js';
import { loadDevSecrets } from '../infra/secrets.js';
import { APP_ROLE } from '../services/kit/src/app-role.js';
import { createServiceDataSource } from '../services/kit/src/database.js';
import { FieldCipher } from '../services/kit/src/field-cipher.js';
import { readSecrets } from '../services/kit/src/secrets.js';
import { loadRegistryExtract } from '../services/participants/src/registry/registry.load.js';
import { cityList, csvLines, LIST_HEADER, REGISTRY_HEADER } from './demo-data.js';
import { devOperatorToken } from './dev-token.js';
import { enrol } from './enrol.js';
import { ImportClient } from './import-client.js';

const CITIES: { code: string; workers: number; groups: OccupationGroup[]; xlsx?: boolean }[] = [
  { code: '18.72', workers: 8_477, groups: ['RT_RW_HEAD', 'RELIGIOUS_TEACHER', 'POSYANDU_CADRE', 'MOSQUE_CARETAKER'], xlsx: true },
  { code: '96.71', workers: 19_336, groups: ['MARKET_PORTER', 'PARKING_ATTENDANT', 'RT_RW_HEAD', 'HONORARY_STAFF'] },
  { code: '61.71', workers: 3_000, groups: ['RELIGIOUS_TEACHER', 'CEMETERY_KEEPER', 'RT_RW_HEAD'] },
  { code: '71.74', workers: 1_500, groups: ['RT_RW_HEAD', 'RELIGIOUS_TEACHER'] },
];
const GATEWAY = process.env['LINDUNG_GATEWAY_URL'] ?? 'http://127.0.0.1:4000/graphql';

Object.assign(process.env, { ...(await loadDevSecrets()), ...process.env });
const folder = join(dataRoot(), 'demo');
await mkdir(folder, { recursive: true });
const admin = new ImportClient(GATEWAY, await devOperatorToken('ALL'));

/** The city's ACTIVE MoU, or a new one signed by both parties with a place for every worker. */
async function activeMou(code: string, workers: number, groups: OccupationGroup[]): Promise<string> {
  const { municipalityByCode: city } = await admin.graphql<{ municipalityByCode: { id: string; timeZone: string; mous: { id: string; number: string; status: string }[] } }>(
    'query City($code: String!) { municipalityByCode(code: $code) { id timeZone mous { id number status } } }',
    { code },
  );
  const running = city.mous.find((m) => m.status === 'ACTIVE');
  if (running) return running.number;
  const year = Number(todayIn(city.timeZone, new Date()).slice(0, 4));
  const perGroup = Math.ceil(workers / groups.length) + 50;
  const { createMou } = await admin.graphql<{ createMou: { id: string; number: string } }>('mutation Create($input: CreateMouInput!) { createMou(input: $input) { id number } }', {
    input: {
      municipalityId: city.id,
      citySignatory: 'Wali Kota',
      bpjsOffice: 'BPJS Ketenagakerjaan Cabang',
      bpjsSignatory: 'Kepala Cabang',
      validFrom: `${year}-01-01`,
      validTo: `${year + 1}-12-31`,
      programs: ['JKK', 'JKM'],
      quota: perGroup * groups.length,
      groups: groups.map((group) => ({ group, quota: perGroup })),
      budgetLines: [year, year + 1].map((fiscalYear) => ({ fiscalYear, amount: String(perGroup * groups.length * 16_800 * 12) })),
    },
  });
  const today = todayIn(city.timeZone, new Date());
  for (const party of ['CITY', 'BPJS']) {
    await admin.graphql('mutation Sign($input: SignMouInput!) { signMou(input: $input) { id } }', {
      input: { mouId: createMou.id, party, signatory: party === 'CITY' ? 'Wali Kota' : 'Kepala Cabang', signedOn: today },
    });
  }
  return createMou.number;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

const lists = CITIES.map((city) => ({ ...city, list: cityList(city.code, city.workers, city.groups, { messyShare: 0.03 }) }));
const registry = csvLines(
  REGISTRY_HEADER,
  lists.flatMap((l) => l.list.registry),
);
await writeFile(join(folder, 'registry-extract.csv'), registry);
const databaseUrl = process.env['DATABASE_URL'] ?? `postgres://postgres:postgres@127.0.0.1:${process.env['LINDUNG_PG_PORT'] ?? 5544}/lindung`;
const dataSource = createServiceDataSource({ url: databaseUrl, schema: 'participants', entities: [], migrations: [], role: APP_ROLE, poolSize: 1 });
await dataSource.initialize();
const loaded = await loadRegistryExtract(dataSource, new FieldCipher(readSecrets()), Readable.from([registry])).finally(() => dataSource.destroy());
console.log(`civil-registry extract: ${loaded.loaded} people loaded (${join(folder, 'registry-extract.csv')})`);

for (const city of lists) {
  const mou = await activeMou(city.code, city.workers, city.groups);
  const base = join(folder, `workers-${city.code.replace('.', '')}`);
  const file = `${base}.${city.xlsx ? 'xlsx' : 'csv'}`;
  // A list made by an earlier run is imported again as it is: the same bytes are the same import
  // (an XLSX written again differs in its timestamps, and would be a second import of the same people).
  if (!(await exists(file)) && city.xlsx) {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
    const sheet = workbook.addWorksheet('Peserta');
    sheet.addRow(LIST_HEADER).commit();
    for (const row of city.list.rows) sheet.addRow(row.map((cell) => cell.replace(/^"|"$/g, ''))).commit();
    await workbook.commit();
  } else if (!(await exists(file))) {
    await writeFile(file, `\uFEFF${csvLines(LIST_HEADER, city.list.rows)}`);
  }
  console.log(`\n${city.code}: ${city.workers} workers (${city.list.messy} messy) under ${mou} → ${file}`);
  await enrol(file, { mou, gateway: GATEWAY });
}
