import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A city (Pemerintah Kota) that funds coverage for its vulnerable workers.' })
@Directive('@key(fields: "id")')
export class Municipality {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'Kemendagri region code, e.g. "18.72" for Kota Metro.' })
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  province: string;

  @Field(() => String, { description: 'IANA time zone; the city’s deadlines and "today" use it.' })
  timeZone: string;

  @Field(() => Int, { nullable: true, description: 'Informal workers in the city, the denominator of coverage %; null until known.' })
  informalWorkforce: number | null;

  @Field(() => Int, { nullable: true, description: 'The year the informal workforce figure describes.' })
  workforceYear: number | null;

  @Field(() => String, { nullable: true, description: 'Where the informal workforce figure comes from.' })
  workforceSource: string | null;
}
