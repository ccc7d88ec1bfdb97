import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ProgramEnum } from '../../../kit/src/graphql-enums.js';
import { LocalDateScalar, RupiahScalar } from '../../../kit/src/scalars.js';
import type { Program } from '../../../../domain/programs.js';
import { MOU_STATUSES, type MouStatus } from '../../../../domain/mou/mou-status.js';

export const MouStatusEnum = Object.fromEntries(MOU_STATUSES.map((s) => [s, s])) as { [K in MouStatus]: K };
registerEnumType(MouStatusEnum, { name: 'MouStatus', description: 'DRAFT until signed and activated; ACTIVE while it funds coverage.' });

@ObjectType({ description: 'A memorandum of understanding between a city and BPJS Ketenagakerjaan funding coverage.' })
@Directive('@key(fields: "id")')
export class Mou {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'Human reference, e.g. MOU/1872/2026/0001.' })
  number: string;

  @Field(() => ID)
  municipalityId: string;

  @Field(() => String, { description: 'Who signed for the city (usually the mayor).' })
  citySignatory: string;

  @Field(() => String, { description: 'The BPJS Ketenagakerjaan branch or regional office that signed.' })
  bpjsOffice: string;

  @Field(() => LocalDateScalar)
  validFrom: string;

  @Field(() => LocalDateScalar)
  validTo: string;

  @Field(() => MouStatusEnum)
  status: MouStatus;

  @Field(() => RupiahScalar, { description: 'Budget from the city’s APBD for the whole term.' })
  budget: bigint;

  @Field(() => Int, { description: 'How many workers the MoU may cover at once.' })
  quota: number;

  @Field(() => [ProgramEnum])
  programs: Program[];
}
