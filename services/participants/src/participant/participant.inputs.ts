import { Field, ID, InputType } from 'type-graphql';
import type { OccupationGroup, Sex } from '../../../../domain/participants/occupation.js';
import { LocalDateScalar } from '../../../kit/src/scalars.js';
import { OccupationGroupEnum, SexEnum } from './participant.type.js';

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
}

@InputType()
export class EndEnrolmentInput {
  @Field(() => ID)
  participantId: string;

  @Field(() => LocalDateScalar, { description: 'Covered through this day, not after.' })
  lastCoveredDay: string;

  @Field(() => String)
  reason: string;
}
