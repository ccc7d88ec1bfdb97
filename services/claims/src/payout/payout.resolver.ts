import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../kit/src/context.js';
import { LocalDateScalar } from '../../../kit/src/scalars.js';
import type { ClaimEntity } from '../claim/claim.entity.js';
import { Claim } from '../claim/claim.type.js';
import type { HeirPayoutService } from './heir-payout.service.js';
import { HeirPayout, PayoutAccount, PayoutBatchFile, SetPayoutAccountInput } from './payout.type.js';

/** Payout fields on Claim, the account mutation and the treasury's batch file. */
@Resolver(() => Claim)
export class ClaimPayoutResolver {
  constructor(private readonly payouts: HeirPayoutService) {}

  @Authorized('caseworker', 'supervisor')
  @Mutation(() => Claim, { description: 'Enters or corrects an heir’s bank account (from the savings book); a payout the bank refused (PAYOUT_FAILED) is then sent again.' })
  setPayoutAccount(@Arg('input', () => SetPayoutAccountInput) input: SetPayoutAccountInput, @Ctx() ctx: RequestContext): Promise<ClaimEntity> {
    return this.payouts.setAccount(input, ctx);
  }

  @Authorized('supervisor', 'manager', 'admin')
  @Query(() => PayoutBatchFile, { description: 'The bulk-transfer file of a city for a value date (batch-file provider).' })
  payoutBatchFile(
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('valueDate', () => LocalDateScalar) valueDate: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PayoutBatchFile> {
    return this.payouts.batchFile(ctx, regionCode, valueDate);
  }

  @FieldResolver(() => [HeirPayout], { description: 'Every transfer owed for this claim, per heir and instalment, with its status (refused ones included).' })
  heirPayouts(@Root() claim: ClaimEntity, @Ctx() ctx: RequestContext): Promise<HeirPayout[]> {
    return ctx.loader('heirPayoutsByClaim', (ids: readonly string[]) => this.payouts.payoutsFor(ids)).load(claim.id);
  }

  @Authorized('caseworker', 'supervisor', 'manager', 'admin')
  @FieldResolver(() => [PayoutAccount], { description: 'The heirs’ bank accounts on file (masked except for supervisors).' })
  payoutAccounts(@Root() claim: ClaimEntity, @Ctx() ctx: RequestContext): Promise<PayoutAccount[]> {
    return ctx.loader('payoutAccountsByClaim', (ids: readonly string[]) => this.payouts.accountsFor(ids, ctx)).load(claim.id);
  }
}
