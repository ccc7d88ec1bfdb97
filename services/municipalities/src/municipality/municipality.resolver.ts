import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../kit/src/context.js';
import { Mou } from '../mou/mou.type.js';
import type { MouService } from '../mou/mou.service.js';
import { CreateMunicipalityInput, UpdateMunicipalityInput } from './municipality.inputs.js';
import { municipalityLoader } from './municipality.reference.js';
import type { MunicipalityService } from './municipality.service.js';
import { Municipality } from './municipality.type.js';

@Resolver(() => Municipality)
export class MunicipalityResolver {
  constructor(
    private readonly municipalityService: MunicipalityService,
    private readonly mouService: MouService,
  ) {}

  @Authorized()
  @Query(() => Municipality, { nullable: true, description: 'A city by id (null outside your cities).' })
  municipality(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Municipality | null> {
    return municipalityLoader(ctx, this.municipalityService).load(id);
  }

  @Authorized()
  @Query(() => Municipality, { nullable: true, description: 'A city by Kemendagri region code, e.g. "18.72".' })
  municipalityByCode(@Arg('code', () => String) code: string, @Ctx() ctx: RequestContext): Promise<Municipality | null> {
    return this.municipalityService.findByCode(code, ctx.scope);
  }

  @Authorized()
  @Query(() => [Municipality], { description: 'The cities you may see, by region code.' })
  municipalities(@Ctx() ctx: RequestContext): Promise<Municipality[]> {
    return this.municipalityService.list(ctx.scope);
  }

  @Authorized('admin')
  @Mutation(() => Municipality, { description: 'Registers a city that will sign an MoU.' })
  createMunicipality(@Arg('input', () => CreateMunicipalityInput) input: CreateMunicipalityInput, @Ctx() ctx: RequestContext): Promise<Municipality> {
    return this.municipalityService.create(input, ctx);
  }

  @Authorized('manager', 'admin')
  @Mutation(() => Municipality, { description: 'Edits a city: name, province, time zone, informal workforce (with its year and source).' })
  updateMunicipality(@Arg('input', () => UpdateMunicipalityInput) input: UpdateMunicipalityInput, @Ctx() ctx: RequestContext): Promise<Municipality> {
    return this.municipalityService.update(input, ctx);
  }

  @FieldResolver(() => [Mou], { description: 'The city’s MoUs, oldest first.' })
  mous(@Root() municipality: Municipality, @Ctx() ctx: RequestContext): Promise<Mou[]> {
    return ctx.loader('mousByMunicipality', (ids: readonly string[]) => this.mouService.listByMunicipalities(ids, ctx.scope)).load(municipality.id);
  }
}
