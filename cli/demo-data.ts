import type { OccupationGroup } from '../domain/participants/occupation.js';

// Synthetic but realistic city lists for the demo and the benchmark: Indonesian names, NIKs that
// encode the city, birth date and sex, a matching civil-registry extract, and (optionally) a few
// percent of the messy rows cities really send.

const MEN = ['Agus', 'Budi', 'Joko', 'Ahmad', 'Muhammad', 'Slamet', 'Bambang', 'Dedi', 'Eko', 'Hendra', 'Rudi', 'Sutrisno', 'Yusuf', 'Andi', 'Wahyu', 'Arif', 'Heru', 'Imam'];
const WOMEN = ['Siti', 'Sri', 'Dewi', 'Rina', 'Nur', 'Ani', 'Yuli', 'Wati', 'Lestari', 'Fitri', 'Ratna', 'Indah', 'Ayu', 'Endang', 'Sari', 'Tuti', 'Rahma', 'Aminah'];
const FAMILY = [
  'Santoso',
  'Wijaya',
  'Hidayat',
  'Saputra',
  'Pratama',
  'Susanto',
  'Gunawan',
  'Setiawan',
  'Nugroho',
  'Hartono',
  'Kurniawan',
  'Rahayu',
  'Lubis',
  'Siregar',
  'Wibowo',
  'Suryadi',
];
const MOTHERS = ['Sumarni', 'Painem', 'Kartini', 'Suminah', 'Halimah', 'Sulastri', 'Sujiatmi', 'Rukmini', 'Marsinah', 'Tukiyem', 'Juariah', 'Salmah', 'Maryam', 'Khadijah'];
const STREETS = ['Jl. Ahmad Yani', 'Jl. Sudirman', 'Jl. Diponegoro', 'Jl. Kartini', 'Jl. Merdeka', 'Jl. Pahlawan', 'Jl. Imam Bonjol', 'Jl. Gatot Subroto'];
const GROUP_WORDS: Record<string, string> = {
  RT_RW_HEAD: 'Ketua RT',
  RELIGIOUS_TEACHER: 'Guru Ngaji',
  MOSQUE_CARETAKER: 'Marbot',
  CEMETERY_KEEPER: 'Penjaga Makam',
  POSYANDU_CADRE: 'Kader Posyandu',
  PARKING_ATTENDANT: 'Juru Parkir',
  MARKET_PORTER: 'Buruh Pasar',
  HONORARY_STAFF: 'Tenaga Honorer',
  OTHER: 'Lainnya',
};

export const LIST_HEADER = ['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin', 'Nama Ibu Kandung', 'Alamat', 'Kelompok/Pekerjaan'];
export const REGISTRY_HEADER = ['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin', 'Nama Ibu Kandung', 'Kode Wilayah'];

/** A small deterministic generator (mulberry32), so the same seed gives the same lists. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CityList {
  rows: string[][];
  registry: string[][];
  messy: number;
}

/**
 * `count` workers of the city `regionCode` ('18.72') in the groups given (spread evenly). With
 * `messyShare` > 0 about that share of rows carry one problem each: a NIK with a digit missing, an
 * impossible date, the same person twice, a name spelled unlike the registry, a missing mother's
 * name, or a NIK the registry does not know.
 */
export function cityList(regionCode: string, count: number, groups: readonly OccupationGroup[], options: { seed?: number; messyShare?: number } = {}): CityList {
  const next = random(options.seed ?? Number(regionCode.replace('.', '')));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const rows: string[][] = [];
  const registry: string[][] = [];
  const prefix = regionCode.replace('.', '');
  let messy = 0;
  for (let i = 0; i < count; i++) {
    const female = next() < 0.5;
    const year = 1960 + Math.floor(next() * 45);
    const month = 1 + Math.floor(next() * 12);
    const day = 1 + Math.floor(next() * 28);
    // (district, serial) is unique per row, so NIKs never collide by accident.
    const district = 1 + (i % 90);
    const serial = 1 + Math.floor(i / 90);
    const nik = `${prefix}${pad(district)}${pad(female ? day + 40 : day)}${pad(month)}${pad(year % 100)}${pad(serial, 4)}`;
    const name = `${pick(female ? WOMEN : MEN)} ${pick(FAMILY)}`;
    const mother = pick(MOTHERS);
    const birth = `${pad(day)}/${pad(month)}/${year}`;
    const row = [
      nik,
      name,
      birth,
      female ? 'P' : 'L',
      mother,
      `"${pick(STREETS)} ${1 + Math.floor(next() * 120)}, RT ${pad(1 + Math.floor(next() * 9), 3)}"`,
      GROUP_WORDS[groups[i % groups.length]!]!,
    ];
    registry.push([nik, name.toUpperCase(), `${year}-${pad(month)}-${pad(day)}`, female ? 'P' : 'L', mother.toUpperCase(), regionCode]);
    if ((options.messyShare ?? 0) > 0 && next() < options.messyShare!) {
      messy++;
      const kind = Math.floor(next() * 6);
      if (kind === 0) row[0] = nik.slice(0, 15);
      if (kind === 1) row[2] = `31/02/${year}`;
      if (kind === 2 && rows.length > 0) row[0] = rows[rows.length - 1]![0]!;
      if (kind === 3) row[1] = `${name.slice(0, -1)}${name.endsWith('a') ? 'h' : 'a'}`;
      if (kind === 4) row[4] = '';
      if (kind === 5) registry.pop();
    }
    rows.push(row);
  }
  return { rows, registry, messy };
}

/** Rows as CSV lines (cells that need quotes were quoted by cityList). */
export function csvLines(header: readonly string[], rows: readonly string[][]): string {
  return `${[header.join(','), ...rows.map((r) => r.join(','))].join('\r\n')}\r\n`;
}
