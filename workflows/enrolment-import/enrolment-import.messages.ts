import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { Actor, CityScope } from '../../domain/access.js';
import type { TaskQueues } from '../contracts/task-queues.js';
import type { MouForEnrolment } from '../enrolment/enrolment.activities.js';
import type { ImportPage } from './enrolment-import.activities.js';

export const ENROLMENT_IMPORT_WORKFLOW = 'enrolmentImport';

/** What the workflow carries: ids only. The rows stay in storage and in the staging table. */
export interface ImportInput {
  batchId: string;
  mouId: string;
  dryRun: boolean;
  cities: CityScope;
  actor: Actor;
  queues: TaskQueues;
  /** Rows per activation page (a page is one transaction: every row in it enrolled, or none). */
  pageSize?: number;
  /** Pages a run enrols before it continues as new (workflows from patch 'import-pages-by-row'); default 10. */
  pagesPerRun?: number;
  /** Set by continue-as-new: where the previous run stopped, so this run neither parses nor validates again. */
  resume?: ImportResume;
}

/** What a run hands the next one when it continues as new in the middle of enrolling. */
export interface ImportResume {
  mou: MouForEnrolment;
  coverage: { coverageFrom: string; coverageTo: string };
  activated: number;
  /** The page to enrol next (null: look for one from the start, as after a review). */
  next: ImportPage | null;
  /** Runs so far (1 for the first), for the record. */
  run: number;
  reviewed: boolean;
  closed: boolean;
}

export type ImportPhase = 'PARSING' | 'VALIDATING' | 'ACTIVATING' | 'AWAITING_REVIEW' | 'DONE' | 'CANCELLED';

export interface ImportOutcome {
  batchId: string;
  phase: ImportPhase;
  activated: number;
}

/** A review decision was recorded: rows accepted on review are activated next. */
export const reviewedSignal = defineSignal('reviewed');
/** No more reviews: the rows still waiting stay unenrolled and the import closes. */
export const closeSignal = defineSignal('close');
export const phaseQuery = defineQuery<{ phase: ImportPhase; activated: number }>('phase');

export type EnrolmentImportWorkflow = (input: ImportInput) => Promise<ImportOutcome>;

/** The batch is the file (its SHA-256) under one MoU, for real or dry: the same upload is the same import. */
export function enrolmentImportWorkflowId(batchId: string): string {
  return `enrolment-import/${batchId}`;
}
