import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Owned by the participants subgraph; claims adds `Participant.claims`. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Participant {
  @Field(() => ID)
  id: string;
}
