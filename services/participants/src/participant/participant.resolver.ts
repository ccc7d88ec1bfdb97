import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireActor, type RequestContext } from '../../../kit/src/context.js';
import type { ReferenceResolvers } from '../../../kit/src/subgraph-schema.js';
import { Mou, Municipality } from '../federation/owners.type.js';
import { EnrolParticipantInput } from './participant.inputs.js';
import type { EnrolmentResult, ParticipantService } from './participant.service.js';
import { EnrolParticipantPayload, Participant } from './participant.type.js';

@Resolver(() => Participant)
export class ParticipantResolver {
  constructor(private readonly participants: ParticipantService) {}

  @Query(() => Participant, { nullable: true, description: 'A participant by id.' })
  participant(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Participant | null> {
    return participantLoader(ctx, this.participants).load(id);
  }

  @Mutation(() => EnrolParticipantPayload, { description: 'Enrols one worker under an ACTIVE MoU of their city.' })
  enrolParticipant(@Arg('input', () => EnrolParticipantInput) input: EnrolParticipantInput, @Ctx() ctx: RequestContext): Promise<EnrolmentResult> {
    return this.participants.enrol(input, requireActor(ctx));
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
  return ctx.loader('participantById', (ids: readonly string[]) => service.findMany(ids));
}

export function participantReference(service: ParticipantService): ReferenceResolvers {
  return {
    Participant: { __resolveReference: (reference, ctx) => participantLoader(ctx, service).load(reference.id) },
  };
}
