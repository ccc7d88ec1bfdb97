import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

// Entities owned by the municipalities subgraph; this subgraph only adds fields to them.

@ObjectType()
@Directive('@key(fields: "id")')
export class Municipality {
  @Field(() => ID)
  id: string;

  // Owned by municipalities; read here only where `coverage` requires them.
  @Field(() => String)
  @Directive('@external')
  code?: string;

  @Field(() => String)
  @Directive('@external')
  timeZone?: string;

  @Field(() => Int, { nullable: true })
  @Directive('@external')
  informalWorkforce?: number | null;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Mou {
  @Field(() => ID)
  id: string;
}
