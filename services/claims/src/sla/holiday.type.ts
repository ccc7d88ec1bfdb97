import { Field, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../../kit/src/scalars.js';

@ObjectType({ description: 'A day off on the working-day calendar of SLA clocks.' })
export class ClaimHoliday {
  @Field(() => LocalDateScalar)
  day: string;

  @Field(() => String, { description: '"*" for a national day, else the city’s region code.' })
  regionCode: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { description: 'PUBLIC_HOLIDAY or COLLECTIVE_LEAVE.' })
  kind: string;
}
