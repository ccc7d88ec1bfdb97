import { describe, expect, it } from 'vitest';
import { assertDocumentsComplete, documentChecklist, missingDocuments, nextDocumentState } from './documents.js';

describe('document checklist', () => {
  it('asks a JKM claim with a spouse for the marriage book, and for an NPWP only above Rp 50 m', () => {
    const list = documentChecklist('JKM', { heirs: [{ relationship: 'SPOUSE' }, { relationship: 'CHILD' }], total: 42_000_000n });
    expect(list.filter((d) => d.required).map((d) => d.type)).toEqual([
      'PARTICIPANT_CARD',
      'KTP_DECEASED',
      'KTP_HEIR',
      'DEATH_CERTIFICATE',
      'FAMILY_CARD',
      'HEIR_STATEMENT',
      'MARRIAGE_BOOK',
      'SAVINGS_BOOK',
    ]);
    expect(list.find((d) => d.type === 'NPWP')?.required).toBe(false);
    expect(
      documentChecklist('JKM', { heirs: [{ relationship: 'PARENT' }], total: 60_000_000n })
        .filter((d) => d.required)
        .map((d) => d.type),
    ).toContain('NPWP');
  });

  it('asks a JKK claim for the accident reports, doctor and witnesses', () => {
    const required = documentChecklist('JKK', { heirs: [], total: 10_000_000n })
      .filter((d) => d.required)
      .map((d) => d.type);
    expect(required).toEqual(expect.arrayContaining(['ACCIDENT_REPORT_I', 'ACCIDENT_REPORT_II', 'DOCTOR_STATEMENT', 'WITNESS_STATEMENTS']));
    expect(required).not.toContain('POLICE_REPORT');
  });

  it('is complete only when every required document is verified', () => {
    const items = [
      { type: 'DEATH_CERTIFICATE', required: true, state: 'VERIFIED' as const },
      { type: 'FAMILY_CARD', required: true, state: 'RECEIVED' as const },
      { type: 'NPWP', required: false, state: 'PENDING' as const },
    ];
    expect(missingDocuments(items)).toEqual(['FAMILY_CARD']);
    expect(() => assertDocumentsComplete(items)).toThrow('The documents are not complete: Family card (KK) still to be received and verified.');
    expect(() => assertDocumentsComplete(items.slice(0, 1))).not.toThrow();
  });

  it('verifies or rejects only a received document; a new file replaces a rejected one', () => {
    expect(nextDocumentState('RECEIVED', 'VERIFY')).toBe('VERIFIED');
    expect(nextDocumentState('REJECTED', 'RECEIVE')).toBe('RECEIVED');
    expect(() => nextDocumentState('PENDING', 'VERIFY')).toThrow(/only a received document can be verified/);
  });
});
