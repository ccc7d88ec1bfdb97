import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Entities owned by the municipalities subgraph; this subgraph only adds fields to them.

@ObjectType()
@Directive('@key(fields: "id")')
export class Municipality {
  @Field(() => ID)
  id: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Mou {
  @Field(() => ID)
  id: string;
}
