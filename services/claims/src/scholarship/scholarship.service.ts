import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { DataSource, EntityManager } from 'typeorm';
import {
  assertCertificateAccepted,
  assertScholarshipEndReason,
  assertSchoolYear,
  type ScholarshipEndReason,
  type ScholarshipInstalmentStatus,
} from '../../../../domain/benefits/scholarship-payouts.js';
import type { EducationLevel } from '../../../../domain/benefits/jkm.js';
import { DomainError } from '../../../../domain/errors.js';
import { validateBankAccount } from '../../../../domain/payouts/payout-key.js';
import type { PayoutActivities } from '../../../../workflows/claim-lifecycle/payout.activities.js';
import { scholarshipChangedSignal, scholarshipWorkflowId } from '../../../../workflows/scholarship/scholarship.messages.js';
import { auditActorOf, recordAudit } from '../../../kit/src/audit.js';
import type { Caller } from '../../../kit/src/context.js';
import { groupByKeys } from '../../../kit/src/batch.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { ClaimEntity } from '../claim/claim.entity.js';
import { assertFileReference } from '../document/document.service.js';
import type { SetPayoutAccountInput } from '../payout/payout.type.js';
import type { ClaimScholarship, EndScholarshipInput, ScholarshipChild, ScholarshipInstalment, SchoolCertificateInput } from './scholarship.type.js';

type Row = {
  claim_id: string;
  heir_id: string;
  child_name: string;
  instalment: number;
  school_year: number;
  level: EducationLevel;
  amount: string;
  due_on: string;
  needs_certificate: boolean;
  status: ScholarshipInstalmentStatus;
  certificate_checksum: string | null;
  certificate_verified_by: string | null;
  certificate_verified_at: Date | null;
  ended_reason: ScholarshipEndReason | null;
  ended_by: string | null;
  paid_at: Date | null;
  payout_status: string | null;
  payout_reference: string | null;
  payout_failure_code: string | null;
};

type StoredScholarship = { entitled?: boolean; reason?: string | null; ruleVersion?: string; total?: string };

/** Who may act on a scholarship: the roles that work claims. */
const CASEWORKERS = ['caseworker', 'supervisor'];

/**
 * The scholarship as caseworkers see and steer it. Reads come from claims.scholarship_instalment
 * joined with the payout lines; a verified certificate, an ended entitlement or a corrected
 * account is written in one transaction with its audit row and a claim event, then signalled to
 * the claim's scholarship workflow, which pays what became due.
 */
