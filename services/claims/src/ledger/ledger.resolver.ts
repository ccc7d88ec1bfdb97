import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../kit/src/context.js';
import type { LedgerService } from './ledger.service.js';
import { BankStatementReconciliation, JournalPage, LedgerBalances, ReconcileBankStatementInput } from './ledger.type.js';
import type { ReconciliationService } from './reconciliation.service.js';

@Resolver()
export class LedgerResolver {
  constructor(
    private readonly ledger: LedgerService,
    private readonly reconciliation: ReconciliationService,
  ) {}

  @Authorized('supervisor', 'manager', 'admin')
  @Query(() => JournalPage, { description: 'The fund’s journal in posting order, for one of your cities or all of them.' })
  journal(
    @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<JournalPage> {
    return this.ledger.journal(ctx, regionCode ?? null, first, after ?? null);
  }

  @Authorized('supervisor', 'manager', 'admin')
  @Query(() => LedgerBalances, { description: 'Balance per ledger account, for one of your cities or all of them.' })
  ledgerBalances(@Arg('regionCode', () => String, { nullable: true }) regionCode: string | null, @Ctx() ctx: RequestContext): Promise<LedgerBalances> {
    return this.ledger.balances(ctx, regionCode ?? null);
  }

  @Authorized('supervisor', 'manager', 'admin')
  @Mutation(() => BankStatementReconciliation, {
    description:
      'Reconciles a bank statement file (sent as text, up to 60,000 characters) against the payouts sent: MISSING, DUPLICATED, WRONG_AMOUNT and UNKNOWN lines are flagged and stored.',
  })
  reconcileBankStatement(@Arg('input', () => ReconcileBankStatementInput) input: ReconcileBankStatementInput, @Ctx() ctx: RequestContext): Promise<BankStatementReconciliation> {
    return this.reconciliation.reconcile(ctx, input.regionCode, input.statement);
  }

  @Authorized('supervisor', 'manager', 'admin')
  @Query(() => BankStatementReconciliation, { nullable: true, description: 'A stored reconciliation (null outside your cities).' })
  bankReconciliation(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<BankStatementReconciliation | null> {
    return this.reconciliation.find(ctx, id);
  }

  @Authorized('supervisor', 'manager', 'admin')
  @Query(() => [BankStatementReconciliation], { description: 'Reconciliations, latest first.' })
  bankReconciliations(
    @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<BankStatementReconciliation[]> {
    return this.reconciliation.list(ctx, regionCode ?? null, first);
  }
}
