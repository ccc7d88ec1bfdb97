// What a bulk import can say about one row of a city's list: a stable code (cities and partner
// tools switch on it), the field, a severity that decides the row's verdict, and a message in
// Indonesian and English. Messages never name another city: "already covered" says only that.

export type IssueSeverity = 'error' | 'review' | 'warning';

export type ImportField = 'row' | 'nik' | 'fullName' | 'birthDate' | 'sex' | 'motherMaidenName' | 'address' | 'occupationGroup';

/** Column names of the report and of the header mapping, in the order a city's list usually has. */
export const IMPORT_FIELDS: readonly Exclude<ImportField, 'row'>[] = ['nik', 'fullName', 'birthDate', 'sex', 'motherMaidenName', 'address', 'occupationGroup'];

/** The Indonesian column names the report uses for each field. */
export const FIELD_LABELS: Readonly<Record<ImportField, string>> = {
  row: 'Baris',
  nik: 'NIK',
  fullName: 'Nama',
  birthDate: 'Tanggal Lahir',
  sex: 'Jenis Kelamin',
  motherMaidenName: 'Nama Ibu Kandung',
  address: 'Alamat',
  occupationGroup: 'Kelompok/Pekerjaan',
};

type Text = (detail: string) => string;

export const IMPORT_ISSUES = {
  MALFORMED_LINE: {
    severity: 'error',
    id: (d) => `Baris tidak dapat dibaca sebagai CSV (${d}); periksa tanda kutip dan jumlah kolom.`,
    en: (d) => `The line cannot be read as CSV (${d}); check its quotes and number of columns.`,
  },
  REQUIRED_MISSING: { severity: 'error', id: (d) => `Kolom ${d} wajib diisi.`, en: (d) => `The column ${d} is required.` },
  TEXT_INVALID: { severity: 'error', id: (d) => `Isi kolom tidak dapat diterima: ${d}.`, en: (d) => `The value cannot be accepted: ${d}.` },
  NIK_LENGTH: { severity: 'error', id: (d) => `NIK harus 16 angka; yang tertulis ${d} karakter.`, en: (d) => `A NIK has 16 digits; this one has ${d} characters.` },
  NIK_NOT_DIGITS: { severity: 'error', id: () => 'NIK hanya boleh berisi angka.', en: () => 'A NIK contains digits only.' },
  NIK_PROVINCE_ZERO: { severity: 'error', id: () => 'NIK diawali kode provinsi 00 yang tidak ada.', en: () => 'The NIK starts with province code 00, which does not exist.' },
  NIK_DATE_IMPOSSIBLE: { severity: 'error', id: () => 'Tanggal lahir di dalam NIK (angka 7–12) mustahil.', en: () => 'The birth date inside the NIK (digits 7–12) is impossible.' },
  NIK_SERIAL_ZERO: {
    severity: 'error',
    id: () => 'Nomor urut NIK (4 angka terakhir) 0000 tidak pernah diterbitkan.',
    en: () => 'The NIK serial (last 4 digits) 0000 is never issued.',
  },
  BIRTH_DATE_INVALID: {
    severity: 'error',
    id: (d) => `Tanggal lahir "${d}" tidak ada atau tidak terbaca; tulis DD/MM/YYYY atau YYYY-MM-DD.`,
    en: (d) => `The birth date "${d}" does not exist or cannot be read; write DD/MM/YYYY or YYYY-MM-DD.`,
  },
  BIRTH_DATE_FUTURE: { severity: 'error', id: (d) => `Tanggal lahir ${d} belum lewat.`, en: (d) => `The birth date ${d} is not in the past.` },
  SEX_UNKNOWN: { severity: 'error', id: (d) => `Jenis kelamin "${d}" tidak dikenal; tulis L atau P.`, en: (d) => `Unknown sex "${d}"; write L (male) or P (female).` },
  GROUP_UNKNOWN: { severity: 'error', id: (d) => `Kelompok pekerjaan "${d}" tidak dikenal.`, en: (d) => `Unknown occupation group "${d}".` },
  GROUP_NOT_FUNDED: { severity: 'error', id: (d) => `MoU ini tidak mendanai kelompok ${d}.`, en: (d) => `This MoU funds no places for the group ${d}.` },
  DUPLICATE_IN_FILE: { severity: 'error', id: (d) => `NIK ini sudah ada di baris ${d} file yang sama.`, en: (d) => `This NIK already appears in row ${d} of the same file.` },
  ALREADY_COVERED: {
    severity: 'error',
    id: () => 'Orang ini sudah aktif terdaftar dalam program perlindungan yang didanai pemerintah daerah.',
    en: () => 'This person is already actively covered by a city-funded scheme.',
  },
  PERSON_DECEASED: {
    severity: 'error',
    id: () => 'Kematian orang ini sudah tercatat; ia tidak dapat didaftarkan.',
    en: () => 'The death of this person is on record; they cannot be enrolled.',
  },
  QUOTA_EXCEEDED: { severity: 'error', id: (d) => `Kuota kelompok ${d} pada MoU ini sudah penuh.`, en: (d) => `The group ${d} of this MoU has no places left.` },
  REGISTRY_MISMATCH: {
    severity: 'error',
    id: (d) => `Data tidak cocok dengan data kependudukan (Dukcapil): ${d}.`,
    en: (d) => `The row does not match the civil registry (Dukcapil): ${d}.`,
  },
  REGISTRY_REVIEW: {
    severity: 'review',
    id: (d) => `Data mirip tetapi tidak sama dengan data kependudukan (${d}); perlu diperiksa petugas.`,
    en: (d) => `The row is close to but not the same as the civil registry record (${d}); an operator must check it.`,
  },
  REGISTRY_NOT_CHECKED: {
    severity: 'warning',
    id: () => 'Data kependudukan belum tersedia; baris ini belum diverifikasi ke Dukcapil.',
    en: () => 'No civil-registry extract is loaded; this row was not verified against Dukcapil.',
  },
  REVIEW_REJECTED: { severity: 'error', id: (d) => `Ditolak oleh petugas saat pemeriksaan: ${d}.`, en: (d) => `Rejected by an operator on review: ${d}.` },
  NIK_REGION_OTHER_CITY: {
    severity: 'warning',
    id: (d) => `NIK pertama kali diterbitkan di wilayah ${d}, bukan di kota ini; pastikan orang ini pindah, bukan salah ketik.`,
    en: (d) => `The NIK was first issued in region ${d}, not this city; check that the person moved rather than the number was mistyped.`,
  },
  NIK_BIRTH_DATE_DIFFERS: {
    severity: 'warning',
    id: (d) => `Tanggal lahir di NIK (${d}) berbeda dengan tanggal lahir yang tertulis.`,
    en: (d) => `The birth date in the NIK (${d}) differs from the stated one.`,
  },
  NIK_SEX_DIFFERS: {
    severity: 'warning',
    id: () => 'Jenis kelamin menurut NIK berbeda dengan yang tertulis.',
    en: () => 'The sex the NIK encodes differs from the stated one.',
  },
} as const satisfies Record<string, { severity: IssueSeverity; id: Text; en: Text }>;

export type ImportIssueCode = keyof typeof IMPORT_ISSUES;

export interface ImportIssue {
  code: ImportIssueCode;
  field: ImportField;
  severity: IssueSeverity;
  messageId: string;
  messageEn: string;
}

export function issue(code: ImportIssueCode, field: ImportField, detail = ''): ImportIssue {
  const text = IMPORT_ISSUES[code];
  return { code, field, severity: text.severity, messageId: text.id(detail), messageEn: text.en(detail) };
}

export const VERDICTS = ['ACCEPTED', 'ACCEPTED_WITH_WARNINGS', 'NEEDS_REVIEW', 'REJECTED'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The verdict the issues give: any error rejects, anything for review holds, warnings only warn. */
export function verdictOf(issues: readonly Pick<ImportIssue, 'severity'>[]): Verdict {
  if (issues.some((i) => i.severity === 'error')) return 'REJECTED';
  if (issues.some((i) => i.severity === 'review')) return 'NEEDS_REVIEW';
  if (issues.length > 0) return 'ACCEPTED_WITH_WARNINGS';
  return 'ACCEPTED';
}