export class ScholarshipService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly claims: { require(claimId: string, scope: Caller['scope']): Promise<ClaimEntity> },
    private readonly payouts: Pick<PayoutActivities, 'recordPayoutAccount'>,
  ) {}

  async forClaims(claims: readonly ClaimEntity[]): Promise<(ClaimScholarship | null)[]> {
    const ids = claims.map((c) => c.id);
    const rows = ids.length
      ? ((await this.dataSource.query(
          `SELECT i.claim_id, i.heir_id, i.child_name, i.instalment, i.school_year, i.level, i.amount::text, to_char(i.due_on, 'YYYY-MM-DD') AS due_on, i.needs_certificate,
                  i.status, i.certificate_checksum, i.certificate_verified_by, i.certificate_verified_at, i.ended_reason, i.ended_by, i.paid_at,
                  p.status AS payout_status, p.reference AS payout_reference, p.failure_code AS payout_failure_code
             FROM claims.scholarship_instalment i
             LEFT JOIN claims.payout p ON p.claim_id = i.claim_id AND p.heir_id = i.heir_id AND p.instalment = i.instalment
            WHERE i.claim_id = ANY($1::uuid[]) ORDER BY i.claim_id, i.school_year, i.child_name`,
          [ids],
        )) as Row[])
      : [];
    const byClaim = groupByKeys(ids, rows, (r) => r.claim_id);
    return claims.map((claim, i) => {
      const stored = claim.scholarship as StoredScholarship | null;
      if (!stored) return null;
      const instalments = byClaim[i]!.map(toInstalment);
      return {
        entitled: stored.entitled === true,
        reason: stored.reason ?? null,
        ruleVersion: stored.ruleVersion ?? null,
        total: BigInt(stored.total ?? '0'),
        paidTotal: instalments.filter((x) => x.status === 'PAID').reduce((sum, x) => sum + x.amount, 0n),
        children: childrenOf(byClaim[i]!),
        instalments,
      };
    });
  }

  /** Before a school certificate's bytes are stored: a caseworker, a claim in their cities, a later scholarship year still open. */
  async assertCanReceiveCertificate(claimId: string, caller: Caller): Promise<void> {
    allow(caller, 'upload school certificates');
    if (!isUuid(claimId)) throw new DomainError('NOT_FOUND', `No claim with id ${claimId}.`, 'claimId');
    const claim = await this.claims.require(claimId, caller.scope);
    const [open] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM claims.scholarship_instalment WHERE claim_id = $1 AND needs_certificate AND status NOT IN ('PAID', 'ENDED')`,
      [claim.id],
    )) as { n: number }[];
    if (!open || open.n === 0) {
      throw new DomainError('INVALID_TRANSITION', `Claim ${claim.number} has no scholarship year waiting for a school certificate.`, 'documentType');
    }
  }

  /** A caseworker saw the child's school certificate for a year: that year is paid once it is due. */
  async verifyCertificate(input: SchoolCertificateInput, caller: Caller): Promise<ClaimEntity> {
    allow(caller, 'verify school certificates');
    assertSchoolYear(input.schoolYear);
    assertFileReference(input);
    const claim = await this.claims.require(input.claimId, caller.scope);
    const changed = await this.dataSource.transaction(async (tx) => {
      const [row] = (await tx.query(
        `SELECT status, needs_certificate, child_name, certificate_checksum FROM claims.scholarship_instalment
          WHERE claim_id = $1 AND heir_id = $2 AND school_year = $3 FOR UPDATE`,
        [claim.id, await this.heirOf(tx, claim, input.heirId), input.schoolYear],
      )) as { status: ScholarshipInstalmentStatus; needs_certificate: boolean; child_name: string; certificate_checksum: string | null }[];
      if (!row) throw new DomainError('NOT_FOUND', `Claim ${claim.number} pays this child no scholarship for the school year ${input.schoolYear}.`, 'schoolYear');
      // The same certificate again (a retried request): nothing more to do.
      if (row.certificate_checksum === input.checksum) return false;
      assertCertificateAccepted({ status: row.status, needsCertificate: row.needs_certificate, schoolYear: input.schoolYear, childName: row.child_name });
      await tx.query(
        `UPDATE claims.scholarship_instalment SET certificate_storage_key = $4, certificate_checksum = $5, certificate_file_name = $6, certificate_verified_by = $7, certificate_verified_at = now()
          WHERE claim_id = $1 AND heir_id = $2 AND school_year = $3`,
        [claim.id, input.heirId, input.schoolYear, input.storageKey, input.checksum, input.fileName ?? null, caller.identity.subject],
      );
      await this.record(tx, claim, caller, 'SCHOLARSHIP_CERTIFICATE_VERIFIED', 'scholarship.certificate.verify', null, `${row.child_name}, school year ${input.schoolYear}`, {
        heirId: input.heirId,
        schoolYear: input.schoolYear,
        checksum: input.checksum,
      });
      return true;
    });
    if (changed) await this.signal(claim, 'CERTIFICATE_VERIFIED');
    return claim;
  }

  /** The child married, started work, left school or died: the years not yet paid end, with the coded reason. */
  async endEntitlement(input: EndScholarshipInput, caller: Caller): Promise<ClaimEntity> {
    allow(caller, 'end a scholarship');
    const reason = assertScholarshipEndReason(input.reason);
    const claim = await this.claims.require(input.claimId, caller.scope);
    const changed = await this.dataSource.transaction(async (tx) => {
      const heirId = await this.heirOf(tx, claim, input.heirId);
      const rows = (await tx.query(`SELECT status, ended_reason, child_name FROM claims.scholarship_instalment WHERE claim_id = $1 AND heir_id = $2 FOR UPDATE`, [
        claim.id,
        heirId,
      ])) as { status: ScholarshipInstalmentStatus; ended_reason: string | null; child_name: string }[];
      if (rows.length === 0) throw new DomainError('NOT_FOUND', `Claim ${claim.number} pays this heir no scholarship.`, 'heirId');
      // Already ended for this reason (a retried request): nothing more to do.
      if (rows.some((r) => r.ended_reason === reason) && !rows.some((r) => r.status !== 'PAID' && r.status !== 'ENDED')) return false;
      // Years already being paid (a payout line exists) are paid; the rest end.
      const [ended, count] = (await tx.query(
        `UPDATE claims.scholarship_instalment i SET status = 'ENDED', ended_reason = $3, ended_note = $4, ended_by = $5, ended_at = now()
          WHERE i.claim_id = $1 AND i.heir_id = $2 AND i.status NOT IN ('PAID', 'ENDED')
            AND NOT EXISTS (SELECT 1 FROM claims.payout p WHERE p.claim_id = i.claim_id AND p.heir_id = i.heir_id AND p.instalment = i.instalment)
        RETURNING i.school_year`,
        [claim.id, heirId, reason, input.note?.trim() || null, caller.identity.subject],
      )) as [{ school_year: number }[], number];
      if (count === 0) throw new DomainError('INVALID_TRANSITION', `The scholarship of ${rows[0]!.child_name} has no year left to end.`, 'heirId');
      await this.record(tx, claim, caller, 'SCHOLARSHIP_ENDED', 'scholarship.end', reason, input.note?.trim() || `${rows[0]!.child_name}: ${reason}`, {
        heirId,
        reason,
        schoolYears: ended.map((r) => r.school_year),
      });
      return true;
    });
    if (changed) await this.signal(claim, 'ENTITLEMENT_ENDED');
    return claim;
  }

  /** The bank refused a scholarship payout: the corrected account makes it PENDING under the next attempt, and the workflow sends it again. */
  async setPayoutAccount(input: SetPayoutAccountInput, caller: Caller): Promise<ClaimEntity> {
    allow(caller, 'enter a child’s bank account');
    const account = validateBankAccount({ bankCode: input.bankCode, accountNumber: input.accountNumber, holderName: input.holderName });
    const claim = await this.claims.require(input.claimId, caller.scope);
    const [open] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM claims.scholarship_instalment WHERE claim_id = $1 AND heir_id::text = $2 AND status NOT IN ('PAID', 'ENDED')`,
      [claim.id, input.heirId],
    )) as { n: number }[];
    if (!open || open.n === 0) throw new DomainError('NOT_FOUND', `Claim ${claim.number} has no open scholarship year for heir ${input.heirId}.`, 'heirId');
    await this.payouts.recordPayoutAccount({ claimId: claim.id, heirId: input.heirId, account, actor: auditActorOf(caller) });
    await this.signal(claim, 'ACCOUNT_CORRECTED');
    return claim;
  }

  private async heirOf(tx: EntityManager, claim: ClaimEntity, heirId: string): Promise<string> {
    const [heir] = (await tx.query(`SELECT id FROM claims.claim_heir WHERE claim_id = $1 AND id::text = $2`, [claim.id, heirId])) as { id: string }[];
    if (!heir) throw new DomainError('NOT_FOUND', `Claim ${claim.number} has no heir with id ${heirId}.`, 'heirId');
    return heir.id;
  }

  private async record(
    tx: EntityManager,
    claim: ClaimEntity,
    caller: Caller,
    event: string,
    action: string,
    reasonCode: string | null,
    note: string,
    after: Record<string, unknown>,
  ): Promise<void> {
    await tx.query(`INSERT INTO claims.claim_event (claim_id, action, from_status, to_status, actor, reason_code, note) VALUES ($1, $2, $3, $3, $4, $5, $6)`, [
      claim.id,
      event,
      claim.status,
      caller.identity.subject,
      reasonCode,
      note,
    ]);
    await recordAudit(tx, 'claims', { actor: auditActorOf(caller), action, entityType: 'Claim', entityId: claim.id, regionCode: claim.regionCode, before: null, after });
  }

  /** Durable once accepted; a workflow already ended (nothing open) needs no telling. */
  private async signal(claim: ClaimEntity, reason: 'CERTIFICATE_VERIFIED' | 'ENTITLEMENT_ENDED' | 'ACCOUNT_CORRECTED'): Promise<void> {
    try {
      await this.temporal.workflow.getHandle(scholarshipWorkflowId(claim.id)).signal(scholarshipChangedSignal, { reason });
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }
}

