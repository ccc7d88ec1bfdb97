import { Field, ID, InputType, Int } from 'type-graphql';
import { ProgramEnum } from '../../../kit/src/graphql-enums.js';
import { LocalDateScalar, RupiahScalar } from '../../../kit/src/scalars.js';
import type { Program } from '../../../../domain/programs.js';

@InputType()
export class CreateMouInput {
  @Field(() => ID)
  municipalityId: string;

  @Field(() => String)
  citySignatory: string;

  @Field(() => String)
  bpjsOffice: string;

  @Field(() => LocalDateScalar)
  validFrom: string;

  @Field(() => LocalDateScalar)
  validTo: string;

  @Field(() => RupiahScalar)
  budget: bigint;

  @Field(() => Int)
  quota: number;

  @Field(() => [ProgramEnum])
  programs: Program[];
}
