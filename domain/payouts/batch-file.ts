import { DomainError } from '../errors.js';

// The bulk-transfer file a treasury officer uploads to the bank's cash-management portal, and the
// statement file downloaded back from it. Indonesian banks each have their own upload format; this
// one follows their common shape (a header, one detail row per transfer, a trailer with count and
// control total) in plain CSV, UTF-8, CRLF, no quoting: fields never contain commas.
//
//   H,<batch id>,<value date YYYYMMDD>,<debit account>,<count>,<total rupiah>
//   D,<seq>,<bank code>,<account number>,<holder name ≤35>,<amount rupiah>,IDR,<reference>,<remark ≤35>
//   T,<count>,<total rupiah>
//
// Statement (CSV with a header row; debits are money leaving the fund's account):
//   posting_date,reference,description,debit,credit
//   2026-12-01,LDG0000000001,TRF SITI AMINAH,42000000,0

export interface BatchTransfer {
  bankCode: string;
  accountNumber: string;
  holderName: string;
  amount: bigint;
  reference: string;
  remark: string;
}

export interface BatchHeader {
  batchId: string;
  /** YYYY-MM-DD, the date the bank is to execute the transfers. */
  valueDate: string;
  debitAccount: string;
}

/** Upper case, letters, digits and spaces only, cut to the bank's field width. */
export function bankText(value: string, width = 35): string {
  return value
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[^A-Za-z0-9 ./-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase()
    .slice(0, width);
}

export function writeBatchFile(header: BatchHeader, transfers: readonly BatchTransfer[]): string {
  const total = transfers.reduce((sum, t) => sum + t.amount, 0n);
  const rows = [
    ['H', bankText(header.batchId, 20), header.valueDate.replaceAll('-', ''), header.debitAccount, String(transfers.length), total.toString()],
    ...transfers.map((t, i) => ['D', String(i + 1), t.bankCode, t.accountNumber, bankText(t.holderName), t.amount.toString(), 'IDR', t.reference, bankText(t.remark)]),
    ['T', String(transfers.length), total.toString()],
  ];
  return rows.map((row) => row.join(',')).join('\r\n') + '\r\n';
}

/** Reads a batch file back (the bank's side of it, and our tests): refuses one whose trailer does not add up. */
export function readBatchFile(text: string): { header: BatchHeader; transfers: BatchTransfer[] } {
  const rows = text
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) => line.split(','));
  const [h, ...rest] = rows;
  const t = rest.pop();
  if (h?.[0] !== 'H' || t?.[0] !== 'T') throw new DomainError('BAD_USER_INPUT', 'A batch file starts with an H row and ends with a T row.', 'file');
  const transfers = rest.map((d, i): BatchTransfer => {
    if (d[0] !== 'D' || d.length !== 9) throw new DomainError('BAD_USER_INPUT', `Row ${i + 2} is not a D row of 9 fields.`, 'file');
    return { bankCode: d[2]!, accountNumber: d[3]!, holderName: d[4]!, amount: BigInt(d[5]!), reference: d[7]!, remark: d[8]! };
  });
  const total = transfers.reduce((sum, x) => sum + x.amount, 0n);
  if (t[1] !== String(transfers.length) || t[2] !== total.toString() || h[4] !== t[1] || h[5] !== t[2]) {
    throw new DomainError('BAD_USER_INPUT', 'The count or control total of the batch file does not match its rows.', 'file');
  }
  const date = h[2]!;
  return { header: { batchId: h[1]!, valueDate: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`, debitAccount: h[3]! }, transfers };
}

export interface StatementLine {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  postingDate: string;
  reference: string;
  description: string;
  debit: bigint;
  credit: bigint;
}

const STATEMENT_HEADER = 'posting_date,reference,description,debit,credit';

/** Whole rupiah; a bank's "42000000.00" is accepted, a fraction of a rupiah is not. */
function statementAmount(raw: string, line: number, field: string): bigint {
  const value = raw.trim();
  const match = /^(\d{1,15})(?:\.00?)?$/.exec(value === '' ? '0' : value);
  if (!match) throw new DomainError('BAD_USER_INPUT', `Line ${line}: ${field} "${raw}" is not an amount in whole rupiah.`, `statement:${line}`);
  return BigInt(match[1]!);
}

/** Parses a statement file; every bad line is named, the first one refuses the file. */
export function readStatementFile(text: string): StatementLine[] {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim().toLowerCase() !== STATEMENT_HEADER) {
    throw new DomainError('BAD_USER_INPUT', `A statement file starts with the header "${STATEMENT_HEADER}".`, 'statement:1');
  }
  const result: StatementLine[] = [];
  lines.slice(1).forEach((raw, index) => {
    const line = index + 2;
    if (raw.trim() === '') return;
    const fields = raw.split(',');
    if (fields.length !== 5) throw new DomainError('BAD_USER_INPUT', `Line ${line} has ${fields.length} fields; a statement line has 5.`, `statement:${line}`);
    const [postingDate, reference, description, debit, credit] = fields.map((f) => f.trim()) as [string, string, string, string, string];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(postingDate))
      throw new DomainError('BAD_USER_INPUT', `Line ${line}: the posting date "${postingDate}" is not YYYY-MM-DD.`, `statement:${line}`);
    result.push({ line, postingDate, reference, description, debit: statementAmount(debit, line, 'debit'), credit: statementAmount(credit, line, 'credit') });
  });
  return result;
}

export function writeStatementFile(lines: readonly Omit<StatementLine, 'line'>[]): string {
  return [STATEMENT_HEADER, ...lines.map((l) => [l.postingDate, l.reference, bankText(l.description, 60), l.debit, l.credit].join(','))].join('\n') + '\n';
}
