// Indonesian names as the civil registry (Dukcapil) and a city's spreadsheet spell them differently:
// titles and degrees (H., Hj., Drs., S.Pd), old spellings (Soekarno / Sukarno, Djoko / Joko,
// Tjahjono / Cahyono) and the many ways of writing Muhammad. Names are compared after this
// normalisation; the score also weighs birth date and mother's name, and a name alone never verifies.

/** Honorifics, religious titles and academic degrees, as tokens after dots are removed. */
const TITLES = new Set([
  'H',
  'HJ',
  'HAJI',
  'HAJAH',
  'KH',
  'USTADZ',
  'USTAD',
  'USTADZAH',
  'BPK',
  'BAPAK',
  'IBU',
  'SDR',
  'SDRI',
  'TN',
  'NY',
  'NN',
  'ALM',
  'ALMH',
  'DR',
  'DRS',
  'DRA',
  'IR',
  'PROF',
  'SPD',
  'SPDI',
  'SAG',
  'SE',
  'SH',
  'SHI',
  'SKOM',
  'ST',
  'SSOS',
  'SKM',
  'SKEP',
  'SSI',
  'SIP',
  'SIKOM',
  'SP',
  'AMD',
  'AMKEB',
  'AMKEP',
  'AMAPD',
  'MPD',
  'MPDI',
  'MM',
  'MSI',
  'MAG',
  'MH',
  'MT',
  'MKES',
  'MKOM',
  'LC',
]);

/** Ways of writing Muhammad (M. and Moh. as abbreviations). */
const MUHAMMAD = new Set([
  'M',
  'MUH',
  'MUHD',
  'MHD',
  'MOH',
  'MOCH',
  'MOHD',
  'MUHAMAD',
  'MUHAMMAD',
  'MUHAMMED',
  'MOHAMAD',
  'MOHAMMAD',
  'MOHAMMED',
  'MOCHAMAD',
  'MOCHAMMAD',
  'MOHAMED',
]);

/**
 * Old (pre-1972) spellings to the current ones: oe → u, dj → j, tj → c, sj → sy, nj → ny, ch → kh,
 * and in a word written the old way a lone j is today's y (Tjahjono → Cahyono). A word with none
 * of these marks is left alone, so today's Joko stays Joko.
 */
const OLD_MARK = /OE|DJ|TJ|SJ|NJ|CH/;

function respell(token: string): string {
  if (!OLD_MARK.test(token)) return token;
  return token
    .replace(/OE/g, 'U')
    .replace(/DJ/g, '#')
    .replace(/TJ/g, 'C')
    .replace(/SJ/g, 'S%')
    .replace(/NJ/g, 'N%')
    .replace(/CH/g, 'KH')
    .replace(/J/g, 'Y')
    .replace(/%/g, 'Y')
    .replace(/#/g, 'J');
}

/**
 * A name in the form names are compared in: upper case, no accents or punctuation, no titles or
 * degrees, current spelling, Muhammad written out. 'Hj. Siti Aminah, S.Pd.' → 'SITI AMINAH'.
 */
export function normaliseName(name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[.'`’]/g, '')
    .replace(/[^A-Z ]+/g, ' ');
  const tokens = plain.split(/\s+/).filter(Boolean);
  const kept = tokens.filter((token) => !TITLES.has(token)).map((token) => (MUHAMMAD.has(token) ? 'MUHAMMAD' : respell(token)));
  return kept.join(' ');
}

function trigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (const word of text.split(' ').filter(Boolean)) {
    const padded = `  ${word.toLowerCase()} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

/** Trigram similarity (0–1) of two normalised names, computed as PostgreSQL's pg_trgm does. */
export function nameSimilarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const gram of x) if (y.has(gram)) shared++;
  return shared / (x.size + y.size - shared);
}

export type RegistryOutcome = 'VERIFIED' | 'NEEDS_REVIEW' | 'MISMATCH';

export interface RegistryComparison {
  /** The registry record was found by the row's NIK (not only by a similar name). */
  nikMatches: boolean;
  row: { fullName: string; birthDate: string; motherMaidenName: string };
  candidate: { fullName: string; birthDate: string; motherMaidenName: string };
}

export interface RegistryScore {
  outcome: RegistryOutcome;
  /** 0–1: name 50 %, birth date 30 %, mother's name 20 %. */
  score: number;
  name: number;
  birthDate: boolean;
  mother: number;
}

/** What the thresholds mean: a verified row agrees on NIK, birth date, name and mother's name. */
export const REGISTRY_THRESHOLDS = { verifiedName: 0.8, verifiedMother: 0.6, reviewScore: 0.55, typoName: 0.6, typoMother: 0.5 } as const;

/**
 * Scores a row against a registry record. VERIFIED needs the NIK, the birth date and both names
 * to agree; a close but imperfect record goes to review; a name alone (with a different birth
 * date and mother) never verifies. A record found only by a similar name (the NIK may be
 * mistyped) is at best NEEDS_REVIEW.
 */
export function scoreRegistryMatch(c: RegistryComparison): RegistryScore {
  const t = REGISTRY_THRESHOLDS;
  const name = round(nameSimilarity(normaliseName(c.row.fullName), normaliseName(c.candidate.fullName)));
  const mother = round(nameSimilarity(normaliseName(c.row.motherMaidenName), normaliseName(c.candidate.motherMaidenName)));
  const birthDate = c.row.birthDate === c.candidate.birthDate;
  const score = round(0.5 * name + 0.3 * (birthDate ? 1 : 0) + 0.2 * mother);
  let outcome: RegistryOutcome = 'MISMATCH';
  if (c.nikMatches && birthDate && name >= t.verifiedName && mother >= t.verifiedMother) outcome = 'VERIFIED';
  else if (c.nikMatches && birthDate && score >= t.reviewScore) outcome = 'NEEDS_REVIEW';
  else if (c.nikMatches && !birthDate && name >= t.verifiedName && mother >= t.verifiedMother) outcome = 'NEEDS_REVIEW';
  else if (!c.nikMatches && birthDate && name >= t.typoName && mother >= t.typoMother) outcome = 'NEEDS_REVIEW';
  return { outcome, score, name, birthDate, mother };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
