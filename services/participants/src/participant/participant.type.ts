import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { OCCUPATION_GROUPS, PARTICIPANT_STATUSES, type OccupationGroup, type ParticipantStatus } from '../../../../domain/participants/occupation.js';
import type { Program } from '../../../../domain/programs.js';
import { END_REASONS, NOT_COVERED_REASONS, type EndReason, type NotCoveredReason, type Standing } from '../../../../domain/participants/enrolment-status.js';
import { enumFromList, ProgramEnum } from '../../../kit/src/graphql-enums.js';
import { LocalDateScalar, RupiahScalar } from '../../../kit/src/scalars.js';
import { PersonIdentityFields } from '../person/person-identity.fields.js';

export const OccupationGroupEnum = enumFromList(OCCUPATION_GROUPS, 'OccupationGroup', 'The informal work the city funds coverage for.');
export const ParticipantStatusEnum = enumFromList(
  PARTICIPANT_STATUSES,
  'ParticipantStatus',
  'ACTIVE while covered and paid for; INACTIVE while three months of contributions are unpaid (arrears); ENDED once the enrolment is over (see endReason).',
);
export const EndReasonEnum = enumFromList(
  END_REASONS,
  'EndReason',
  'Why an enrolment ended: MOU_ENDED (expired or terminated), MOU_RENEWED (continued under the successor MoU, unless beyond its quota), MOVED, DIED, WITHDRAWN.',
);
export const NotCoveredReasonEnum = enumFromList(
  NOT_COVERED_REASONS,
  'NotCoveredReason',
  'Why a person was not covered on a day: NOT_ENROLLED, ENDED (the enrolment before that day had ended), INACTIVE_ARREARS, BEFORE_START.',
);

@ObjectType({ description: 'One standing of an enrolment: from a day until the next period starts (to null: to the end of coverage).' })
export class StatusPeriod {
  @Field(() => ParticipantStatusEnum)
  status: Standing;

  @Field(() => LocalDateScalar)
  from: string;

  @Field(() => LocalDateScalar, { nullable: true })
  to: string | null;
}

@ObjectType({
  description:
    'One enrolment of a vulnerable worker (a person) under one MoU, whose JKK/JKM contributions the city pays. A person has one enrolment at a time and may have several over the years (see `person`).',
})
@Directive('@key(fields: "id")')
export class Participant extends PersonIdentityFields {
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

  @Field(() => ParticipantStatusEnum, { description: 'Standing now; `statusHistory` has it by date.' })
  status: ParticipantStatus;

  @Field(() => EndReasonEnum, { nullable: true, description: 'Set once ENDED.' })
  endReason: EndReason | null;

  @Field(() => String, { nullable: true, description: 'What was said when it ended.' })
  endNote: string | null;

  @Field(() => RupiahScalar, { description: 'Declared monthly income, the BPU basis (Rp 1,000,000 unless declared).' })
  declaredMonthlyIncome: bigint;

  @Field(() => RupiahScalar, { description: 'The monthly contribution that income implies for the MoU’s programs.' })
  monthlyContribution: bigint;

  @Field(() => ID, { nullable: true, description: 'The enrolment under the predecessor MoU this one continues (renewal).' })
  predecessorId: string | null;
}

@ObjectType({ description: 'Whether a person was covered on a day, judged over all their enrolments.' })
export class CoverageOnDay {
  @Field(() => LocalDateScalar)
  date: string;

  @Field(() => Boolean)
  covered: boolean;

  @Field(() => NotCoveredReasonEnum, { nullable: true })
  reason: NotCoveredReason | null;

  @Field(() => String)
  message: string;

  @Field(() => ParticipantStatusEnum, { nullable: true, description: 'ACTIVE or INACTIVE that day; ENDED after the enrolment ended; null before any start.' })
  statusOnDate: ParticipantStatus | null;

  @Field(() => ID, { nullable: true, description: 'The enrolment that covered the day, or the one nearest to it that explains why not.' })
  enrolmentId: string | null;
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

  @Field(() => Int, { description: 'Participants on all pages, counted up to 10,000: when there are more, 10,000 and totalCountCapped is true.' })
  totalCount: number;

  @Field(() => Boolean, { description: 'True when there are more participants than totalCount says (counting stops at 10,000; show "10,000+").' })
  totalCountCapped: boolean;

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
