import { parseImportDate } from './import-row.js';

// A deaths extract from the civil registry: CSV (comma or semicolon) with a NIK column and a date
// of death column ("Tanggal Meninggal", "Tanggal Kematian" or "Date of death"), any other columns
// ignored. Lines without a NIK or a readable date are counted, not sent.

export type DeathLine = { nik: string; dateOfDeath: string };

const NIK = /^\s*nik\s*$/i;
const DATE = /tanggal\s*(meninggal|kematian|wafat)|date\s*of\s*death/i;

export function parseDeathExtract(text: string): { notices: DeathLine[]; skipped: number } {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const separator = (lines[0] ?? '').includes(';') ? ';' : ',';
  const cells = (line: string) => line.split(separator).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const header = cells(lines[0] ?? '');
  const nikAt = header.findIndex((h) => NIK.test(h));
  const dateAt = header.findIndex((h) => DATE.test(h));
  if (nikAt < 0 || dateAt < 0) throw new Error('The deaths extract needs a NIK column and a Tanggal Meninggal (date of death) column.');
  const notices: DeathLine[] = [];
  let skipped = 0;
  for (const line of lines.slice(1)) {
    const row = cells(line);
    const nik = (row[nikAt] ?? '').replace(/[\s.]/g, '');
    const date = parseImportDate(row[dateAt] ?? '');
    if (!/^\d{16}$/.test(nik) || !date) skipped++;
    else notices.push({ nik, dateOfDeath: date });
  }
  return { notices, skipped };
}
