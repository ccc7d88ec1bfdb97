import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse as parseCsvLine } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

// A city's file as rows of text cells, streamed: CSV (UTF-8, with or without BOM) or XLSX (first
// sheet). A line that cannot be read is yielded as a malformed row with its reason, never dropped.

export type FileKind = 'csv' | 'xlsx';

export interface ReadRow {
  /** Line (CSV) or row (XLSX) number in the file, the header being row 1 or later. */
  rowNumber: number;
  cells: string[];
  /** Why the line could not be read as CSV; its text is then the one cell. */
  malformed?: string;
}

/** ZIP files (XLSX) start with "PK\x03\x04". */
export function fileKindOf(firstBytes: Buffer, fileName = ''): FileKind {
  if (firstBytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  return /\.xlsx$/i.test(fileName) ? 'xlsx' : 'csv';
}

export function readRows(input: Readable, kind: FileKind): AsyncGenerator<ReadRow> {
  return kind === 'xlsx' ? readXlsx(input) : readCsv(input);
}

/**
 * CSV line by line. Lines without quotes (nearly all) are split on commas; a line with quotes is
 * parsed by csv-parse. A quoted cell with a line break in it is joined with the next line only if
 * the two then read cleanly; otherwise the broken line is one malformed row and the next line is
 * read on its own, so one stray quote never swallows the rows after it.
 */
async function* readCsv(input: Readable): AsyncGenerator<ReadRow> {
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  let lineNumber = 0;
  let pending: { text: string; number: number } | null = null;
  let width = 0;
  const next = async (): Promise<{ text: string; number: number } | null> => {
    if (pending) {
      const held = pending;
      pending = null;
      return held;
    }
    const step = await lines.next();
    if (step.done) return null;
    lineNumber += 1;
    return { text: lineNumber === 1 ? step.value.replace(/^\uFEFF/, '') : step.value, number: lineNumber };
  };
  for (let line = await next(); line; line = await next()) {
    if (line.text.trim() === '') continue; // blank lines (Excel adds them at the end) are no rows
    let row = splitLine(line.text);
    if (row.malformed && oddQuotes(line.text)) {
      const following = await next();
      if (following) {
        const joined = splitLine(`${line.text}\n${following.text}`);
        if (!joined.malformed) row = joined;
        else pending = following;
      }
    }
    if (!row.malformed && width > 0 && row.cells.length > width && row.cells.slice(width).some((cell) => cell.trim() !== '')) {
      row = { cells: [line.text], malformed: `${row.cells.length} columns where the header has ${width}; a comma inside a value needs quotes` };
    }
    if (width === 0 && !row.malformed) width = row.cells.length;
    yield { rowNumber: line.number, ...row };
  }
}

function oddQuotes(text: string): boolean {
  let count = 0;
  for (const ch of text) if (ch === '"') count++;
  return count % 2 === 1;
}

function splitLine(text: string): { cells: string[]; malformed?: string } {
  if (!text.includes('"')) return { cells: text.split(',') };
  const quoted = splitQuoted(text);
  if (quoted) return { cells: quoted };
  try {
    const records = parseCsvLine(text, { relax_quotes: true, relax_column_count: true }) as string[][];
    if (records.length !== 1) return { cells: [text], malformed: 'a line break inside a value' };
    return { cells: records[0]! };
  } catch (error) {
    return { cells: [text], malformed: (error as Error).message.replace(/ at line \d+.*$/, '') };
  }
}

/**
 * A line whose quotes are all well formed, split without csv-parse (calling it per line cost
 * 0.2 ms a row, most of a 100,000-row import, as tools quote every address with a comma in it).
 * A quote starting a cell encloses it ("" is a quote); elsewhere a quote is text, as with
 * relax_quotes. Anything else (an unclosed quote, text after a closing one) gives null, and
 * csv-parse then says what is wrong.
 */
export function splitQuoted(text: string): string[] | null {
  const cells: string[] = [];
  let at = 0;
  for (;;) {
    if (text.charCodeAt(at) !== 34 /* " */) {
      const comma = text.indexOf(',', at);
      if (comma < 0) {
        cells.push(text.slice(at));
        return cells;
      }
      cells.push(text.slice(at, comma));
      at = comma + 1;
      continue;
    }
    let cell = '';
    let from = at + 1;
    for (;;) {
      const quote = text.indexOf('"', from);
      if (quote < 0) return null;
      cell += text.slice(from, quote);
      if (text.charCodeAt(quote + 1) === 34) {
        cell += '"';
        from = quote + 2;
        continue;
      }
      at = quote + 1;
      break;
    }
    cells.push(cell);
    if (at === text.length) return cells;
    if (text.charCodeAt(at) !== 44 /* , */) return null;
    at += 1;
  }
}

/** The first worksheet of an XLSX, streamed (exceljs' WorkbookReader): text, numbers and dates as text. */
async function* readXlsx(input: Readable): AsyncGenerator<ReadRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  for await (const worksheet of workbook) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      const cells = Array.from({ length: values.length }, (_, i) => cellText(values[i]));
      if (cells.every((cell) => cell.trim() === '')) continue;
      yield { rowNumber: row.number, cells };
    }
    return; // the first sheet only
  }
}

function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : value.toFixed(0);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}
