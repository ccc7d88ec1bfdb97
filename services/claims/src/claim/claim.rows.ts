import type { SqlRow } from '../../../kit/src/sql-row.js';
import type { ClaimEntity } from './claim.entity.js';
import { Claim } from './claim.type.js';

/** Every column of `claims.claim` a ClaimEntity holds, for plain-SQL reads (alias `c`). */
export const CLAIM_COLUMNS = `c.id, c.number, c.participant_id, c.municipality_id, c.region_code, c.program, c.incident_date, c.status,
  c.heir_name, c.heir_relationship, c.heir_phone, c.benefit_regulation, c.benefit_components, c.benefit_total::text AS benefit_total,
  c.submitted_by, c.verified_by, c.approved_by, c.rejected_by, c.rejection_reason, c.rejection_note, c.submitted_at, c.updated_at,
  c.version, c.benefit_rule_version, c.scholarship, c.assignee, c.paid_at`;

/**
 * A ClaimEntity from a CLAIM_COLUMNS row, without TypeORM's hydration. Made with the GraphQL
 * `Claim` prototype: type-graphql passes such an object to the field resolvers (benefit, payouts,
 * …) as it is, where it copies anything else into a new `Claim` once per field and row.
 */
export function claimFromRow(row: SqlRow): ClaimEntity {
  const claim: ClaimEntity = Object.create(Claim.prototype);
  claim.id = row['id'];
  claim.number = row['number'];
  claim.participantId = row['participant_id'];
  claim.municipalityId = row['municipality_id'];
  claim.regionCode = row['region_code'];
  claim.program = row['program'];
  claim.incidentDate = row['incident_date'];
  claim.status = row['status'];
  claim.heirName = row['heir_name'];
  claim.heirRelationship = row['heir_relationship'];
  claim.heirPhone = row['heir_phone'];
  claim.benefitRegulation = row['benefit_regulation'];
  claim.benefitComponents = row['benefit_components'];
  claim.benefitTotal = BigInt(row['benefit_total']);
  claim.submittedBy = row['submitted_by'];
  claim.verifiedBy = row['verified_by'];
  claim.approvedBy = row['approved_by'];
  claim.rejectedBy = row['rejected_by'];
  claim.rejectionReason = row['rejection_reason'];
  claim.rejectionNote = row['rejection_note'];
  claim.submittedAt = row['submitted_at'];
  claim.updatedAt = row['updated_at'];
  claim.version = row['version'];
  claim.benefitRuleVersion = row['benefit_rule_version'];
  claim.scholarship = row['scholarship'];
  claim.assignee = row['assignee'];
  claim.paidAt = row['paid_at'];
  return claim;
}
