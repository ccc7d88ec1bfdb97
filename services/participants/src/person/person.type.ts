import { Directive, Field, ObjectType } from 'type-graphql';
import { PersonIdentityFields } from './person-identity.fields.js';

@ObjectType({ description: 'A person (one NIK) with their enrolments over time; visible where one of their enrolments is in your cities.' })
@Directive('@key(fields: "id")')
export class Person extends PersonIdentityFields {
  @Field(() => String, { description: 'Region code of the city that last enrolled them.' })
  regionCode: string;
}
