import type { Actor, CityScope } from '../../domain/access.js';
import { OCCUPATION_GROUPS, type OccupationGroup } from '../../domain/participants/occupation.js';
import type { MouForEnrolment } from '../enrolment/enrolment.activities.js';

// The activities the enrolment-import workflow calls, per task queue. Pages carry participant
// ids and groups only (a few tens of KB); rows themselves never pass through Temporal.

// ── pages by row number (workflows from patch 'import-pages-by-row') ───────────────────────
/**
 * A page of accepted rows, by row number, in a few bytes a row: the participant id of a row is
 * derived from the batch and its row number (importParticipantId), so no id travels through the
 * workflow and a page of 20,000 rows is some 40 KB of history instead of 3 MB.
 */
export interface ImportPage {
  /** Row numbers, ascending, as runs: [first row, how many]. */
  runs: [number, number][];
  /** Each row's occupation group, one character a row: '0' + its index in OCCUPATION_GROUPS. */
  groups: string;
}

/** What municipalities decided for each row of a page, one character a row: G granted, Q quota exceeded, N group not funded. */
export type PlaceOutcomes = string;
export const PLACE_OUTCOME = { G: null, Q: 'QUOTA_EXCEEDED', N: 'GROUP_NOT_FUNDED' } as const;

/** The rows of a page, in order. */
export function pageRows(page: ImportPage): number[] {
  const rows: number[] = [];
  for (const [first, count] of page.runs) for (let i = 0; i < count; i++) rows.push(first + i);
  return rows;
}

/** A page from its rows (ascending) and their groups. */
export function toImportPage(rows: readonly { rowNumber: number; occupationGroup: OccupationGroup }[]): ImportPage {
  const runs: [number, number][] = [];
  let groups = '';
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === row.rowNumber) last[1] += 1;
    else runs.push([row.rowNumber, 1]);
    groups += String.fromCharCode(48 + OCCUPATION_GROUPS.indexOf(row.occupationGroup));
  }
  return { runs, groups };
}

export function pageGroup(page: ImportPage, index: number): OccupationGroup {
  return OCCUPATION_GROUPS[page.groups.charCodeAt(index) - 48]!;
}

/**
 * The participant (enrolment) id of a batch's row: the batch id's first 18 hex digits, UUID
 * version 4 and variant bits, and the row number in the last 12. The same row has the same id in
 * every attempt, so holding its place and enrolling it are idempotent without storing a claim.
 */
export function importParticipantId(batchId: string, rowNumber: number): string {
  const b = batchId.toLowerCase();
  return `${b.slice(0, 8)}-${b.slice(8, 12)}-4${b.slice(12, 15)}-8${b.slice(15, 18)}-${rowNumber.toString(16).padStart(12, '0')}`;
}

/** importParticipantId in SQL, for expressions over a batch id and a row number. */
export function importParticipantIdSql(batchId: string, rowNumber: string): string {
  return `(substr(${batchId}, 1, 8) || '-' || substr(${batchId}, 9, 4) || '-4' || substr(${batchId}, 13, 3) || '-8' || substr(${batchId}, 16, 3) || '-' || lpad(to_hex(${rowNumber}), 12, '0'))::uuid`;
}

// ── participants queue ───────────────────────────────────────────────────────────────────
export interface ImportPlace {
  participantId: string;
  occupationGroup: OccupationGroup;
}

export interface ImportRecordActivities {
  /** Streams the stored file into the staging table (COPY), checking each row; heartbeats its progress. Idempotent per batch. */
  parseImport(input: { batchId: string; mou: MouForEnrolment }): Promise<{ rows: number }>;
  /** Set-based checks across rows and tables (duplicates, existing coverage), then the civil registry; heartbeats. */
  validateImport(input: { batchId: string }): Promise<{ accepted: number; review: number; rejected: number }>;
  /** The next rows to enrol (accepted, not yet active), each with the participant id it will have; the same rows again after a crash. */
  claimActivationPage(input: { batchId: string; limit: number }): Promise<ImportPlace[]>;
  /** Enrols the rows granted a place, marks the refused ones rejected: one transaction. Returns rows that could not be inserted (covered meanwhile). */
  activateImportPage(input: {
    batchId: string;
    mou: MouForEnrolment;
    coverageFrom: string;
    coverageTo: string;
    granted: string[];
    refused: { participantId: string; reason: 'QUOTA_EXCEEDED' | 'GROUP_NOT_FUNDED' }[];
    actor: Actor;
  }): Promise<{ activated: number; notInserted: string[] }>;
  /** The first page of accepted rows not yet enrolled or refused, after a row number (0: from the start). Reads only. */
  nextImportPage(input: { batchId: string; after: number; limit: number }): Promise<ImportPage | null>;
  /**
   * One transaction: refuses the rows municipalities refused, enrols the granted ones, and reads
   * the next page (the rows after this one), so a page costs two activities. Returns the rows
   * granted but not enrolled (covered meanwhile), whose places go back.
   */
  enrolImportPage(input: {
    batchId: string;
    mou: MouForEnrolment;
    coverageFrom: string;
    coverageTo: string;
    page: ImportPage;
    outcomes: PlaceOutcomes;
    actor: Actor;
    limit: number;
  }): Promise<{ activated: number; notInserted: string[]; next: ImportPage | null }>;
  /** Phase and counters, for the progress a city sees. */
  markImport(input: { batchId: string; status: string; failure?: string }): Promise<{ review: number }>;
  /** Cancelled: rows claimed but not enrolled lose their participant id, and the rows of the page in flight not enrolled are named; returns their ids, so their places go back. */
  abandonImport(input: { batchId: string; page?: ImportPage }): Promise<string[]>;
}

// ── municipalities queue ─────────────────────────────────────────────────────────────────
export interface BulkQuotaActivities {
  /**
   * Holds places for a page of participants under one MoU, in order, atomically per MoU: as many
   * as the group's and the MoU's quota allow; the rest are refused with the reason. Idempotent on
   * participant ids (a place already held is granted again).
   */
  reserveQuotaPlaces(input: { mouId: string; startsOn: string; places: ImportPlace[]; batchId: string; cities: CityScope; actor: Actor }): Promise<{
    granted: string[];
    refused: { participantId: string; reason: 'QUOTA_EXCEEDED' | 'GROUP_NOT_FUNDED' }[];
  }>;
  /** reserveQuotaPlaces for a page by row number: participant ids from importParticipantId, one outcome character a row. */
  reserveImportPlaces(input: { mouId: string; startsOn: string; page: ImportPage; batchId: string; cities: CityScope; actor: Actor }): Promise<{ outcomes: PlaceOutcomes }>;
  /** Gives back places of participants that were never enrolled. Idempotent. */
  releaseQuotaPlaces(input: { participantIds: string[]; actor: Actor }): Promise<void>;
}
