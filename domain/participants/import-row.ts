import { isSupportedDate, type LocalDate } from '../calendar.js';
import { normalizeNik, validateNik } from '../nik.js';
import { DEFAULT_TEXT_RULE, textProblem, type TextRule } from '../text.js';
import { FIELD_LABELS, IMPORT_FIELDS, issue, type ImportField, type ImportIssue } from './import-issues.js';
import { OCCUPATION_GROUPS, type OccupationGroup, type Sex } from './occupation.js';

// One row of a city's list, read the way cities write it: Indonesian column names in any case
// and spacing, DD/MM/YYYY or ISO dates, L/P for the sex, occupation groups in words.

export type ImportColumn = Exclude<ImportField, 'row'>;

const HEADER_ALIASES: Record<ImportColumn, string[]> = {
  nik: ['nik', 'noktp', 'nomorktp', 'nonik', 'nomornik', 'nomorindukkependudukan', 'noinduk'],
  fullName: ['nama', 'namalengkap', 'namapeserta', 'namasesuaiktp', 'namalengkapsesuaiktp', 'namapekerja', 'fullname', 'name'],
  birthDate: ['tanggallahir', 'tgllahir', 'tgllhr', 'tanggallhr', 'birthdate', 'dateofbirth'],
  sex: ['jeniskelamin', 'jk', 'kelamin', 'lp', 'sex', 'gender'],
  motherMaidenName: ['namaibukandung', 'ibukandung', 'namaibu', 'mothermaidenname', 'mothersname'],
  address: ['alamat', 'alamatlengkap', 'alamatrumah', 'alamatdomisili', 'address'],
  occupationGroup: ['kelompokpekerjaan', 'kelompok', 'pekerjaan', 'jenispekerjaan', 'profesi', 'occupationgroup', 'group'],
};

function headerKey(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

export interface HeaderMapping {
  /** Column index of each field found. */
  columns: Partial<Record<ImportColumn, number>>;
  /** Required fields without a column. */
  missing: ImportColumn[];
}

/** Maps a header row to our fields: 'Nama Lengkap', 'TGL. LAHIR', 'Kelompok/Pekerjaan' all work. */
export function mapHeader(cells: readonly string[]): HeaderMapping {
  const columns: Partial<Record<ImportColumn, number>> = {};
  cells.forEach((cell, index) => {
    const key = headerKey(cell);
    for (const field of IMPORT_FIELDS) {
      if (columns[field] === undefined && HEADER_ALIASES[field].includes(key)) columns[field] = index;
    }
  });
  return { columns, missing: IMPORT_FIELDS.filter((field) => columns[field] === undefined) };
}

/** DD/MM/YYYY, DD-MM-YYYY, D.M.YYYY or YYYY-MM-DD; null when it is no real date. */
export function parseImportDate(text: string): LocalDate | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(t);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else return null;
  const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isSupportedDate(date) ? date : null;
}

const SEX_WORDS: Record<string, Sex> = {
  l: 'M',
  lk: 'M',
  lakilaki: 'M',
  laki: 'M',
  pria: 'M',
  m: 'M',
  male: 'M',
  p: 'F',
  pr: 'F',
  perempuan: 'F',
  wanita: 'F',
  f: 'F',
  female: 'F',
};

export function parseSex(text: string): Sex | null {
  return SEX_WORDS[headerKey(text)] ?? null;
}

const GROUP_WORDS: [RegExp, OccupationGroup][] = [
  [/^(ketua)?(rt|rw|rtrw)$|^ketuart|^ketuarw|^rtrw/, 'RT_RW_HEAD'],
  [/guru(ngaji|agama|mengaji|tpa|tpq|madrasah)|ustadz|ustaz|pengajar(agama|ngaji)/, 'RELIGIOUS_TEACHER'],
  [/marbot|penjagamasjid|pengurusmasjid|takmir|penjagamushola/, 'MOSQUE_CARETAKER'],
  [/penjagamakam|juru?kunci|penggalikubur|penjagapemakaman/, 'CEMETERY_KEEPER'],
  [/kader(posyandu)?|posyandu/, 'POSYANDU_CADRE'],
  [/jurupark|jukir|tukangparkir|parkir/, 'PARKING_ATTENDANT'],
  [/buruhpasar|kulipanggul|kulipasar|porter|tukangpanggul/, 'MARKET_PORTER'],
  [/honorer|tenagahonor|pegawaihonor|thl/, 'HONORARY_STAFF'],
  [/^(lain|lainnya|lainlain|other)$/, 'OTHER'],
];

/** An occupation group from the words a city uses ('Guru Ngaji', 'Ketua RT', 'MOSQUE_CARETAKER'); null when unknown. */
export function parseOccupationGroup(text: string): OccupationGroup | null {
  const exact = text
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  if ((OCCUPATION_GROUPS as readonly string[]).includes(exact)) return exact as OccupationGroup;
  const key = headerKey(text);
  if (!key) return null;
  return GROUP_WORDS.find(([pattern]) => pattern.test(key))?.[1] ?? null;
}

