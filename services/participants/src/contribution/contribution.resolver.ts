import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { terbilang } from '../../../../domain/contributions/terbilang.js';
import type { RequestContext } from '../../../kit/src/context.js';
import type { BillingRunOutcome } from '../../../../workflows/billing/billing.messages.js';
import { LocalDateScalar } from '../../../kit/src/scalars.js';
import type { FiguresService } from './figures.service.js';
import { IssueCreditNoteInput, RecordContributionPaymentInput } from './contribution.inputs.js';
import { BillingRunResult, ContributionFigures, ContributionInvoice, ContributionInvoiceConnection, ContributionPayment, InvoiceGroupTotal } from './contribution.type.js';
import type { GroupTotal, InvoicePage, InvoiceRow, InvoiceService } from './invoice.service.js';
import type { PaymentService, RecordedPayment } from './payment.service.js';

@Resolver(() => ContributionInvoice)
export class ContributionResolver {
  constructor(
    private readonly invoices: InvoiceService,
    private readonly payments: PaymentService,
    private readonly figuresService: FiguresService,
  ) {}

  @Authorized()
  @Query(() => ContributionInvoice, { nullable: true, description: 'An invoice or credit note by id (null outside your cities).' })
  contributionInvoice(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<InvoiceRow | null> {
    return this.invoices.find(id, ctx);
  }

  @Authorized()
  @Query(() => ContributionInvoiceConnection, { description: 'An MoU’s invoices and credit notes, newest month first, in keyset pages (pass pageInfo.endCursor as `after`).' })
  contributionInvoices(
    @Arg('mouId', () => ID) mouId: string,
    @Arg('first', () => Int, { defaultValue: 24 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<InvoicePage> {
    return this.invoices.listForMou(mouId, { first, after }, ctx);
  }

  @Authorized('city_operator', 'manager', 'admin')
  @Query(() => ContributionFigures, { description: 'Billed, paid, outstanding and budget use for one MoU or one city and fiscal year, as of a date.' })
  contributionFigures(
    @Arg('fiscalYear', () => Int) fiscalYear: number,
    @Arg('asOf', () => LocalDateScalar) asOf: string,
    @Arg('mouId', () => ID, { nullable: true }) mouId: string | null,
    @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ContributionFigures> {
    return this.figuresService.figures({ mouId, regionCode, fiscalYear, asOf }, ctx);
  }

  @Authorized('city_operator', 'admin')
  @Mutation(() => ContributionPayment, { description: 'Records a city’s payment; allocated to the MoU’s oldest open invoice lines, the rest kept as credit.' })
  recordContributionPayment(@Arg('input', () => RecordContributionPaymentInput) input: RecordContributionPaymentInput, @Ctx() ctx: RequestContext): Promise<RecordedPayment> {
    return this.payments.record(input, ctx);
  }

  @Authorized('manager', 'admin')
  @Mutation(() => ContributionInvoice, { description: 'Issues a credit note: the only correction of an issued invoice.' })
  issueCreditNote(@Arg('input', () => IssueCreditNoteInput) input: IssueCreditNoteInput, @Ctx() ctx: RequestContext): Promise<InvoiceRow> {
    return this.invoices.issueCreditNote(input, ctx);
  }

  @Authorized('admin')
  @Mutation(() => BillingRunResult, { description: 'Bills one MoU for one month that has begun (workflow billing/<mouId>/<YYYY-MM>); a month billed already returns its invoice.' })
  runBilling(@Arg('mouId', () => ID) mouId: string, @Arg('month', () => String) month: string, @Ctx() ctx: RequestContext): Promise<BillingRunOutcome> {
    return this.invoices.runBilling(mouId, month, ctx);
  }

  @FieldResolver(() => [InvoiceGroupTotal])
  totalsByGroup(@Root() invoice: InvoiceRow): Promise<GroupTotal[]> {
    return this.invoices.totalsByGroup(invoice.id);
  }

  @FieldResolver(() => String, { description: 'The total in Indonesian words (terbilang).' })
  amountInWords(@Root() invoice: InvoiceRow): string {
    return invoice.total < 0n ? `minus ${terbilang(-invoice.total)}` : terbilang(invoice.total);
  }

  @FieldResolver(() => String, { description: 'Gateway path of the PDF (GET with the same bearer token).' })
  pdfPath(@Root() invoice: InvoiceRow): string {
    return `/documents/invoices/${invoice.id}.pdf`;
  }

  @FieldResolver(() => String, { description: 'Gateway path of the participant list as CSV.' })
  csvPath(@Root() invoice: InvoiceRow): string {
    return `/documents/invoices/${invoice.id}.csv`;
  }
}
