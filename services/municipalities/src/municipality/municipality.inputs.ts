import { Field, InputType } from 'type-graphql';
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

/** Text limits of city and MoU inputs (others: 200 characters, one line). */
export const MUNICIPALITY_TEXT_RULES: TextRules = {
  'CreateMunicipalityInput.code': { maxLength: 16 },
  'CreateMunicipalityInput.timeZone': { maxLength: 64 },
  'Query.municipalityByCode(code:)': { maxLength: 16 },
};
