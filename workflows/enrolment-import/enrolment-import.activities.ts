import type { Actor, CityScope } from '../../domain/access.js';
import type { OccupationGroup } from '../../domain/participants/occupation.js';
import type { MouForEnrolment } from '../enrolment/enrolment.activities.js';

// The activities the enrolment-import workflow calls, per task queue. Pages carry participant
// ids and groups only (a few tens of KB); rows themselves never pass through Temporal.

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
  /** Phase and counters, for the progress a city sees. */
  markImport(input: { batchId: string; status: string; failure?: string }): Promise<{ review: number }>;
  /** Cancelled: rows claimed but not enrolled lose their participant id; returns them, so their places go back. */
  abandonImport(input: { batchId: string }): Promise<string[]>;
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
  /** Gives back places of participants that were never enrolled. Idempotent. */
  releaseQuotaPlaces(input: { participantIds: string[]; actor: Actor }): Promise<void>;
}
