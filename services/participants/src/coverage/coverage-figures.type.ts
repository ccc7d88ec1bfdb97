import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { OccupationGroup } from '../../../../domain/participants/occupation.js';
import { LocalDateScalar } from '../../../kit/src/scalars.js';
import { OccupationGroupEnum } from '../participant/participant.type.js';

@ObjectType({ description: 'Participants of one occupation group on a day.' })
export class GroupCoverage {
  @Field(() => OccupationGroupEnum)
  occupationGroup: OccupationGroup;

  @Field(() => Int)
  active: number;

  @Field(() => Int, { description: 'Enrolled but in arrears that day (not counted as covered).' })
  inactive: number;
}

@ObjectType({ description: 'A city’s coverage on a day: active participants by group and coverage % of the informal workforce.' })
export class CityCoverage {
  @Field(() => LocalDateScalar)
  asOf: string;

  @Field(() => Int, { description: 'Participants covered and in good standing that day.' })
  active: number;

  @Field(() => Int)
  inactive: number;

  @Field(() => Int, { nullable: true })
  informalWorkforce: number | null;

  @Field(() => Float, { nullable: true, description: 'active ÷ informalWorkforce × 100, two decimals; null while the workforce is unknown.' })
  coveragePercent: number | null;

  @Field(() => [GroupCoverage])
  byGroup: GroupCoverage[];
}
