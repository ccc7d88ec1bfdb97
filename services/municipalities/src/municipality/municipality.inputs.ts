import { Field, ID, InputType, Int } from 'type-graphql';
import type { TextRules } from '../../../kit/src/input-check.js';

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

@InputType({ description: 'Fields to change; those left out stay as they are. The region code never changes.' })
export class UpdateMunicipalityInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  province?: string | null;

  @Field(() => String, { nullable: true })
  timeZone?: string | null;

  @Field(() => Int, { nullable: true, description: 'Informal workers in the city; give it with its year and source.' })
  informalWorkforce?: number | null;

  @Field(() => Int, { nullable: true })
  workforceYear?: number | null;

  @Field(() => String, { nullable: true })
  workforceSource?: string | null;
}

/** Text limits of city and MoU inputs (others: 200 characters, one line). */
export const MUNICIPALITY_TEXT_RULES: TextRules = {
  'CreateMunicipalityInput.code': { maxLength: 16 },
  'CreateMunicipalityInput.timeZone': { maxLength: 64 },
  'Query.municipalityByCode(code:)': { maxLength: 16 },
};
