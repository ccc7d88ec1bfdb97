import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { todayIn } from '../../../../domain/calendar.js';
import type { CityFigures, CoverageFigures } from '../coverage/coverage-figures.js';
import { CityCoverage } from '../coverage/coverage-figures.type.js';
import { LocalDateScalar } from '../../../kit/src/scalars.js';
import type { RequestContext } from '../../../kit/src/context.js';
import type { ReferenceResolvers } from '../../../kit/src/subgraph-schema.js';
import { DEFAULT_PAGE_SIZE, type ParticipantPage, type ParticipantPages } from '../participant/participant.pages.js';
import { ParticipantConnection } from '../participant/participant.type.js';
import { Mou, Municipality } from './owners.type.js';

// Nullable, as every field one subgraph adds to another's entity: if participants is down, only
// this field is null (with SERVICE_UNAVAILABLE), and the city or MoU still arrives.
const PAGE_DOC = { nullable: true, description: `Participants by name; at most 100 a page; null (with an error) while participants are unavailable.` };

@Resolver(() => Municipality)
export class MunicipalityParticipantsResolver {
  constructor(
    private readonly pages: ParticipantPages,
    private readonly figures: CoverageFigures,
    private readonly now: () => Date = () => new Date(),
  ) {}

  @FieldResolver(() => CityCoverage, {
    nullable: true,
    description:
      'Active participants by occupation group and coverage % of the informal workforce on `asOf` (default: today in the city), exact for any past day; null outside your cities or while participants are unavailable.',
  })
  @Directive('@requires(fields: "code timeZone informalWorkforce")')
  coverage(@Root() city: Municipality, @Ctx() ctx: RequestContext, @Arg('asOf', () => LocalDateScalar, { nullable: true }) asOf: string | null): Promise<CityFigures> | null {
    if (city.code === undefined || !ctx.scope.allows(city.code)) return null;
    const day = asOf ?? todayIn(city.timeZone ?? 'Asia/Jakarta', this.now());
    const workforce = city.informalWorkforce ?? null;
    return ctx
      .loader(`coverage:${day}`, (cities: readonly { municipalityId: string; informalWorkforce: number | null }[]) => this.figures.byCity(cities, day))
      .load({ municipalityId: city.id, informalWorkforce: workforce });
  }

  @FieldResolver(() => ParticipantConnection, PAGE_DOC)
  participants(
    @Root() city: Municipality,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ParticipantPage> {
    return pageLoader(ctx, this.pages, 'municipality_id', first, after).load(city.id);
  }
}

@Resolver(() => Mou)
export class MouParticipantsResolver {
  constructor(private readonly pages: ParticipantPages) {}

  @FieldResolver(() => ParticipantConnection, PAGE_DOC)
  participants(
    @Root() mou: Mou,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ParticipantPage> {
    return pageLoader(ctx, this.pages, 'mou_id', first, after).load(mou.id);
  }
}

/** One loader per page shape, so a list of cities asking for the same page is one batch. */
function pageLoader(ctx: RequestContext, pages: ParticipantPages, owner: 'municipality_id' | 'mou_id', first: number, after: string | null) {
  return ctx.loader(`participants:${owner}:${first}:${after ?? ''}`, (ids: readonly string[]) => pages.byOwners(owner, ids, { first, after }, ctx.scope));
}

/** The gateway hands us bare keys of entities we do not own; the key is all we need. */
export const ownerReferences: ReferenceResolvers = {
  // With `coverage` asked for, the gateway sends the fields it requires along with the key.
  Municipality: { __resolveReference: (reference) => ({ ...reference }) },
  Mou: { __resolveReference: (reference) => ({ id: reference.id }) },
};
