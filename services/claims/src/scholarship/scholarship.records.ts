import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { instalmentStatusOn, scholarshipDueEntry, scholarshipInstalments, type ScholarshipInstalmentStatus } from '../../../../domain/benefits/scholarship-payouts.js';
import type { EducationLevel } from '../../../../domain/benefits/jkm.js';
import { timeZoneOfRegion } from '../../../../domain/claims/sla.js';
import { DomainError } from '../../../../domain/errors.js';
import { cityDayClock, localDateAt, startOfLocalDay } from '../../../../domain/local-clock.js';
import { payoutIdempotencyKey } from '../../../../domain/payouts/payout-key.js';
import type { HeirPayoutReceipt, PayoutActivities, PayoutLineRequest } from '../../../../workflows/claim-lifecycle/payout.activities.js';
import type { ScholarshipActivities, ScholarshipStanding, ScholarshipStart } from '../../../../workflows/scholarship/scholarship.activities.js';
import { SCHOLARSHIP_WORKFLOW, scholarshipWorkflowId, type ScholarshipInput, type ScholarshipWorkflow } from '../../../../workflows/scholarship/scholarship.messages.js';
import type { TaskQueues } from '../../../../workflows/contracts/task-queues.js';
import { postEntry } from '../ledger/ledger.records.js';
import { startWorkflowOnce } from '../../../kit/src/temporal.js';

const LEDGER_ACTOR = 'system:ledger';

type StoredScholarship = { entitled?: boolean; schedule?: { child: string; schoolYear: number; level: EducationLevel; amount: string }[] };

type InstalmentRow = {
  heir_id: string;
  instalment: number;
  amount: string;
  due_on: string;
  needs_certificate: boolean;
  status: ScholarshipInstalmentStatus;
  certificate_verified: boolean;
  region_code: string;
};

export interface ScholarshipClock {
  /** The instant the schedule is read at (tests move it on by years). */
  now?: () => Date;
  /** The workflow's longest sleep between two looks at the schedule (tests shorten it). */
  recheckMs?: number;
}

/**
 * The scholarship workflow's activities: the instalments table is the state, every activity is
 * idempotent. Payment goes through the payout lines (PayoutRecords.payHeir) under the child's own
 * (claim, heir, instalment), so a scholarship year is paid exactly once like any other line.
 */
