import { Field, ID, InputType, Int } from 'type-graphql';
import { JKK_OUTCOMES } from '../../../../domain/benefits/jkk.js';
import { TRANSPORT_MODES } from '../../../../domain/benefits/jkk-tables.js';
import { EDUCATION_LEVELS } from '../../../../domain/benefits/jkm.js';
import { enumFromList } from '../../../kit/src/graphql-enums.js';
import { NOTE_RULE } from '../../../../domain/text.js';
import type { TextRules } from '../../../kit/src/input-check.js';
import type { HeirRelationship } from '../../../../domain/claims/heirs.js';
import type { Program } from '../../../../domain/programs.js';
import { ProgramEnum } from '../../../kit/src/graphql-enums.js';
import { LocalDateScalar, RupiahScalar } from '../../../kit/src/scalars.js';

export const JkkOutcomeEnum = enumFromList(JKK_OUTCOMES, 'JkkOutcome', 'How a work accident ended (stage-II report).');
export const TransportModeEnum = enumFromList(TRANSPORT_MODES, 'TransportMode', 'Land, sea or air transport to care.');
export const EducationLevelEnum = enumFromList(EDUCATION_LEVELS, 'EducationLevel', 'A child’s school level, for the JKM scholarship.');
import { HeirRelationshipEnum } from './claim.type.js';

@InputType()
export class HeirInput {
  @Field(() => String)
  name: string;

  @Field(() => HeirRelationshipEnum)
  relationship: HeirRelationship;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => Int, { nullable: true, description: 'Share in basis points (10000 = 100%); give it for every heir or for none (equal shares).' })
  share?: number | null;

  @Field(() => String, { nullable: true })
  bankName?: string | null;

  @Field(() => String, { nullable: true, description: 'Account number (digits); stored encrypted.' })
  bankAccount?: string | null;

  @Field(() => String, { nullable: true })
  accountHolder?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'A child’s birth date, for the scholarship.' })
  birthDate?: string | null;

  @Field(() => EducationLevelEnum, { nullable: true })
  educationLevel?: string | null;
}

@InputType()
export class TransportReceiptInput {
  @Field(() => TransportModeEnum)
  mode: 'LAND' | 'SEA' | 'AIR';

  @Field(() => RupiahScalar)
  amount: bigint;
}

@InputType({ description: 'What happened in a work accident; the income comes from the enrolment.' })
export class JkkFactsInput {
  @Field(() => JkkOutcomeEnum)
  outcome: 'RECOVERED' | 'PARTIAL_DISABILITY' | 'TOTAL_DISABILITY' | 'DEATH';

  @Field(() => Int, { nullable: true, description: 'Whole months unable to work (STMB).' })
  incapacityMonths?: number | null;

  @Field(() => [String], { nullable: true, description: 'Codes of the permanent partial disability table, e.g. ONE_EYE.' })
  disabilities?: string[] | null;

  @Field(() => [RupiahScalar], { nullable: true })
  medicalReceipts?: bigint[] | null;

  @Field(() => [TransportReceiptInput], { nullable: true })
  transportReceipts?: TransportReceiptInput[] | null;
}

@InputType()
export class SubmitClaimInput {
  @Field(() => ID)
  participantId: string;

  @Field(() => ProgramEnum, { description: 'JKM for a death.' })
  program: Program;

  @Field(() => LocalDateScalar, { description: 'Date of death or accident, in the city’s calendar.' })
  incidentDate: string;

  @Field(() => HeirInput, { nullable: true, description: 'One heir; or use heirs.' })
  heir?: HeirInput | null;

  @Field(() => [HeirInput], { nullable: true, description: 'Several heirs, all of one legal order.' })
  heirs?: HeirInput[] | null;

  @Field(() => JkkFactsInput, { nullable: true, description: 'For JKK claims.' })
  jkk?: JkkFactsInput | null;
}

@InputType()
export class ClaimDocumentInput {
  @Field(() => String, { description: 'A ClaimDocumentType.' })
  type: string;

  @Field(() => String, { description: 'The key the upload endpoint answered.' })
  storageKey: string;

  @Field(() => String, { description: '"sha256:" and the file’s 64 hex digits.' })
  checksum: string;

  @Field(() => String, { nullable: true })
  fileName?: string | null;
}

@InputType()
export class ClaimInboxFilter {
  @Field(() => String, { nullable: true })
  regionCode?: string | null;

  @Field(() => String, { nullable: true })
  status?: string | null;

  @Field(() => String, { nullable: true, description: 'MET, ON_TRACK, AT_RISK or BREACHED (payment clock).' })
  slaRisk?: string | null;

  @Field(() => String, { nullable: true })
  assignee?: string | null;

  @Field(() => Boolean, { nullable: true })
  unassigned?: boolean | null;
}

/** Text limits of the claim inputs and arguments (others: 200 characters, one line). */
export const CLAIM_TEXT_RULES: TextRules = {
  'HeirInput.phone': { maxLength: 20 },
  'Mutation.verifyClaimDocuments(note:)': NOTE_RULE,
  'Mutation.approveClaim(note:)': NOTE_RULE,
  'Mutation.rejectClaim(note:)': NOTE_RULE,
  'Mutation.rejectClaim(reasonCode:)': { maxLength: 64 },
  'Mutation.requestClaimDocuments(note:)': NOTE_RULE,
  'Mutation.resubmitClaimDocuments(note:)': NOTE_RULE,
  'Mutation.cancelClaim(note:)': NOTE_RULE,
  'Mutation.reopenClaim(reason:)': NOTE_RULE,
  'Mutation.reviewClaimDocument(reason:)': NOTE_RULE,
  'ClaimDocumentInput.storageKey': { maxLength: 256 },
  'ClaimDocumentInput.checksum': { maxLength: 71 },
  'HeirInput.bankAccount': { maxLength: 34 },
  'Mutation.setClaimHoliday(name:)': { maxLength: 200 },
};
