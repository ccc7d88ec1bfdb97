import { Field, ID, ObjectType } from 'type-graphql';
import { SEXES, type Sex } from '../../../../domain/participants/occupation.js';
import { enumFromList } from '../../../kit/src/graphql-enums.js';
import { LocalDateScalar } from '../../../kit/src/scalars.js';

export const SexEnum = enumFromList(SEXES, 'Sex', 'M or F, as on the KTP.');

/**
 * Who a person is, the same on `Person` and on each of their enrolments (`Participant`, whose `id`
 * is the enrolment's). No resolver returns this class, so the schema never shows it as a type.
 */
@ObjectType()
export abstract class PersonIdentityFields {
  @Field(() => ID)
  id: string;

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

  @Field(() => String, { nullable: true, description: 'KPJ participant number: 11 digits, the last a Luhn check digit; issued on first activation.' })
  kpjNumber: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Once recorded (a death claim, or an enrolment ended as DIED).' })
  dateOfDeath: string | null;
}
