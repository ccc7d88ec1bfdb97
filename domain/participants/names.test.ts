import { describe, expect, it } from 'vitest';
import { nameSimilarity, normaliseName, scoreRegistryMatch } from './names.js';

describe('Indonesian names compared the way Dukcapil and a city write them', () => {
  it.each([
    ['Hj. Siti Aminah, S.Pd.', 'SITI AMINAH'],
    ['H. Ahmad Dahlan', 'AHMAD DAHLAN'],
    ['Drs. Soekarno', 'SUKARNO'],
    ['Djoko Tjahjono', 'JOKO CAHYONO'],
    ['M. Yusuf', 'MUHAMMAD YUSUF'],
    ['Moh. Hatta', 'MUHAMMAD HATTA'],
    ['Mochammad Ridwan S.E', 'MUHAMMAD RIDWAN'],
    ['Muhamad  Ridwan', 'MUHAMMAD RIDWAN'],
    ['Ni Made Ayu', 'NI MADE AYU'],
    ['Ir. Budi Santoso, M.M.', 'BUDI SANTOSO'],
    ['Nyoman Sjahrir', 'NYOMAN SYAHRIR'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });

  it('scores trigram similarity as pg_trgm does: 1 for the same name, lower for a typo, near 0 for another name', () => {
    expect(nameSimilarity('SITI AMINAH', 'SITI AMINAH')).toBe(1);
    expect(nameSimilarity('SITI AMINAH', 'SITI AMINA')).toBeGreaterThan(0.6);
    expect(nameSimilarity('SITI AMINAH', 'BUDI SANTOSO')).toBeLessThan(0.1);
  });
});

const ROW = { fullName: 'Hj. Siti Aminah', birthDate: '1980-06-05', motherMaidenName: 'Sumarni' };

describe('a row scored against a civil-registry record', () => {
  it.each([
    ['same person, titles and spelling aside', true, { fullName: 'SITI AMINAH', birthDate: '1980-06-05', motherMaidenName: 'SOEMARNI' }, 'VERIFIED'],
    ['name typo, rest agrees', true, { fullName: 'SITI AMINA', birthDate: '1980-06-05', motherMaidenName: 'SUMARNI' }, 'NEEDS_REVIEW'],
    ['names agree, birth date differs', true, { fullName: 'SITI AMINAH', birthDate: '1981-06-05', motherMaidenName: 'SUMARNI' }, 'NEEDS_REVIEW'],
    ['same name only: other birth date and mother', true, { fullName: 'SITI AMINAH', birthDate: '1990-01-01', motherMaidenName: 'KARTINI' }, 'MISMATCH'],
    ['the NIK belongs to someone else', true, { fullName: 'BUDI SANTOSO', birthDate: '1975-02-02', motherMaidenName: 'WATI' }, 'MISMATCH'],
    ['found by name only (NIK typo), birth date and mother agree', false, { fullName: 'SITI AMINAH', birthDate: '1980-06-05', motherMaidenName: 'SUMARNI' }, 'NEEDS_REVIEW'],
    ['found by name only, nothing else agrees', false, { fullName: 'SITI AMINAH', birthDate: '1970-06-05', motherMaidenName: 'KARTINI' }, 'MISMATCH'],
  ] as const)('%s → %s', (_what, nikMatches, candidate, outcome) => {
    expect(scoreRegistryMatch({ nikMatches, row: ROW, candidate }).outcome).toBe(outcome);
  });

  it('never verifies on a name alone, however exact', () => {
    const score = scoreRegistryMatch({ nikMatches: false, row: ROW, candidate: { ...ROW } });
    expect(score.name).toBe(1);
    expect(score.outcome).not.toBe('VERIFIED');
  });
});
