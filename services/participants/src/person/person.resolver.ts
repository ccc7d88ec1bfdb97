import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../kit/src/context.js';
import type { ReferenceResolvers } from '../../../kit/src/subgraph-schema.js';
import type { ParticipantEntity } from '../participant/participant.entity.js';
import { nikAsSeenBy } from '../participant/participant.resolver.js';
import { Participant } from '../participant/participant.type.js';
import type { PersonEntity } from './person.entity.js';
import type { PersonService } from './person.service.js';
import { Person } from './person.type.js';

@Resolver(() => Person)
export class PersonResolver {
  constructor(private readonly people: PersonService) {}

  @Authorized()
  @Query(() => Person, { nullable: true, description: 'A person by id (null unless one of their enrolments is in your cities).' })
  person(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<PersonEntity | null> {
    return personLoader(ctx, this.people).load(id);
  }

  @Authorized('city_operator', 'caseworker', 'supervisor', 'admin')
  @Query(() => Person, { nullable: true, description: 'The person with this NIK, if one of their enrolments is in your cities.' })
  personByNik(@Arg('nik', () => String) nik: string, @Ctx() ctx: RequestContext): Promise<PersonEntity | null> {
    return this.people.findByNik(nik, ctx.scope);
  }

  @FieldResolver(() => String, { description: 'National ID number (16 digits); masked for partner apps and managers.' })
  nik(@Root() person: PersonEntity, @Ctx() ctx: RequestContext): string {
    return nikAsSeenBy(this.people.nikOf(person), ctx);
  }

  @FieldResolver(() => [Participant], { description: 'Their enrolments in your cities, oldest first.' })
  enrolments(@Root() person: PersonEntity, @Ctx() ctx: RequestContext): Promise<ParticipantEntity[]> {
    return ctx.loader('enrolmentsByPerson', (ids: readonly string[]) => this.people.enrolmentsOf(ids, ctx.scope)).load(person.id);
  }
}

export function personLoader(ctx: RequestContext, service: PersonService) {
  return ctx.loader('personById', (ids: readonly string[]) => service.findMany(ids, ctx.scope));
}

export function personReference(service: PersonService): ReferenceResolvers {
  return { Person: { __resolveReference: (reference, ctx) => personLoader(ctx, service).load(reference.id) } };
}
