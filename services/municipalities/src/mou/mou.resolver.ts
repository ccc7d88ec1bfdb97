import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { budgetTotal, type TermsVersion } from '../../../../domain/mou/mou-terms.js';
import type { RequestContext } from '../../../kit/src/context.js';
import { LocalDateScalar } from '../../../kit/src/scalars.js';
import { municipalityLoader } from '../municipality/municipality.reference.js';
import type { MunicipalityService } from '../municipality/municipality.service.js';
import { Municipality } from '../municipality/municipality.type.js';
import type { MouEntity } from './mou.entity.js';
import { CreateMouInput, MouAddendumInput, RenewMouInput, SignMouInput, TerminateMouInput } from './mou.inputs.js';
import { mouLoader } from './mou.reference.js';
import type { MouService } from './mou.service.js';
import { Mou, MouSignature, MouTerms } from './mou.type.js';
import { RupiahScalar } from '../../../kit/src/scalars.js';

const asTerms = (v: TermsVersion): MouTerms => ({ ...v, groups: [...v.groups], budgetLines: [...v.budgetLines], budget: budgetTotal(v.budgetLines) });

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

  @Authorized('manager', 'admin')
  @Mutation(() => Mou, { description: 'Records an MoU as a DRAFT with its original terms; both parties then sign it.' })
  createMou(@Arg('input', () => CreateMouInput) input: CreateMouInput, @Ctx() ctx: RequestContext): Promise<Mou> {
    return this.mous.create(input, ctx);
  }

  @Authorized('manager', 'admin')
  @Mutation(() => Mou, { description: 'Records one party’s signature (each party once, in any order). The second makes it SIGNED, or ACTIVE within its term.' })
  signMou(@Arg('input', () => SignMouInput) input: SignMouInput, @Ctx() ctx: RequestContext): Promise<Mou> {
    return this.mous.sign(input, ctx);
  }

  @Authorized('manager', 'admin')
  @Mutation(() => Mou, { description: 'Records an addendum changing quota, budget or term from its effective date; earlier terms stay readable.' })
  addMouAddendum(@Arg('input', () => MouAddendumInput) input: MouAddendumInput, @Ctx() ctx: RequestContext): Promise<Mou> {
    return this.mous.amend(input, ctx);
  }

  @Authorized('manager', 'admin')
  @Mutation(() => Mou, { description: 'Renews an MoU in force: returns the successor DRAFT, pre-filled from its terms and use. The MoU stays in force until validTo.' })
  renewMou(@Arg('input', () => RenewMouInput) input: RenewMouInput, @Ctx() ctx: RequestContext): Promise<Mou> {
    return this.mous.renew(input, ctx);
  }

  @Authorized('manager', 'admin')
  @Mutation(() => Mou, { description: 'Ends an MoU early, with a reason; its participants are covered through today only.' })
  terminateMou(@Arg('input', () => TerminateMouInput) input: TerminateMouInput, @Ctx() ctx: RequestContext): Promise<Mou> {
    return this.mous.terminate(input, ctx);
  }

  @FieldResolver(() => Municipality)
  municipality(@Root() mou: Mou, @Ctx() ctx: RequestContext): Promise<Municipality | null> {
    return municipalityLoader(ctx, this.municipalities).load(mou.municipalityId);
  }

  @FieldResolver(() => [MouTerms], { description: 'Every version of the terms: the original, then each addendum.' })
  async termsHistory(@Root() mou: Mou, @Ctx() ctx: RequestContext): Promise<MouTerms[]> {
    return (await this.history(ctx).load(mou.id)).map(asTerms);
  }

  @FieldResolver(() => MouTerms, { nullable: true, description: 'What the MoU said on a date (null before its term).' })
  async termsAsOf(@Root() mou: Mou, @Arg('date', () => LocalDateScalar) date: string): Promise<MouTerms | null> {
    const found = await this.mous.termsAsOf(mou as MouEntity, date);
    return found ? asTerms(found) : null;
  }

  @FieldResolver(() => MouTerms, { description: 'The terms in force today in the city (before the term: the original ones).' })
  async terms(@Root() mou: Mou, @Ctx() ctx: RequestContext): Promise<MouTerms> {
    return asTerms(await this.current(ctx).load(mou as MouEntity));
  }

  @FieldResolver(() => Int, { description: 'Places at once, as the terms in force today say.' })
  async quota(@Root() mou: Mou, @Ctx() ctx: RequestContext): Promise<number> {
    return (await this.current(ctx).load(mou as MouEntity)).quota;
  }

  @FieldResolver(() => RupiahScalar, { description: 'Budget over the whole term (sum of the fiscal-year lines in force today).' })
  async budget(@Root() mou: Mou, @Ctx() ctx: RequestContext): Promise<bigint> {
    return budgetTotal((await this.current(ctx).load(mou as MouEntity)).budgetLines);
  }

  @FieldResolver(() => [MouSignature])
  signatures(@Root() mou: Mou, @Ctx() ctx: RequestContext): Promise<MouSignature[]> {
    return ctx.loader('mouSignatures', (ids: readonly string[]) => this.mous.signatures(ids)).load(mou.id);
  }

  private history(ctx: RequestContext) {
    return ctx.loader('mouTermsHistory', (ids: readonly string[]) => this.mous.termsHistory(ids));
  }

  private current(ctx: RequestContext) {
    return ctx.loader('mouCurrentTerms', (mous: readonly MouEntity[]) => this.mous.currentTerms(mous));
  }
}
