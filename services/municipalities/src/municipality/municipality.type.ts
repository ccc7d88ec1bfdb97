import { Directive, Field, ID, ObjectType } from 'type-graphql';

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
}
