import { Field, ID, InputType } from 'type-graphql';
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
