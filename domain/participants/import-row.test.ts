import { describe, expect, it } from 'vitest';
import { verdictOf } from './import-issues.js';
import { checkImportRow, mapHeader, parseImportDate, parseOccupationGroup, parseSex } from './import-row.js';

const METRO = { regionCode: '18.72', today: '2026-12-01' };
const SITI = {
  nik: '1872014506800001',
  fullName: 'Siti Aminah',
  birthDate: '05/06/1980',
  sex: 'P',
  motherMaidenName: 'Sumarni',
  address: 'Jl. Ahmad Yani 1, Metro Pusat',
  occupationGroup: 'Guru Ngaji',
};
const codes = (cells: Record<string, string>) => checkImportRow(cells, METRO).issues.map((i) => `${i.field}:${i.code}`);

describe('the header row of a city list', () => {
  it('maps the Indonesian column names cities use, in any case, spacing or punctuation, BOM included', () => {
    const mapping = mapHeader(['\uFEFFNo', 'NIK', 'Nama Lengkap', 'Tgl. Lahir', 'JENIS KELAMIN', 'Nama Ibu Kandung', 'Alamat', 'Kelompok/Pekerjaan']);
    expect(mapping).toEqual({ columns: { nik: 1, fullName: 2, birthDate: 3, sex: 4, motherMaidenName: 5, address: 6, occupationGroup: 7 }, missing: [] });
  });
  it('names the required columns it cannot find', () => {
    expect(mapHeader(['NIK', 'Nama']).missing).toEqual(['birthDate', 'sex', 'motherMaidenName', 'address', 'occupationGroup']);
  });
});

describe('values as cities write them', () => {
  it.each([
    ['05/06/1980', '1980-06-05'],
    ['5-6-1980', '1980-06-05'],
    ['1980-06-05', '1980-06-05'],
    ['29/02/2001', null],
    ['31/04/1980', null],
    ['1980/06/05', null],
    ['kemarin', null],
  ])('date %s → %s', (text, date) => expect(parseImportDate(text)).toBe(date));
  it.each([
    ['L', 'M'],
    ['Laki-laki', 'M'],
    ['P', 'F'],
    ['Perempuan', 'F'],
    ['X', null],
  ])('sex %s → %s', (text, sex) => expect(parseSex(text)).toBe(sex));
  it.each([
    ['Guru Ngaji', 'RELIGIOUS_TEACHER'],
    ['Ketua RT', 'RT_RW_HEAD'],
    ['RT/RW', 'RT_RW_HEAD'],
    ['Marbot', 'MOSQUE_CARETAKER'],
    ['Juru Parkir', 'PARKING_ATTENDANT'],
    ['Kader Posyandu', 'POSYANDU_CADRE'],
    ['MARKET_PORTER', 'MARKET_PORTER'],
    ['Pilot', null],
  ])('group %s → %s', (text, group) => expect(parseOccupationGroup(text)).toBe(group));
});

describe('one row of a city list', () => {
  it('is accepted as stored when everything agrees', () => {
    const checked = checkImportRow(SITI, METRO);
    expect(checked.issues).toEqual([]);
    expect(checked.applicant).toMatchObject({ nik: SITI.nik, birthDate: '1980-06-05', sex: 'F', occupationGroup: 'RELIGIOUS_TEACHER' });
    expect(verdictOf(checked.issues)).toBe('ACCEPTED');
  });
  it.each([
    ['a NIK of 15 digits', { nik: '187201450680001' }, ['nik:NIK_LENGTH']],
    ['a NIK with a letter', { nik: '18720145068000O1' }, ['nik:NIK_NOT_DIGITS']],
    ['province 00', { nik: '0072014506800001' }, ['nik:NIK_PROVINCE_ZERO']],
    ['an impossible date in the NIK', { nik: '1872013213800001' }, ['nik:NIK_DATE_IMPOSSIBLE']],
    ['an impossible birth date', { birthDate: '31/02/1980' }, ['birthDate:BIRTH_DATE_INVALID']],
    ['a birth date not yet past', { birthDate: '02/12/2026' }, ['birthDate:BIRTH_DATE_FUTURE']],
    ['no mother’s name', { motherMaidenName: ' ' }, ['motherMaidenName:REQUIRED_MISSING']],
    ['an unknown group', { occupationGroup: 'Pilot' }, ['occupationGroup:GROUP_UNKNOWN']],
    ['an unknown sex', { sex: 'X' }, ['sex:SEX_UNKNOWN']],
    ['a control character', { fullName: 'Siti\u0007Aminah' }, ['fullName:TEXT_INVALID']],
  ])('is rejected for %s', (_what, change, expected) => {
    expect(codes({ ...SITI, ...change })).toEqual(expected);
    expect(verdictOf(checkImportRow({ ...SITI, ...change }, METRO).issues)).toBe('REJECTED');
  });
  it.each([
    ['a NIK issued in another city', { nik: '1871014506800001' }, ['nik:NIK_REGION_OTHER_CITY']],
    ['a NIK birth date unlike the row’s', { birthDate: '06/06/1980' }, ['birthDate:NIK_BIRTH_DATE_DIFFERS']],
    ['a NIK of a woman for a man', { sex: 'L' }, ['sex:NIK_SEX_DIFFERS']],
  ])('is accepted with a warning for %s', (_what, change, expected) => {
    expect(codes({ ...SITI, ...change })).toEqual(expected);
    expect(verdictOf(checkImportRow({ ...SITI, ...change }, METRO).issues)).toBe('ACCEPTED_WITH_WARNINGS');
  });
  it('has messages in Indonesian and English', () => {
    const [first] = checkImportRow({ ...SITI, nik: '123' }, METRO).issues;
    expect(first).toMatchObject({ messageId: 'NIK harus 16 angka; yang tertulis 3 karakter.', messageEn: 'A NIK has 16 digits; this one has 3 characters.' });
  });
});
