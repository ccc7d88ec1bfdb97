import { DomainError } from '../errors.js';
import type { Program } from '../programs.js';
import type { HeirRelationship } from './heirs.js';

// The documents a claim needs (DOMAIN.md "Claims"), per program, and what the caseworker has
// done with each. A claim's documents are verified only when every required one is VERIFIED.

export const DOCUMENT_TYPES = {
  PARTICIPANT_CARD: 'Participant card (KPJ)',
  KTP_DECEASED: 'KTP of the deceased',
  KTP_HEIR: 'KTP of each heir',
  DEATH_CERTIFICATE: 'Death certificate',
  FAMILY_CARD: 'Family card (KK)',
  HEIR_STATEMENT: 'Heir statement from an authorised official',
  MARRIAGE_BOOK: 'Marriage book (spouse heir)',
  SAVINGS_BOOK: 'Savings book of the heir',
  NPWP: 'Tax number (NPWP), payouts above Rp 50,000,000',
  KTP_PARTICIPANT: 'KTP of the participant',
  ACCIDENT_REPORT_I: 'Accident report, stage I',
  ACCIDENT_REPORT_II: 'Accident report, stage II',
  DOCTOR_STATEMENT: "Doctor's statement",
  CHRONOLOGY: 'Chronology of the accident',
  WITNESS_STATEMENTS: 'Statements of two witnesses',
  POLICE_REPORT: 'Police report (road accidents)',
  RECEIPTS: 'Receipts (medical care, transport)',
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;
export const DOCUMENT_TYPE_CODES = Object.keys(DOCUMENT_TYPES) as DocumentType[];

export const DOCUMENT_STATES = ['PENDING', 'RECEIVED', 'VERIFIED', 'REJECTED'] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];

export type ChecklistItem = { type: DocumentType; label: string; required: boolean };

/** The checklist for a claim: required and optional documents, by program and the heirs named. */
export function documentChecklist(program: Program, facts: { heirs: readonly { relationship: HeirRelationship }[]; total: bigint; jkkDeath?: boolean }): ChecklistItem[] {
  const item = (type: DocumentType, required: boolean): ChecklistItem => ({ type, label: DOCUMENT_TYPES[type], required });
  const bigPayout = facts.total > 50_000_000n;
  if (program === 'JKM' || facts.jkkDeath) {
    const spouse = facts.heirs.some((h) => h.relationship === 'SPOUSE');
    return [
      item('PARTICIPANT_CARD', true),
      item('KTP_DECEASED', true),
      item('KTP_HEIR', true),
      item('DEATH_CERTIFICATE', true),
      item('FAMILY_CARD', true),
      item('HEIR_STATEMENT', true),
      item('MARRIAGE_BOOK', spouse),
      item('SAVINGS_BOOK', true),
      item('NPWP', bigPayout),
      ...(program === 'JKK' ? [item('ACCIDENT_REPORT_I', true), item('CHRONOLOGY', true), item('POLICE_REPORT', false)] : []),
    ];
  }
  return [
    item('PARTICIPANT_CARD', true),
    item('KTP_PARTICIPANT', true),
    item('ACCIDENT_REPORT_I', true),
    item('ACCIDENT_REPORT_II', true),
    item('DOCTOR_STATEMENT', true),
    item('CHRONOLOGY', true),
    item('WITNESS_STATEMENTS', true),
    item('POLICE_REPORT', false),
    item('RECEIPTS', false),
    item('SAVINGS_BOOK', true),
    item('NPWP', bigPayout),
  ];
}

/** Required documents not yet verified; empty when the claim's documents are complete. */
export function missingDocuments(items: readonly { type: string; required: boolean; state: DocumentState }[]): string[] {
  return items.filter((d) => d.required && d.state !== 'VERIFIED').map((d) => d.type);
}

export function assertDocumentsComplete(items: readonly { type: string; required: boolean; state: DocumentState }[]): void {
  const missing = missingDocuments(items);
  if (missing.length > 0) {
    const labels = missing.map((t) => DOCUMENT_TYPES[t as DocumentType] ?? t).join('; ');
    throw new DomainError('INVALID_TRANSITION', `The documents are not complete: ${labels} still to be received and verified.`, 'documents', { reason: 'DOCUMENTS_INCOMPLETE' });
  }
}

/** What a caseworker may do to one document in a given state. */
export function nextDocumentState(from: DocumentState, action: 'RECEIVE' | 'VERIFY' | 'REJECT'): DocumentState {
  if (action === 'RECEIVE') return 'RECEIVED'; // a new file replaces a rejected or pending one
  if (from !== 'RECEIVED') {
    throw new DomainError(
      'INVALID_TRANSITION',
      `This document is ${from.toLowerCase()}; only a received document can be ${action === 'VERIFY' ? 'verified' : 'rejected'}.`,
      'documentType',
    );
  }
  return action === 'VERIFY' ? 'VERIFIED' : 'REJECTED';
}
