import { Field, ID, InputType, Int } from 'type-graphql';
import { ProgramEnum } from '../../../kit/src/graphql-enums.js';
import { LocalDateScalar, RupiahScalar } from '../../../kit/src/scalars.js';
import type { MouParty } from '../../../../domain/mou/mou-status.js';
import type { OccupationGroup } from '../../../../domain/participants/occupation.js';
import type { Program } from '../../../../domain/programs.js';
import { MouPartyEnum, OccupationGroupEnum } from './mou.type.js';

@InputType()
export class GroupTermsInput {
  @Field(() => OccupationGroupEnum)
  group: OccupationGroup;

  @Field(() => Int)
  quota: number;

  @Field(() => RupiahScalar, { nullable: true, description: 'Per person per month; default: the BPU package for the MoU’s programs.' })
  monthlyContribution?: bigint | null;
}

@InputType()
export class BudgetLineInput {
  @Field(() => Int)
  fiscalYear: number;

  @Field(() => RupiahScalar)
  amount: bigint;

  @Field(() => String, { nullable: true })
  apbdReference?: string | null;
}

@InputType()
export class CreateMouInput {
  @Field(() => ID)
  municipalityId: string;

  @Field(() => String)
  citySignatory: string;

  @Field(() => String)
  bpjsOffice: string;

  @Field(() => String)
  bpjsSignatory: string;

  @Field(() => LocalDateScalar)
  validFrom: string;

  @Field(() => LocalDateScalar)
  validTo: string;

  @Field(() => [ProgramEnum])
  programs: Program[];

  @Field(() => Boolean, { defaultValue: false })
  jht: boolean;

  @Field(() => Int, { description: 'Places at once across every group.' })
  quota: number;

  @Field(() => [GroupTermsInput])
  groups: GroupTermsInput[];

  @Field(() => [BudgetLineInput])
  budgetLines: BudgetLineInput[];

  @Field(() => [Int], { nullable: true, description: 'Days before validTo; default 90, 60, 30, 7.' })
  reminderOffsetsDays?: number[] | null;

  @Field(() => Int, { nullable: true, description: 'Default 30.' })
  escalationDaysBefore?: number | null;
}

@InputType()
export class SignMouInput {
  @Field(() => ID)
  mouId: string;

  @Field(() => MouPartyEnum)
  party: MouParty;

  @Field(() => String, { description: 'Name (and title) of the person who signed.' })
  signatory: string;

  @Field(() => LocalDateScalar)
  signedOn: string;
}

@InputType({ description: 'What an addendum changes; anything left out stays.' })
export class MouAddendumInput {
  @Field(() => ID)
  mouId: string;

  @Field(() => LocalDateScalar)
  effectiveFrom: string;

  @Field(() => LocalDateScalar)
  signedOn: string;

  @Field(() => String, { description: 'Its title or article, e.g. "Addendum I: RT/RW quota +500".' })
  reason: string;

  @Field(() => LocalDateScalar, { nullable: true })
  validTo?: string | null;

  @Field(() => Int, { nullable: true })
  quota?: number | null;

  @Field(() => [GroupTermsInput], { nullable: true, description: 'Replace these groups’ lines (or add groups).' })
  groups?: GroupTermsInput[] | null;

  @Field(() => [BudgetLineInput], { nullable: true, description: 'Replace these fiscal years’ lines (or add years).' })
  budgetLines?: BudgetLineInput[] | null;
}

@InputType({ description: 'The successor is pre-filled from this MoU’s terms and use; give only what differs.' })
export class RenewMouInput {
  @Field(() => ID)
  mouId: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Default: a term as long as this one, from the day after it ends.' })
  validTo?: string | null;

  @Field(() => Int, { nullable: true })
  quota?: number | null;

  @Field(() => [GroupTermsInput], { nullable: true })
  groups?: GroupTermsInput[] | null;

  @Field(() => [BudgetLineInput], { nullable: true, description: 'Default: the cost of keeping today’s participants covered each fiscal year.' })
  budgetLines?: BudgetLineInput[] | null;
}

@InputType()
export class TerminateMouInput {
  @Field(() => ID)
  mouId: string;

  @Field(() => String)
  reason: string;
}
