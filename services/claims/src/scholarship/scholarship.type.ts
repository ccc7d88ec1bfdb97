import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from 'type-graphql';
import {
  SCHOLARSHIP_END_REASONS,
  SCHOLARSHIP_INSTALMENT_STATUSES,
  type ScholarshipEndReason,
  type ScholarshipInstalmentStatus,
} from '../../../../domain/benefits/scholarship-payouts.js';
import type { EducationLevel } from '../../../../domain/benefits/jkm.js';
import { NOTE_RULE } from '../../../../domain/text.js';
import { enumFromList } from '../../../kit/src/graphql-enums.js';
import type { TextRules } from '../../../kit/src/input-check.js';
import { LocalDateScalar, RupiahScalar } from '../../../kit/src/scalars.js';
import { EducationLevelEnum } from '../claim/claim.inputs.js';

export const ScholarshipInstalmentStatusEnum = enumFromList(
  SCHOLARSHIP_INSTALMENT_STATUSES,
  'ScholarshipInstalmentStatus',
  'SCHEDULED (not yet due), AWAITING_CERTIFICATE (due; the year’s school certificate is not verified), READY (being paid), PAID, ENDED (the entitlement ended first).',
);
export const ScholarshipEndReasonEnum = enumFromList(
  SCHOLARSHIP_END_REASONS.map((r) => r.code),
  'ScholarshipEndReason',
  'Why a child’s scholarship ends before its last year: MARRIED, WORKING, LEFT_SCHOOL, DECEASED.',
);

@ObjectType({ description: 'One school year of a child’s scholarship: a payout line (claim, heir, instalment).' })
export class ScholarshipInstalment {
  @Field(() => ID)
  heirId: string;

  @Field(() => String)
  childName: string;

  @Field(() => Int, { description: 'The heir’s instalment number (1 is the heir’s share of the cash benefit).' })
  instalment: number;

  @Field(() => Int)
  schoolYear: number;

  @Field(() => EducationLevelEnum)
  level: EducationLevel;

  @Field(() => RupiahScalar)
  amount: bigint;

  @Field(() => LocalDateScalar, { description: 'The first year: the day the claim was paid; later years: 1 July of the school year.' })
  dueOn: string;

  @Field(() => Boolean, { description: 'Later years need that year’s school certificate, verified by a caseworker.' })
  needsCertificate: boolean;

  @Field(() => ScholarshipInstalmentStatusEnum)
  status: ScholarshipInstalmentStatus;

  @Field(() => String, { nullable: true })
  certificateVerifiedBy: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  certificateVerifiedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The payout’s status (PENDING, SENT, CONFIRMED, FAILED), once it is being paid.' })
  payoutStatus: string | null;

  @Field(() => String, { nullable: true })
  payoutReference: string | null;

  @Field(() => String, { nullable: true, description: 'Why the bank refused the payout (FAILED): correct the account with setScholarshipPayoutAccount.' })
  payoutFailureCode: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  paidAt: Date | null;
}

@ObjectType({ description: 'A child entitled to the scholarship.' })
export class ScholarshipChild {
  @Field(() => ID)
  heirId: string;

  @Field(() => String)
  name: string;

  @Field(() => EducationLevelEnum, { description: 'The level of the next open year (or of the last one).' })
  level: EducationLevel;

  @Field(() => ScholarshipEndReasonEnum, { nullable: true })
  endedReason: ScholarshipEndReason | null;

  @Field(() => String, { nullable: true })
  endedBy: string | null;

  @Field(() => RupiahScalar)
  paidTotal: bigint;

  @Field(() => RupiahScalar, { description: 'Still to be paid, in the years not ended.' })
  openTotal: bigint;
}

@ObjectType({ description: 'The JKM scholarship of a claim: entitlement, children and the yearly instalments with their status.' })
export class ClaimScholarship {
  @Field(() => Boolean)
  entitled: boolean;

  @Field(() => String, { nullable: true, description: 'Why not, when not entitled (e.g. membership under 3 years).' })
  reason: string | null;

  @Field(() => String, { nullable: true })
  ruleVersion: string | null;

  @Field(() => RupiahScalar, { description: 'The whole entitlement, every year of every child.' })
  total: bigint;

  @Field(() => RupiahScalar)
  paidTotal: bigint;

  @Field(() => [ScholarshipChild])
  children: ScholarshipChild[];

  @Field(() => [ScholarshipInstalment], { description: 'Written when the claim is paid; empty before.' })
  instalments: ScholarshipInstalment[];
}

@InputType()
export class SchoolCertificateInput {
  @Field(() => ID)
  claimId: string;

  @Field(() => ID, { description: 'The child (an heir of the claim).' })
  heirId: string;

  @Field(() => Int, { description: 'The school year the certificate proves (e.g. 2027 for 2027/2028).' })
  schoolYear: number;

  @Field(() => String, { description: 'The key the upload endpoint answered.' })
  storageKey: string;

  @Field(() => String, { description: '"sha256:" and the file’s 64 hex digits.' })
  checksum: string;

  @Field(() => String, { nullable: true })
  fileName?: string | null;
}

@InputType()
export class EndScholarshipInput {
  @Field(() => ID)
  claimId: string;

  @Field(() => ID, { description: 'The child (an heir of the claim).' })
  heirId: string;

  @Field(() => ScholarshipEndReasonEnum)
  reason: ScholarshipEndReason;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

/** Text limits of the scholarship inputs. */
export const SCHOLARSHIP_TEXT_RULES: TextRules = {
  'SchoolCertificateInput.storageKey': { maxLength: 256 },
  'SchoolCertificateInput.checksum': { maxLength: 71 },
  'SchoolCertificateInput.fileName': { maxLength: 200 },
  'EndScholarshipInput.note': NOTE_RULE,
};