function allow(caller: Caller, what: string): void {
  if (!caller.identity.roles.some((role) => CASEWORKERS.includes(role))) {
    throw new DomainError('FORBIDDEN', `Your role (${caller.identity.roles.join(', ')}) may not ${what}; it needs caseworker or supervisor.`);
  }
}

function toInstalment(r: Row): ScholarshipInstalment {
  return {
    heirId: r.heir_id,
    childName: r.child_name,
    instalment: r.instalment,
    schoolYear: r.school_year,
    level: r.level,
    amount: BigInt(r.amount),
    dueOn: r.due_on,
    needsCertificate: r.needs_certificate,
    status: r.status,
    certificateVerifiedBy: r.certificate_verified_by,
    certificateVerifiedAt: r.certificate_verified_at,
    payoutStatus: r.payout_status,
    payoutReference: r.payout_reference,
    payoutFailureCode: r.payout_failure_code,
    paidAt: r.paid_at,
  };
}

function childrenOf(rows: readonly Row[]): ScholarshipChild[] {
  const children = new Map<string, ScholarshipChild>();
  for (const r of rows) {
    const child = children.get(r.heir_id) ?? { heirId: r.heir_id, name: r.child_name, level: r.level, endedReason: null, endedBy: null, paidTotal: 0n, openTotal: 0n };
    const open = r.status !== 'PAID' && r.status !== 'ENDED';
    if (r.status === 'PAID') child.paidTotal += BigInt(r.amount);
    if (open) child.openTotal += BigInt(r.amount);
    // The level of the first open year, else of the latest year.
    if (open ? child.openTotal === BigInt(r.amount) : child.openTotal === 0n) child.level = r.level;
    if (r.ended_reason) {
      child.endedReason = r.ended_reason;
      child.endedBy = r.ended_by;
    }
    children.set(r.heir_id, child);
  }
  return [...children.values()];
}
