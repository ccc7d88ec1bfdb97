import { describe, expect, it } from 'vitest';
import { parseDeathExtract } from './death-extract.js';

describe('parseDeathExtract', () => {
  it('reads NIK and date of death by header, in either separator and date style, and counts unreadable lines', () => {
    const csv = '\uFEFFNama;NIK;Tanggal Meninggal\r\nSiti;1872 0145 0680 0001;14/03/2026\r\nBudi;1872014506800002;2026-03-15\r\nX;12;2026-01-01\r\nY;1872014506800003;kemarin\r\n';
    expect(parseDeathExtract(csv)).toEqual({
      notices: [
        { nik: '1872014506800001', dateOfDeath: '2026-03-14' },
        { nik: '1872014506800002', dateOfDeath: '2026-03-15' },
      ],
      skipped: 2,
    });
  });

  it('refuses a file without the two columns', () => {
    expect(() => parseDeathExtract('NIK,Nama\n1872014506800001,Siti\n')).toThrow(/date of death/);
  });
});
