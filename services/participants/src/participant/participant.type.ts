import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { OCCUPATION_GROUPS, PARTICIPANT_STATUSES, SEXES, type OccupationGroup, type ParticipantStatus, type Sex } from '../../../../domain/participants/occupation.js';
import type { Program } from '../../../../domain/programs.js';
import { enumFromList, ProgramEnum } from '../../../kit/src/graphql-enums.js';
import { LocalDateScalar } from '../../../kit/src/scalars.js';

export const OccupationGroupEnum = enumFromList(OCCUPATION_GROUPS, 'OccupationGroup', 'The informal work the city funds coverage for.');
export const ParticipantStatusEnum = enumFromList(PARTICIPANT_STATUSES, 'ParticipantStatus', 'ACTIVE while contributions are paid and the MoU runs.');
export const SexEnum = enumFromList(SEXES, 'Sex', 'M or F, as on the KTP.');

@ObjectType({ description: 'A vulnerable worker whose JKK/JKM contributions a city pays.' })
@Directive('@key(fields: "id")')
export class Participant {
  @Field(() => ID)
  id: string;

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

  @Field(() => ID)
  municipalityId: string;

  @Field(() => ID)
  mouId: string;

  @Field(() => [ProgramEnum])
  programs: Program[];

  @Field(() => LocalDateScalar, { description: 'First day covered.' })
  coverageFrom: string;

  @Field(() => LocalDateScalar, { description: 'Last day covered under the current MoU.' })
  coverageTo: string;

  @Field(() => ParticipantStatusEnum)
  status: ParticipantStatus;
}

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor: string | null;

  @Field(() => Boolean)
  hasNextPage: boolean;
}

@ObjectType({ description: 'A page of participants, ordered by name.' })
export class ParticipantConnection {
  @Field(() => [Participant])
  nodes: Participant[];

  @Field(() => Int)
  totalCount: number;

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType({ description: 'Something worth a second look that did not stop the enrolment.' })
export class EnrolmentWarning {
  @Field(() => String)
  code: string;

  @Field(() => String)
  message: string;
}

@ObjectType()
export class EnrolParticipantPayload {
  @Field(() => Participant)
  participant: Participant;

  @Field(() => [EnrolmentWarning])
  warnings: EnrolmentWarning[];
}