export class ScholarshipRecords implements ScholarshipActivities {
  private readonly now: () => Date;

  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly queues: TaskQueues,
    private readonly payouts: Pick<PayoutActivities, 'payHeir'>,
    private readonly clock: ScholarshipClock = {},
  ) {
    this.now = clock.now ?? (() => new Date());
  }

  async startScholarship(request: { claimId: string }): Promise<ScholarshipStart | null> {
    const written = await this.dataSource.transaction(async (tx) => {
      const [claim] = (await tx.query(`SELECT scholarship, region_code FROM claims.claim WHERE id = $1`, [request.claimId])) as {
        scholarship: StoredScholarship | null;
        region_code: string;
      }[];
      if (!claim) throw new DomainError('NOT_FOUND', `No claim with id ${request.claimId}.`, 'claimId');
      const schedule = claim.scholarship?.entitled ? (claim.scholarship.schedule ?? []) : [];
      if (schedule.length === 0) return null;
      const children = (await tx.query(`SELECT id AS "heirId", name FROM claims.claim_heir WHERE claim_id = $1 AND relationship = 'CHILD' ORDER BY position`, [
        request.claimId,
      ])) as { heirId: string; name: string }[];
      const plans = scholarshipInstalments(schedule, children, this.today(claim.region_code));
      await tx.query(
        `INSERT INTO claims.scholarship_instalment (claim_id, heir_id, instalment, child_name, school_year, level, amount, due_on, needs_certificate)
         SELECT $1, * FROM unnest($2::uuid[], $3::int[], $4::text[], $5::int[], $6::text[], $7::bigint[], $8::date[], $9::boolean[])
         ON CONFLICT (claim_id, heir_id, instalment) DO NOTHING`,
        [
          request.claimId,
          plans.map((p) => p.heirId),
          plans.map((p) => p.instalment),
          plans.map((p) => p.childName),
          plans.map((p) => p.schoolYear),
          plans.map((p) => p.level),
          plans.map((p) => p.amount.toString()),
          plans.map((p) => p.dueOn),
          plans.map((p) => p.needsCertificate),
        ],
      );
      return { claimId: request.claimId, total: plans.reduce((sum, p) => sum + p.amount, 0n).toString(), instalments: plans.length };
    });
    if (!written) return null;
    const input: ScholarshipInput = { claimId: request.claimId, queues: this.queues, ...(this.clock.recheckMs ? { recheckMs: this.clock.recheckMs } : {}) };
    // A retried activity finds it started: one scholarship workflow per claim.
    await startWorkflowOnce<ScholarshipWorkflow>(this.temporal, SCHOLARSHIP_WORKFLOW, {
      workflowId: scholarshipWorkflowId(request.claimId),
      taskQueue: this.queues.lifecycle,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return written;
  }

  async advanceScholarship(request: { claimId: string }): Promise<ScholarshipStanding> {
    return this.dataSource.transaction(async (tx) => {
      const rows = (await tx.query(
        `SELECT i.heir_id, i.instalment, i.amount::text, to_char(i.due_on, 'YYYY-MM-DD') AS due_on, i.needs_certificate, i.status,
                i.certificate_verified_at IS NOT NULL AS certificate_verified, c.region_code
           FROM claims.scholarship_instalment i JOIN claims.claim c ON c.id = i.claim_id
          WHERE i.claim_id = $1 AND i.status NOT IN ('PAID', 'ENDED') ORDER BY i.due_on, i.heir_id FOR UPDATE OF i`,
        [request.claimId],
      )) as InstalmentRow[];
      if (rows.length === 0) return { ready: [], open: 0, nextDueInMs: null };
      const regionCode = rows[0]!.region_code;
      const today = this.today(regionCode);
      const ready: PayoutLineRequest[] = [];
      let nextDue: string | null = null;
      for (const row of rows) {
        const status = instalmentStatusOn({ status: row.status, dueOn: row.due_on, needsCertificate: row.needs_certificate, certificateVerified: row.certificate_verified }, today);
        if (status !== row.status) {
          await tx.query(`UPDATE claims.scholarship_instalment SET status = $4 WHERE claim_id = $1 AND heir_id = $2 AND instalment = $3`, [
            request.claimId,
            row.heir_id,
            row.instalment,
            status,
          ]);
        }
        if (status === 'READY') ready.push({ claimId: request.claimId, heirId: row.heir_id, instalment: row.instalment, amount: row.amount });
        if (status === 'SCHEDULED' && (nextDue === null || row.due_on < nextDue)) nextDue = row.due_on;
      }
      const nextDueInMs = nextDue === null ? null : Math.max(0, startOfLocalDay(cityDayClock(timeZoneOfRegion(regionCode)), nextDue) - this.now().getTime());
      return { ready, open: rows.length, nextDueInMs };
    });
  }

  async payScholarshipInstalment(request: PayoutLineRequest): Promise<HeirPayoutReceipt> {
    const slot = { claimId: request.claimId, heirId: request.heirId, instalment: request.instalment };
    const paid = await this.dataSource.transaction(async (tx) => {
      const [row] = (await tx.query(
        `SELECT i.status, i.amount::text, i.school_year, i.payout_id, c.number, c.region_code
           FROM claims.scholarship_instalment i JOIN claims.claim c ON c.id = i.claim_id
          WHERE i.claim_id = $1 AND i.heir_id = $2 AND i.instalment = $3 FOR UPDATE OF i`,
        [slot.claimId, slot.heirId, slot.instalment],
      )) as { status: ScholarshipInstalmentStatus; amount: string; school_year: number; payout_id: string | null; number: string; region_code: string }[];
      if (!row) throw new DomainError('NOT_FOUND', `Claim ${slot.claimId} has no scholarship instalment ${slot.instalment} for heir ${slot.heirId}.`, 'instalment');
      if (row.status === 'PAID') return row.payout_id;
      if (row.status !== 'READY')
        throw new DomainError('INVALID_TRANSITION', `This scholarship instalment is ${row.status.toLowerCase().replace(/_/g, ' ')}; it is not paid.`, 'instalment');
      // The payout line of the child's instalment, and the debt it settles, in one transaction.
      await tx.query(
        `INSERT INTO claims.payout (claim_id, heir_id, instalment, amount, idempotency_key, reference, status, attempt, region_code)
         VALUES ($1, $2, $3, $4, $5, 'LDG' || lpad(nextval('claims.payout_reference_seq')::text, 10, '0'), 'PENDING', 1, $6)
         ON CONFLICT (claim_id, heir_id, instalment) DO NOTHING`,
        [slot.claimId, slot.heirId, slot.instalment, row.amount, payoutIdempotencyKey(slot, 1), row.region_code],
      );
      await postEntry(tx, scholarshipDueEntry(slot, row.number, row.school_year, BigInt(row.amount)), {
        regionCode: row.region_code,
        claimId: slot.claimId,
        postedBy: LEDGER_ACTOR,
      });
      return null;
    });
    if (paid) {
      const [payout] = (await this.dataSource.query(`SELECT id, reference, amount::text FROM claims.payout WHERE id = $1`, [paid])) as {
        id: string;
        reference: string;
        amount: string;
      }[];
      return { payoutId: payout!.id, reference: payout!.reference, amount: payout!.amount };
    }
    // Sent once: the row exists, so payHeir sends (or looks up) exactly that line; a refusal throws PAYOUT_REFUSED.
    const receipt = await this.payouts.payHeir({ ...request, amount: request.amount });
    await this.dataSource.query(
      `UPDATE claims.scholarship_instalment SET status = 'PAID', payout_id = $4, paid_at = now() WHERE claim_id = $1 AND heir_id = $2 AND instalment = $3 AND status = 'READY'`,
      [slot.claimId, slot.heirId, slot.instalment, receipt.payoutId],
    );
    return receipt;
  }

  private today(regionCode: string): string {
    return localDateAt(cityDayClock(timeZoneOfRegion(regionCode)), this.now().getTime());
  }
}
