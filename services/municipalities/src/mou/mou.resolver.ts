import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireActor, type RequestContext } from '../../../kit/src/context.js';
import type { MunicipalityService } from '../municipality/municipality.service.js';
import { Municipality } from '../municipality/municipality.type.js';
import { CreateMouInput } from './mou.inputs.js';
import type { MouService } from './mou.service.js';
import { Mou } from './mou.type.js';

@Resolver(() => Mou)
export class MouResolver {
  constructor(
    private readonly mous: MouService,
    private readonly municipalities: MunicipalityService,
  ) {}

  @Query(() => Mou, { nullable: true, description: 'An MoU by id.' })
  mou(@Arg('id', () => ID) id: string): Promise<Mou | null> {
    return this.mous.findMany([id]).then(([found]) => found ?? null);
  }

  @Mutation(() => Mou, { description: 'Records a signed MoU as a DRAFT; it funds coverage once activated.' })
  createMou(@Arg('input', () => CreateMouInput) input: CreateMouInput, @Ctx() ctx: RequestContext): Promise<Mou> {
    return this.mous.create(input, requireActor(ctx));
  }

  @Mutation(() => Mou, { description: 'Activates a DRAFT MoU so its city can enrol workers.' })
  activateMou(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Mou> {
    return this.mous.activate(id, requireActor(ctx));
  }

  @FieldResolver(() => Municipality)
  municipality(@Root() mou: Mou, @Ctx() ctx: RequestContext): Promise<Municipality | null> {
    return ctx.loader('municipalityById', (ids: readonly string[]) => this.municipalities.findMany(ids)).load(mou.municipalityId);
  }
}
