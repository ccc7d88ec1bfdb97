import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../kit/src/context.js';
import { requireActor } from '../../../kit/src/context.js';
import { Mou } from '../mou/mou.type.js';
import type { MouService } from '../mou/mou.service.js';
import { CreateMunicipalityInput } from './municipality.inputs.js';
import type { MunicipalityService } from './municipality.service.js';
import { Municipality } from './municipality.type.js';

@Resolver(() => Municipality)
export class MunicipalityResolver {
  constructor(
    private readonly municipalityService: MunicipalityService,
    private readonly mouService: MouService,
  ) {}

  @Query(() => Municipality, { nullable: true, description: 'A city by id.' })
  municipality(@Arg('id', () => ID) id: string): Promise<Municipality | null> {
    return this.municipalityService.findMany([id]).then(([found]) => found ?? null);
  }

  @Query(() => Municipality, { nullable: true, description: 'A city by Kemendagri region code, e.g. "18.72".' })
  municipalityByCode(@Arg('code', () => String) code: string): Promise<Municipality | null> {
    return this.municipalityService.findByCode(code);
  }

  @Query(() => [Municipality], { description: 'All cities, by region code.' })
  municipalities(): Promise<Municipality[]> {
    return this.municipalityService.list();
  }

  @Mutation(() => Municipality, { description: 'Registers a city that will sign an MoU.' })
  createMunicipality(@Arg('input', () => CreateMunicipalityInput) input: CreateMunicipalityInput, @Ctx() ctx: RequestContext): Promise<Municipality> {
    requireActor(ctx);
    return this.municipalityService.create(input);
  }

  @FieldResolver(() => [Mou], { description: 'The city’s MoUs, oldest first.' })
  mous(@Root() municipality: Municipality, @Ctx() ctx: RequestContext): Promise<Mou[]> {
    return ctx.loader('mousByMunicipality', (ids: readonly string[]) => this.mouService.listByMunicipalities(ids)).load(municipality.id);
  }
}
