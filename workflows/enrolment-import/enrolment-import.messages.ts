import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { Actor, CityScope } from '../../domain/access.js';
import type { TaskQueues } from '../contracts/task-queues.js';

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
