// `npm run registry:deaths deaths.csv`: sends a civil-registry deaths extract (CSV with NIK and
// Tanggal Meninggal) to the gateway's `recordDeathNotices`, 200 notices a call. Each covered person
// gets a claim lead in the claims inbox; sending the file again changes nothing. Needs an admin
// token (LINDUNG_TOKEN, else the development key `npm start` wrote) and LINDUNG_GATEWAY_URL.
import { readFile } from 'node:fs/promises';
import { parseDeathExtract } from '../domain/participants/death-extract.js';
import { devOperatorToken } from './dev-token.js';
import { ImportClient } from './import-client.js';

const PAGE = 200;
const file = process.argv[2];
if (!file) {
  process.stderr.write('Usage: npm run registry:deaths deaths.csv\n');
  process.exit(2);
}
const gateway = process.env['LINDUNG_GATEWAY_URL'] ?? 'http://127.0.0.1:4000/graphql';
const client = new ImportClient(gateway, process.env['LINDUNG_TOKEN'] ?? (await devOperatorToken('ALL')));
const { notices, skipped } = parseDeathExtract(await readFile(file, 'utf8'));
const counts = new Map<string, number>();
for (let at = 0; at < notices.length; at += PAGE) {
  const { recordDeathNotices } = await client.graphql<{ recordDeathNotices: { outcome: string }[] }>(
    `mutation ($notices: [DeathNoticeInput!]!) { recordDeathNotices(notices: $notices, source: "registry-extract") { outcome } }`,
    { notices: notices.slice(at, at + PAGE) },
  );
  for (const { outcome } of recordDeathNotices) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
}
const summary = [...counts].map(([outcome, n]) => `${n} ${outcome}`).join(', ') || 'no notices';
process.stdout.write(`deaths extract sent: ${summary}${skipped ? `; ${skipped} lines skipped (no valid NIK or date)` : ''}\n`);
