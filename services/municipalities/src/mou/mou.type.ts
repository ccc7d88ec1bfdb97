import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { enumFromList, ProgramEnum } from '../../../kit/src/graphql-enums.js';
import { LocalDateScalar, RupiahScalar } from '../../../kit/src/scalars.js';
import type { Program } from '../../../../domain/programs.js';
import { MOU_PARTIES, MOU_STATUSES, type MouParty, type MouStatus } from '../../../../domain/mou/mou-status.js';
import { OCCUPATION_GROUPS, type OccupationGroup } from '../../../../domain/participants/occupation.js';

export const MouStatusEnum = enumFromList(
  MOU_STATUSES,
  'MouStatus',
  'DRAFT → AWAITING_SIGNATURES → SIGNED → ACTIVE (from validFrom) → RENEWAL_DUE → RENEWED, or EXPIRED / TERMINATED.',
);
export const MouPartyEnum = enumFromList(MOU_PARTIES, 'MouParty', 'A party that signs an MoU: the city (Pemkot) or the BPJS Ketenagakerjaan office.');
/** Same values and description as the participants subgraph's: composition shares the enum. */
export const OccupationGroupEnum = enumFromList(OCCUPATION_GROUPS, 'OccupationGroup', 'The informal work the city funds coverage for.');

@ObjectType({ description: 'Places and the monthly contribution per person for one occupation group.' })
export class GroupTerms {
  @Field(() => OccupationGroupEnum)
  group: OccupationGroup;

  @Field(() => Int)
  quota: number;

  @Field(() => RupiahScalar, { description: 'What the city pays per person per month in this group.' })
  monthlyContribution: bigint;
}

@ObjectType({ description: 'The APBD allocation for one fiscal year (a calendar year).' })
export class BudgetLine {
  @Field(() => Int)
  fiscalYear: number;

  @Field(() => RupiahScalar)
  amount: bigint;

  @Field(() => String, { nullable: true, description: 'The APBD/DPA document the allocation comes from.' })
  apbdReference: string | null;
}

@ObjectType({ description: 'What the MoU says from a date on: the original terms (version 1) or an addendum.' })
export class MouTerms {
  @Field(() => Int)
  version: number;

  @Field(() => String, { description: 'ORIGINAL or ADDENDUM.' })
  kind: string;

  @Field(() => LocalDateScalar)
  effectiveFrom: string;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field(() => LocalDateScalar)
  validFrom: string;

  @Field(() => LocalDateScalar)
  validTo: string;

  @Field(() => Int, { description: 'Places at once across every group.' })
  quota: number;

  @Field(() => [GroupTerms])
  groups: GroupTerms[];

  @Field(() => [BudgetLine])
  budgetLines: BudgetLine[];

  @Field(() => RupiahScalar, { description: 'Sum of the budget lines.' })
  budget: bigint;
}

@ObjectType()
export class MouSignature {
  @Field(() => MouPartyEnum)
  party: MouParty;

  @Field(() => String)
  signatory: string;

  @Field(() => LocalDateScalar)
  signedOn: string;

  @Field(() => String, { description: 'Who recorded the signature.' })
  recordedBy: string;
}

@ObjectType({ description: 'A memorandum of understanding between a city and BPJS Ketenagakerjaan funding coverage.' })
@Directive('@key(fields: "id")')
export class Mou {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'Human reference, e.g. MOU/1872/2026/0001.' })
  number: string;

  @Field(() => ID)
  municipalityId: string;

  @Field(() => String, { description: 'Who signs for the city (usually the mayor).' })
  citySignatory: string;

  @Field(() => String, { description: 'The BPJS Ketenagakerjaan branch or regional office that is the other party.' })
  bpjsOffice: string;

  @Field(() => String, { description: 'Who signs for the BPJS office.' })
  bpjsSignatory: string;

  @Field(() => LocalDateScalar)
  validFrom: string;

  @Field(() => LocalDateScalar, { description: 'End of the term as last amended.' })
  validTo: string;

  @Field(() => MouStatusEnum)
  status: MouStatus;

  @Field(() => [ProgramEnum])
  programs: Program[];

  @Field(() => Boolean, { description: 'Whether the city also pays JHT (old-age savings).' })
  jht: boolean;

  @Field(() => [Int], { description: 'Renewal reminders, in days before validTo.' })
  reminderOffsetsDays: number[];

  @Field(() => Int, { description: 'Not renewed this many days before validTo → escalated to BPJS administrators.' })
  escalationDaysBefore: number;

  @Field(() => ID, { nullable: true, description: 'The MoU this one renews.' })
  predecessorId: string | null;

  @Field(() => String, { nullable: true })
  terminationReason: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it stopped funding coverage.' })
  endedOn: string | null;
}
