import type { IncomingMessage, ServerResponse } from 'node:http';
import PDFDocument from 'pdfkit';
import type { DataSource } from 'typeorm';
import { formatRupiah } from '../../../../domain/money.js';
import { maskNik } from '../../../../domain/nik.js';
import { terbilang } from '../../../../domain/contributions/terbilang.js';
import { DomainError, ERROR_CODES } from '../../../../domain/errors.js';
import type { Caller } from '../../../kit/src/context.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import type { GroupTotal, InvoiceRow, InvoiceService } from './invoice.service.js';

// The documents a finance office files: the invoice as PDF (city, MoU, period, totals per
// group, amount in words) and its participant list as CSV, served to the gateway's download
// route GET /documents/invoices/<id>.pdf|.csv with the caller's identity, city-scoped.

const PATH = /^\/documents\/invoices\/([0-9a-f-]{36})\.(pdf|csv)$/;
const CSV_PAGE = 5000;

export function invoicePdf(invoice: InvoiceRow, totals: readonly GroupTotal[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: invoice.number, Author: 'Lindung' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const title = invoice.kind === 'INVOICE' ? 'TAGIHAN IURAN BPJS KETENAGAKERJAAN' : 'NOTA KREDIT IURAN BPJS KETENAGAKERJAAN';
  doc.fontSize(14).text(title, { align: 'center' }).moveDown(0.5);
  doc.fontSize(10).text(`Nomor: ${invoice.number}`, { align: 'center' }).moveDown();
  const rows: [string, string][] = [
    ['Pemerintah Kota', `${invoice.cityName} (${invoice.regionCode})`],
    ['Nota kesepahaman (MoU)', invoice.mouNumber],
    ['Periode', invoice.month],
    ['Tanggal terbit', invoice.issuedOn],
    ['Jatuh tempo', invoice.dueOn],
    ['Jumlah peserta', String(invoice.lineCount)],
  ];
  for (const [label, value] of rows) doc.text(`${label}: ${value}`);
  doc.moveDown().fontSize(11).text('Rincian per kelompok pekerjaan').fontSize(10);
  for (const t of totals) doc.text(`${t.group}  —  ${t.lines} peserta  —  ${formatRupiah(t.amount)}`);
  doc
    .moveDown()
    .fontSize(12)
    .text(`Total: ${formatRupiah(invoice.total)}`);
  const words = invoice.total < 0n ? `minus ${terbilang(-invoice.total)}` : terbilang(invoice.total);
  doc.fontSize(10).text(`Terbilang: ${words}`, { oblique: true });
  if (invoice.reason) doc.moveDown().text(`Keterangan: ${invoice.reason}`);
  doc.end();
  return done;
}

const csvCell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Serves /documents/invoices/<id>.pdf|.csv; returns false for any other path. */
export function invoiceDocuments(dataSource: DataSource, invoices: InvoiceService, cipher: FieldCipher) {
  return async (req: IncomingMessage, res: ServerResponse, caller: Caller): Promise<boolean> => {
    const match = PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!match) return false;
    const invoice = await invoices.find(match[1]!, caller);
    if (!invoice) {
      const error = new DomainError('NOT_FOUND', `No invoice with id ${match[1]}.`, 'invoiceId');
      res
        .writeHead(ERROR_CODES.NOT_FOUND.status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code } }] }));
      return true;
    }
    const file = invoice.number.replace(/\//g, '-');
    if (match[2] === 'pdf') {
      const pdf = await invoicePdf(invoice, await invoices.totalsByGroup(invoice.id));
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${file}.pdf"`, 'content-length': pdf.length }).end(pdf);
      return true;
    }
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${file}.csv"` });
    res.write('line,participant_id,nik,full_name,occupation_group,covered_from,covered_to,amount,paid,credited\r\n');
    // NIKs masked: a participant list travels by e-mail in finance offices.
    for (let after = 0; ;) {
      const rows = (await dataSource.query(
        `SELECT l.line_no, l.participant_id, p.nik_ciphertext, p.full_name, l.occupation_group, l.covered_from::text, l.covered_to::text, l.amount::text, l.paid::text, l.credited::text
           FROM participants.invoice_line l JOIN participants.participant p ON p.id = l.participant_id
          WHERE l.invoice_id = $1 AND l.line_no > $2 ORDER BY l.line_no LIMIT $3`,
        [invoice.id, after, CSV_PAGE],
      )) as Record<string, string>[];
      for (const r of rows) {
        const nik = maskNik(cipher.decrypt(r['nik_ciphertext']!));
        const cells = [r['line_no'], r['participant_id'], nik, r['full_name'], r['occupation_group'], r['covered_from'], r['covered_to'], r['amount'], r['paid'], r['credited']];
        res.write(`${cells.map((c) => csvCell(String(c))).join(',')}\r\n`);
      }
      if (rows.length < CSV_PAGE) break;
      after = Number(rows[rows.length - 1]!['line_no']);
    }
    res.end();
    return true;
  };
}
