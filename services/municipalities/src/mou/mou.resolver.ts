import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../kit/src/context.js';
import { municipalityLoader } from '../municipality/municipality.reference.js';
import { mouLoader } from './mou.reference.js';
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

  @Authorized()
  @Query(() => Mou, { nullable: true, description: 'An MoU by id (null outside your cities).' })
  mou(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Mou | null> {
    return mouLoader(ctx, this.mous).load(id);
  }

  @Authorized('admin')
  @Mutation(() => Mou, { description: 'Records a signed MoU as a DRAFT; it funds coverage once activated.' })
  createMou(@Arg('input', () => CreateMouInput) input: CreateMouInput, @Ctx() ctx: RequestContext): Promise<Mou> {
    return this.mous.create(input, ctx);
  }

  @Authorized('admin')
  @Mutation(() => Mou, { description: 'Activates a DRAFT MoU so its city can enrol workers.' })
  activateMou(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Mou> {
    return this.mous.activate(id, ctx);
  }

  @FieldResolver(() => Municipality)
  municipality(@Root() mou: Mou, @Ctx() ctx: RequestContext): Promise<Municipality | null> {
    return municipalityLoader(ctx, this.municipalities).load(mou.municipalityId);
  }
}
