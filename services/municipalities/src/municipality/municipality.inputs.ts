import { Field, InputType } from 'type-graphql';

@InputType()
export class CreateMunicipalityInput {
  @Field(() => String, { description: 'Kemendagri region code, PP.RR, e.g. "18.72".' })
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  province: string;

  @Field(() => String, { description: 'Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT).' })
  timeZone: string;
}
