import { Field, ID, InputType } from 'type-graphql';
import { NOTE_RULE } from '../../../../domain/text.js';
import type { TextRules } from '../../../kit/src/input-check.js';
import type { HeirRelationship } from '../../../../domain/claims/heirs.js';
import type { Program } from '../../../../domain/programs.js';
import { ProgramEnum } from '../../../kit/src/graphql-enums.js';
import { LocalDateScalar } from '../../../kit/src/scalars.js';
import { HeirRelationshipEnum } from './claim.type.js';

@InputType()
export class HeirInput {
  @Field(() => String)
  name: string;

  @Field(() => HeirRelationshipEnum)
  relationship: HeirRelationship;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

@InputType()
export class SubmitClaimInput {
  @Field(() => ID)
  participantId: string;

  @Field(() => ProgramEnum, { description: 'JKM for a death.' })
  program: Program;

  @Field(() => LocalDateScalar, { description: 'Date of death or accident, in the city’s calendar.' })
  incidentDate: string;

  @Field(() => HeirInput)
  heir: HeirInput;
}

/** Text limits of the claim inputs and arguments (others: 200 characters, one line). */
export const CLAIM_TEXT_RULES: TextRules = {
  'HeirInput.phone': { maxLength: 20 },
  'Mutation.verifyClaimDocuments(note:)': NOTE_RULE,
  'Mutation.approveClaim(note:)': NOTE_RULE,
  'Mutation.rejectClaim(note:)': NOTE_RULE,
  'Mutation.rejectClaim(reasonCode:)': { maxLength: 64 },
};