export interface ImportApplicant {
  nik: string;
  fullName: string;
  birthDate: LocalDate;
  sex: Sex;
  motherMaidenName: string;
  address: string;
  occupationGroup: OccupationGroup;
}

export interface CheckedRow {
  /** The fields as stored, when every one could be read; null when the row is rejected before that. */
  applicant: ImportApplicant | null;
  issues: ImportIssue[];
}

const TEXT_RULES: Record<ImportColumn, TextRule> = {
  nik: { maxLength: 40 },
  fullName: DEFAULT_TEXT_RULE,
  birthDate: { maxLength: 40 },
  sex: { maxLength: 40 },
  motherMaidenName: DEFAULT_TEXT_RULE,
  address: { maxLength: 500, multiline: true },
  occupationGroup: { maxLength: 100 },
};

const NIK_CODES: Record<string, 'NIK_LENGTH' | 'NIK_NOT_DIGITS' | 'NIK_PROVINCE_ZERO' | 'NIK_DATE_IMPOSSIBLE' | 'NIK_SERIAL_ZERO'> = {
  LENGTH: 'NIK_LENGTH',
  NON_DIGIT: 'NIK_NOT_DIGITS',
  PROVINCE_ZERO: 'NIK_PROVINCE_ZERO',
  BIRTH_DATE_IMPOSSIBLE: 'NIK_DATE_IMPOSSIBLE',
  SERIAL_ZERO: 'NIK_SERIAL_ZERO',
};

/**
 * Everything one row can be checked for on its own: required fields, text, NIK, dates, sex and
 * group (errors), and where the NIK disagrees with the city or the row (warnings). Checks that need
 * other rows or other data (duplicates, existing coverage, registry, quota) are made afterwards.
 */
export function checkImportRow(cells: Readonly<Partial<Record<ImportColumn, string>>>, context: { regionCode: string; today: LocalDate }): CheckedRow {
  const issues: ImportIssue[] = [];
  const value: Record<ImportColumn, string> = { nik: '', fullName: '', birthDate: '', sex: '', motherMaidenName: '', address: '', occupationGroup: '' };
  for (const field of IMPORT_FIELDS) {
    const text = (cells[field] ?? '').trim();
    const problem = textProblem(text, TEXT_RULES[field]);
    if (problem) issues.push(issue('TEXT_INVALID', field, `${FIELD_LABELS[field]} ${problem}`));
    else if (!text) issues.push(issue('REQUIRED_MISSING', field, FIELD_LABELS[field]));
    value[field] = text;
  }
  const has = (field: ImportColumn) => !issues.some((i) => i.field === field);

  const nik = normalizeNik(value.nik);
  if (has('nik')) {
    const check = validateNik(nik);
    if (check.errors.length > 0) {
      const code = NIK_CODES[check.errors[0]!.code] ?? 'NIK_NOT_DIGITS';
      issues.push(issue(code, 'nik', String(nik.length)));
    }
  }
  let birthDate: LocalDate | null = null;
  if (has('birthDate')) {
    birthDate = parseImportDate(value.birthDate);
    if (!birthDate) issues.push(issue('BIRTH_DATE_INVALID', 'birthDate', value.birthDate));
    else if (birthDate >= context.today) issues.push(issue('BIRTH_DATE_FUTURE', 'birthDate', birthDate));
  }
  const sex = has('sex') ? parseSex(value.sex) : null;
  if (has('sex') && !sex) issues.push(issue('SEX_UNKNOWN', 'sex', value.sex));
  const group = has('occupationGroup') ? parseOccupationGroup(value.occupationGroup) : null;
  if (has('occupationGroup') && !group) issues.push(issue('GROUP_UNKNOWN', 'occupationGroup', value.occupationGroup));

  if (issues.length > 0 || !birthDate || !sex || !group) return { applicant: null, issues };
  const applicant: ImportApplicant = { nik, fullName: value.fullName, birthDate, sex, motherMaidenName: value.motherMaidenName, address: value.address, occupationGroup: group };
  for (const warning of validateNik(nik, { expectedRegionCode: context.regionCode, birthDate, sex }).warnings) {
    if (warning.code === 'REGION_MISMATCH') issues.push(issue('NIK_REGION_OTHER_CITY', 'nik', `${nik.slice(0, 2)}.${nik.slice(2, 4)}`));
    if (warning.code === 'BIRTH_DATE_MISMATCH') issues.push(issue('NIK_BIRTH_DATE_DIFFERS', 'birthDate', /\((\d{4}-\d{2}-\d{2})\)/.exec(warning.message)?.[1] ?? ''));
    if (warning.code === 'SEX_MISMATCH') issues.push(issue('NIK_SEX_DIFFERS', 'sex'));
  }
  return { applicant, issues };
}
