import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { maskNik } from '../../../../domain/nik.js';
import type { RequestContext } from '../../../kit/src/context.js';
import type { Role } from '../../../../domain/access.js';
import type { ReferenceResolvers } from '../../../kit/src/subgraph-schema.js';
import type { CoverageService } from '../coverage/coverage.service.js';
import { Mou, Municipality } from '../federation/owners.type.js';
import { personLoader } from '../person/person.resolver.js';
import type { PersonService } from '../person/person.service.js';
import { Person } from '../person/person.type.js';
import type { PersonEntity } from '../person/person.entity.js';
import { LocalDateScalar } from '../../../kit/src/scalars.js';
import type { ParticipantEntity } from './participant.entity.js';
import { EndEnrolmentInput, EnrolParticipantInput } from './participant.inputs.js';
import type { EnrolmentResult, ParticipantService } from './participant.service.js';
import { CoverageOnDay, EnrolParticipantPayload, Participant, StatusPeriod } from './participant.type.js';

/** Roles that work with aggregates and need not see whole national ID numbers. */
const SEES_MASKED_NIK: readonly Role[] = ['partner', 'manager'];

export function nikAsSeenBy(nik: string, ctx: RequestContext): string {
  return ctx.identity.roles.every((role) => SEES_MASKED_NIK.includes(role)) ? maskNik(nik) : nik;
}

@Resolver(() => Participant)
export class ParticipantResolver {
  constructor(
    private readonly participants: ParticipantService,
    private readonly people: PersonService,
    private readonly coverage: CoverageService,
  ) {}

  @Authorized()
  @Query(() => Participant, { nullable: true, description: 'A participant by id (null outside your cities).' })
  participant(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Participant | null> {
    return participantLoader(ctx, this.participants).load(id);
  }

  @Authorized('city_operator', 'caseworker', 'supervisor', 'admin')
  @Query(() => [Participant], { description: 'Enrolments of one person by NIK (newest first), in your cities.' })
  participantsByNik(@Arg('nik', () => String) nik: string, @Ctx() ctx: RequestContext): Promise<ParticipantEntity[]> {
    return this.participants.findByNik(nik, ctx.scope);
  }

  @Authorized('city_operator', 'admin')
  @Mutation(() => EnrolParticipantPayload, { description: 'Enrols one worker under an ACTIVE MoU of their city.' })
  enrolParticipant(@Arg('input', () => EnrolParticipantInput) input: EnrolParticipantInput, @Ctx() ctx: RequestContext): Promise<EnrolmentResult> {
    return this.participants.enrol(input, ctx);
  }

  @Authorized('city_operator', 'admin')
  @Mutation(() => Participant, { description: 'Ends an enrolment early (covered through lastCoveredDay); its place goes back to the MoU’s quota.' })
  endEnrolment(@Arg('input', () => EndEnrolmentInput) input: EndEnrolmentInput, @Ctx() ctx: RequestContext): Promise<ParticipantEntity> {
    return this.participants.endEnrolment(input, ctx);
  }

  @FieldResolver(() => String, { description: 'National ID number (16 digits); masked for partner apps and managers.' })
  nik(@Root() participant: ParticipantEntity, @Ctx() ctx: RequestContext): string {
    return nikAsSeenBy(this.participants.nikOf(participant), ctx);
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The person enrolled (null only while the read races a change of scope).' })
  person(@Root() participant: ParticipantEntity, @Ctx() ctx: RequestContext): Promise<PersonEntity | null> {
    return personLoader(ctx, this.people).load(participant.personId);
  }

  @FieldResolver(() => [StatusPeriod], { description: 'Standing over the coverage, by date: ACTIVE, or INACTIVE while in arrears.' })
  statusHistory(@Root() participant: ParticipantEntity, @Ctx() ctx: RequestContext): Promise<StatusPeriod[]> {
    return ctx.loader('statusHistory', (ids: readonly string[]) => this.participants.statusHistories(ids)).load(participant.id);
  }

  @FieldResolver(() => CoverageOnDay, { description: 'Was this person covered on that day (over all their enrolments in your cities), and why not?' })
  async coverageOn(@Root() participant: ParticipantEntity, @Arg('date', () => LocalDateScalar) date: string, @Ctx() ctx: RequestContext): Promise<CoverageOnDay> {
    const answer = await this.coverage.coverageOnDate({ participantId: participant.id, date, cities: ctx.scope.cities });
    return { date, covered: answer.covered, reason: answer.reason, message: answer.message, statusOnDate: answer.statusOnDate, enrolmentId: answer.enrolmentId };
  }

  @FieldResolver(() => Municipality)
  municipality(@Root() participant: Participant): Municipality {
    return { id: participant.municipalityId };
  }

  @FieldResolver(() => Mou)
  mou(@Root() participant: Participant): Mou {
    return { id: participant.mouId };
  }
}

function participantLoader(ctx: RequestContext, service: ParticipantService) {
  return ctx.loader('participantById', (ids: readonly string[]) => service.findMany(ids, ctx.scope));
}

export function participantReference(service: ParticipantService): ReferenceResolvers {
  return {
    Participant: { __resolveReference: (reference, ctx) => participantLoader(ctx, service).load(reference.id) },
  };
}
