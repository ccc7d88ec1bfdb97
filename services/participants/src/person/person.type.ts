import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { Sex } from '../../../../domain/participants/occupation.js';
import { LocalDateScalar } from '../../../kit/src/scalars.js';
import { SexEnum } from '../participant/participant.type.js';

@ObjectType({ description: 'A person (one NIK) with their enrolments over time; visible where one of their enrolments is in your cities.' })
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'KPJ participant number: 11 digits, the last a Luhn check digit; issued on first activation.' })
  kpjNumber: string | null;

  @Field(() => String, { description: 'Full name as first recorded (from the KTP).' })
  fullName: string;

  @Field(() => LocalDateScalar)
  birthDate: string;

  @Field(() => SexEnum)
  sex: Sex;

  @Field(() => String)
  motherMaidenName: string;

  @Field(() => String, { description: 'The latest address a city submitted.' })
  address: string;

  @Field(() => String, { description: 'Region code of the city that last enrolled them.' })
  regionCode: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Once recorded (a death claim, or an enrolment ended as DIED).' })
  dateOfDeath: string | null;
}
