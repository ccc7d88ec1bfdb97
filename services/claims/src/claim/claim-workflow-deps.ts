import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import type { TaskQueues } from '../../../../workflows/contracts/task-queues.js';
import type { ClaimReads } from './claim-reads.js';

/** What the claim use cases that drive a claim's workflow (submission, steps, reopening) share. */
export interface ClaimWorkflowDeps {
  dataSource: DataSource;
  temporal: Client;
  queues: TaskQueues;
  cipher: FieldCipher;
  /** Rupiah above which a claim needs a supervisor. */
  supervisorThreshold: bigint;
  /** How long a mutation waits for the workflow before answering ACCEPTED_PENDING. */
  deadlineMs: number;
  now: () => Date;
  reads: ClaimReads;
}
