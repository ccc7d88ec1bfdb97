import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fileKindOf, readRows, splitQuoted, type FileKind, type ReadRow } from './import.parse.js';

async function read(content: Buffer | string, kind: FileKind): Promise<ReadRow[]> {
  const rows: ReadRow[] = [];
  // Small chunks, so lines and ZIP entries cross chunk boundaries as they do in a real upload.
  const buffer = Buffer.from(content);
  const chunks = Array.from({ length: Math.ceil(buffer.length / 7) }, (_, i) => buffer.subarray(i * 7, i * 7 + 7));
  for await (const row of readRows(Readable.from(chunks), kind)) rows.push(row);
  return rows;
}

const HEADER = 'NIK,Nama,Tanggal Lahir,Jenis Kelamin,Nama Ibu Kandung,Alamat,Kelompok/Pekerjaan';

describe('a city list as CSV', () => {
  it('drops the BOM, keeps quoted commas, and numbers rows by their line in the file', async () => {
    const rows = await read(
      `\uFEFF${HEADER}\r\n1872014506800001,Siti Aminah,05/06/1980,P,Sumarni,"Jl. Ahmad Yani 1, Metro",Guru Ngaji\r\n\r\n1872010101800002,Budi,01/01/1980,L,Wati,Jl. Kenanga,Ketua RT\r\n`,
      'csv',
    );
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 4]);
    expect(rows[0]!.cells[0]).toBe('NIK');
    expect(rows[1]!.cells[5]).toBe('Jl. Ahmad Yani 1, Metro');
    expect(rows.every((r) => !r.malformed)).toBe(true);
  });

  it('makes a comma inside an unquoted name a malformed row, not a shifted one', async () => {
    const rows = await read(
      `${HEADER}\n1872014506800001,Siti Aminah, S.Pd,05/06/1980,P,Sumarni,Jl. Melati,Guru Ngaji\n1872010101800002,Budi,01/01/1980,L,Wati,Jl. Kenanga,Ketua RT\n`,
      'csv',
    );
    expect(rows[1]).toMatchObject({ rowNumber: 2, malformed: expect.stringContaining('8 columns where the header has 7') });
    expect(rows[1]!.cells).toEqual(['1872014506800001,Siti Aminah, S.Pd,05/06/1980,P,Sumarni,Jl. Melati,Guru Ngaji']);
    expect(rows[2]).toMatchObject({ rowNumber: 3, cells: ['1872010101800002', 'Budi', '01/01/1980', 'L', 'Wati', 'Jl. Kenanga', 'Ketua RT'] });
  });

  it('makes a broken quote one malformed row and reads the rows after it', async () => {
    const rows = await read(
      `${HEADER}\n1872014506800001,"Siti Aminah,05/06/1980,P,Sumarni,Jl. Melati,Guru Ngaji\n1872010101800002,Budi,01/01/1980,L,Wati,Jl. Kenanga,Ketua RT\n1872010202800003,Eko "Gendut",02/02/1980,L,Sri,Jl. Mawar,Marbot\n`,
      'csv',
    );
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatchObject({ rowNumber: 2, malformed: expect.any(String) });
    expect(rows[2]).toMatchObject({ rowNumber: 3, cells: expect.arrayContaining(['Budi']) });
    expect(rows[3]!.cells[1]).toBe('Eko "Gendut"');
  });

  it('joins a quoted value with a line break in it', async () => {
    const rows = await read(`${HEADER}\n1872010101800002,Budi,01/01/1980,L,Wati,"Jl. Kenanga\nRT 02",Ketua RT\n`, 'csv');
    expect(rows[1]).toMatchObject({ rowNumber: 2, cells: expect.arrayContaining(['Jl. Kenanga\nRT 02']) });
  });
});

describe('a city list as XLSX', () => {
  it('reads the first sheet only, dates and numbers as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Peserta');
    sheet.addRow(HEADER.split(','));
    sheet.addRow(['1872014506800001', 'Siti Aminah', new Date(Date.UTC(1980, 5, 5)), 'P', 'Sumarni', 'Jl. Ahmad Yani 1, Metro', 'Guru Ngaji']);
    sheet.addRow([1872010101800002, 'Budi', '01/01/1980', 'L', 'Wati', 'Jl. Kenanga', 'Ketua RT']);
    workbook.addWorksheet('Catatan').addRow(['not a participant']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(fileKindOf(file)).toBe('xlsx');
    const rows = await read(file, 'xlsx');
    expect(rows).toHaveLength(3);
    expect(rows[1]!.cells.slice(0, 3)).toEqual(['1872014506800001', 'Siti Aminah', '1980-06-05']);
    expect(rows[2]!.cells[0]).toBe('1872010101800002');
  });
});

describe('the fast split of quoted lines', () => {
  it('reads well-formed lines exactly as csv-parse does, and leaves the rest to it', async () => {
    const { parse } = await import('csv-parse/sync');
    const lines = ['1,"Jl. Ahmad Yani 1, Metro",x', '"a""b",,"",c', 'Eko "Gendut",2', '"last, cell"', 'trailing,', '"",""', ',"x"', 'a,"b ""c"" d",e'];
    for (const line of lines) expect(splitQuoted(line), line).toEqual((parse(line, { relax_quotes: true, relax_column_count: true }) as string[][])[0]);
    expect(splitQuoted('1,"Siti Aminah,05/06/1980')).toBeNull();
    expect(splitQuoted('1,"Siti" Aminah,2')).toBeNull();
  });
});
