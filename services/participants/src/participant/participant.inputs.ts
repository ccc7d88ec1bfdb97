import { Field, ID, InputType } from 'type-graphql';
import type { TextRules } from '../../../kit/src/input-check.js';
import type { OccupationGroup, Sex } from '../../../../domain/participants/occupation.js';
import type { EndReason } from '../../../../domain/participants/enrolment-status.js';
import { LocalDateScalar, RupiahScalar } from '../../../kit/src/scalars.js';
import { SexEnum } from '../person/person-identity.fields.js';
import { EndReasonEnum, OccupationGroupEnum } from './participant.type.js';

@InputType({ description: 'What a city must submit per person (DOMAIN.md "Identity").' })
export class EnrolParticipantInput {
  @Field(() => ID, { description: 'The ACTIVE MoU that pays for this worker.' })
  mouId: string;

  @Field(() => String)
  nik: string;

  @Field(() => String)
  fullName: string;

  @Field(() => LocalDateScalar)
  birthDate: string;

  @Field(() => SexEnum)
  sex: Sex;

  @Field(() => String)
  motherMaidenName: string;

  @Field(() => String)
  address: string;

  @Field(() => OccupationGroupEnum)
  occupationGroup: OccupationGroup;

  @Field(() => RupiahScalar, { nullable: true, description: 'Declared monthly income, the BPU basis of JKK (default Rp 1,000,000, the city package).' })
  declaredMonthlyIncome?: bigint | null;
}

/** Text limits of enrolment and lookups (others: 200 characters, one line). */
export const PARTICIPANT_TEXT_RULES: TextRules = {
  // 16 digits, with room for the spaces or dots a spreadsheet may add.
  'EnrolParticipantInput.nik': { maxLength: 32 },
  'EnrolParticipantInput.address': { maxLength: 500, multiline: true },
  'Query.participantsByNik(nik:)': { maxLength: 32 },
  // A page cursor carries a name (200 characters at most) and an id.
  'Municipality.participants(after:)': { maxLength: 1200 },
  'Mou.participants(after:)': { maxLength: 1200 },
};

@InputType()
export class EndEnrolmentInput {
  @Field(() => ID)
  participantId: string;

  @Field(() => LocalDateScalar, { description: 'Covered through this day, not after.' })
  lastCoveredDay: string;

  @Field(() => String)
  reason: string;

  @Field(() => EndReasonEnum, { nullable: true, description: 'MOVED, DIED (records the last covered day as the date of death) or WITHDRAWN (the default).' })
  endReason?: EndReason | null;
}
