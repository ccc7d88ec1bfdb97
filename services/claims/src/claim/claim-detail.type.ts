import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { DOCUMENT_STATES, DOCUMENT_TYPE_CODES, type DocumentState, type DocumentType } from '../../../../domain/claims/documents.js';
import type { HeirRelationship } from '../../../../domain/claims/heirs.js';
import { enumFromList } from '../../../kit/src/graphql-enums.js';
import { LocalDateScalar, RupiahScalar } from '../../../kit/src/scalars.js';
import { HeirRelationshipEnum } from './claim.type.js';

export const DocumentTypeEnum = enumFromList(DOCUMENT_TYPE_CODES, 'ClaimDocumentType', 'A document on a claim’s checklist.');
export const DocumentStateEnum = enumFromList(DOCUMENT_STATES, 'ClaimDocumentState', 'PENDING (not received), RECEIVED, VERIFIED or REJECTED (with a reason).');
export const SLA_RISKS = ['MET', 'ON_TRACK', 'AT_RISK', 'BREACHED'] as const;
export const SlaRiskEnum = enumFromList(SLA_RISKS, 'SlaRisk', 'Where a service-level clock stands today in the city’s calendar.');

@ObjectType({ description: 'One heir of a claim, their legal order, share and payout amount.' })
export class ClaimHeirDetail {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => HeirRelationshipEnum)
  relationship: HeirRelationship;

  @Field(() => Int, { description: 'Legal order: 1 spouse or child, 2 parents, grandchildren, grandparents, … 6 funeral arranger.' })
  legalOrder: number;

  @Field(() => String, { description: 'The share as a fraction, e.g. "1/3".' })
  share: string;

  @Field(() => RupiahScalar, { description: 'What this heir is paid of the benefit.' })
  amount: bigint;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  bankName: string | null;

  @Field(() => String, { nullable: true, description: 'In full for caseworkers, supervisors and admins; masked (••••1234) for everyone else.' })
  bankAccount: string | null;

  @Field(() => String, { nullable: true })
  accountHolder: string | null;
}

@ObjectType({ description: 'A document on the claim’s checklist, recorded by storage key and checksum.' })
export class ClaimDocument {
  @Field(() => DocumentTypeEnum)
  type: DocumentType;

  @Field(() => String)
  label: string;

  @Field(() => Boolean)
  required: boolean;

  @Field(() => DocumentStateEnum)
  state: DocumentState;

  @Field(() => String, { nullable: true })
  storageKey: string | null;

  @Field(() => String, { nullable: true })
  checksum: string | null;

  @Field(() => String, { nullable: true })
  fileName: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  receivedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Who uploaded or recorded the file.' })
  receivedBy: string | null;

  @Field(() => Int, { nullable: true, description: 'Size of an uploaded file, in bytes.' })
  sizeBytes: number | null;

  @Field(() => String, { nullable: true, description: 'application/pdf, image/jpeg or image/png for an uploaded file.' })
  contentType: string | null;

  @Field(() => String, { nullable: true, description: 'Where an uploaded file downloads (same sign-in), e.g. /claims/<id>/documents/DEATH_CERTIFICATE.' })
  downloadPath: string | null;

  @Field(() => String, { nullable: true })
  reviewedBy: string | null;

  @Field(() => String, { nullable: true })
  rejectionReason: string | null;
}

@ObjectType({ description: 'A service-level clock of one step, on the city’s working-day calendar.' })
export class ClaimSla {
  @Field(() => String, { description: 'PAYMENT: paid within the working days after documents are complete.' })
  step: string;

  @Field(() => LocalDateScalar)
  startedOn: string;

  @Field(() => LocalDateScalar)
  warnOn: string;

  @Field(() => LocalDateScalar)
  dueOn: string;

  @Field(() => LocalDateScalar, { nullable: true })
  metOn: string | null;

  @Field(() => SlaRiskEnum)
  risk: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When a supervisor was warned.' })
  escalatedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the breach was recorded.' })
  breachedAt: Date | null;
}

@ObjectType({ description: 'One event in a claim’s timeline.' })
export class ClaimEvent {
  @Field(() => String, { description: 'SUBMIT, VERIFY_DOCUMENTS, APPROVE, PAY, DOCUMENT_RECEIVE, SLA_BREACHED, ASSIGN, …' })
  action: string;

  @Field(() => String, { nullable: true })
  fromStatus: string | null;

  @Field(() => String)
  toStatus: string;

  @Field(() => String)
  actor: string;

  @Field(() => String, { nullable: true })
  reasonCode: string | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => GraphQLISODateTime)
  at: Date;
}
