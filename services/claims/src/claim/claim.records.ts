import type { DataSource } from 'typeorm';
import type { ClaimAction } from '../../../../domain/claims/claim-status.js';
import { DomainError } from '../../../../domain/errors.js';
import type { ClaimSubmission, ClaimTransition } from '../../../../workflows/claim-lifecycle/claim-lifecycle.activities.js';
import { recordAudit } from '../../../kit/src/audit.js';
import { isUniqueViolation } from '../../../kit/src/ids.js';
import { timeZoneOfRegion } from '../../../../domain/claims/sla.js';
import { insertChecklist } from '../document/document.records.js';
import { insertHeirs } from '../heir/heir.records.js';

const ACTOR_COLUMN: Partial<Record<ClaimAction, string>> = {
  VERIFY_DOCUMENTS: 'verified_by',
  APPROVE: 'approved_by',
  REJECT: 'rejected_by',
  CANCEL: 'cancelled_by',
};

/** What else a transition changes on the claim row. */
const SIDE_EFFECTS: Partial<Record<ClaimAction, string>> = {
  VERIFY_DOCUMENTS: ', documents_complete_at = now()',
  PAY: ', paid_at = now()',
  // A new round: the earlier verifier, approver and rejection are in the events and approvals.
  REOPEN:
    ', rejection_reason = NULL, rejection_note = NULL, rejected_by = NULL, verified_by = NULL, approved_by = NULL, documents_complete_at = NULL, reopen_count = reopen_count + 1',
  REQUEST_DOCUMENTS: ', verified_by = NULL, documents_complete_at = NULL',
};

/**
 * The claims read model, written only by the claim workflow's activities. Every write is
 * idempotent, because Temporal may run an activity again after a timeout.
 */
export class ClaimRecords {
  constructor(private readonly dataSource: DataSource) {}

  async recordSubmitted(claim: ClaimSubmission): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const [existing] = (await tx.query(`SELECT 1 FROM claims.claim WHERE id = $1`, [claim.claimId])) as unknown[];
      if (existing) return;
      try {
        await tx.query(
          `INSERT INTO claims.claim (id, number, participant_id, municipality_id, region_code, program, incident_date, status,
             heir_name, heir_relationship, heir_phone, benefit_regulation, benefit_components, benefit_total, submitted_by,
             benefit_rule_version, claim_facts, scholarship)
           VALUES ($1, $2 || '/' || to_char(now() AT TIME ZONE 'Asia/Jakarta', 'YYYY') || '/' || lpad(nextval('claims.claim_number_seq')::text, 6, '0'),
             $3, $4, $14, $5, $6, 'AWAITING_VERIFICATION', $7, $8, $9, $10, $11, $12, $13, $15, $16, $17)`,
          [
            claim.claimId,
            claim.program,
            claim.participantId,
            claim.municipalityId,
            claim.program,
            claim.incidentDate,
            claim.heir.name,
            claim.heir.relationship,
            claim.heir.phone,
            claim.regulation,
            JSON.stringify(claim.components),
            claim.total,
            claim.submittedBy.subject,
            claim.regionCode,
            claim.ruleVersion ?? null,
            claim.facts ? JSON.stringify(claim.facts) : null,
            claim.scholarship ? JSON.stringify(claim.scholarship) : null,
          ],
        );
      } catch (error) {
        if (isUniqueViolation(error, 'claim_one_open_jkm')) {
          throw new DomainError('NOT_ELIGIBLE', 'A JKM claim for this participant is already open or paid; a death can be claimed once.', 'participantId', {
            reason: 'SECOND_JKM',
          });
        }
        throw error;
      }
      const heirs = claim.heirs ?? [{ ...claim.heir, legalOrder: 1, shareNumerator: 1, shareDenominator: 1 }];
      await insertHeirs(tx, claim.claimId, heirs);
      await insertChecklist(tx, claim.claimId, claim.program, heirs, BigInt(claim.total), claim.facts?.outcome === 'DEATH');
      await tx.query(
        `INSERT INTO claims.claim_event (claim_id, action, from_status, to_status, actor) VALUES
           ($1, 'SUBMIT', NULL, 'SUBMITTED', $2), ($1, 'ACCEPT_INTAKE', 'SUBMITTED', 'AWAITING_VERIFICATION', $2)`,
        [claim.claimId, claim.submittedBy.subject],
      );
      await recordAudit(tx, 'claims', {
        actor: claim.submittedBy,
        action: 'claim.submit',
        entityType: 'Claim',
        entityId: claim.claimId,
        regionCode: claim.regionCode,
        before: null,
        after: {
          participantId: claim.participantId,
          program: claim.program,
          incidentDate: claim.incidentDate,
          status: 'AWAITING_VERIFICATION',
          total: claim.total,
          heirRelationship: claim.heir.relationship,
        },
      });
    });
  }

  /** Moves the claim from `from` to `to`; a repeat of a transition already made changes nothing. */
  async recordTransition(step: ClaimTransition): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const actorColumn = ACTOR_COLUMN[step.action];
      const rejection = step.action === 'REJECT';
      const result = (await tx.query(
        `UPDATE claims.claim SET status = $3, version = version + 1, updated_at = now()
           ${actorColumn ? `, ${actorColumn} = $4` : ''} ${SIDE_EFFECTS[step.action] ?? ''}
           ${rejection ? ', rejection_reason = $5, rejection_note = $6' : ''}
         WHERE id = $1 AND status = $2`,
        [step.claimId, step.from, step.to, ...(actorColumn ? [step.actor.subject] : []), ...(rejection ? [step.reasonCode, step.note] : [])],
      )) as [unknown[], number];
      if (result[1] === 0) {
        const [row] = (await tx.query(`SELECT status FROM claims.claim WHERE id = $1`, [step.claimId])) as { status: string }[];
        if (row?.status === step.to) return; // already recorded by an earlier attempt
        throw new Error(`claim ${step.claimId} is ${row?.status ?? 'missing'}, expected ${step.from}`);
      }
      await tx.query(`INSERT INTO claims.claim_event (claim_id, action, from_status, to_status, actor, reason_code, note) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        step.claimId,
        step.action,
        step.from,
        step.to,
        step.actor.subject,
        step.reasonCode,
        step.note,
      ]);
      if (step.action === 'APPROVE') {
        // The database's four eyes: the trigger refuses the submitter and the verifier, the key a second approval by one person.
        await tx.query(`INSERT INTO claims.claim_approval (claim_id, approver) VALUES ($1, $2)`, [step.claimId, step.actor.subject]);
      }
      const [row] = (await tx.query(`SELECT region_code FROM claims.claim WHERE id = $1`, [step.claimId])) as { region_code: string }[];
      if (step.action === 'PAY' && row) {
        await tx.query(`UPDATE claims.claim_sla SET met_on = (now() AT TIME ZONE $2)::date WHERE claim_id = $1 AND step = 'PAYMENT' AND met_on IS NULL`, [
          step.claimId,
          timeZoneOfRegion(row.region_code),
        ]);
      }
      await recordAudit(tx, 'claims', {
        actor: step.actor,
        action: `claim.${step.action.toLowerCase()}`,
        entityType: 'Claim',
        entityId: step.claimId,
        regionCode: row?.region_code ?? null,
        before: { status: step.from },
        after: { status: step.to, reasonCode: step.reasonCode, note: step.note },
      });
    });
  }
}
