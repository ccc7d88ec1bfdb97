import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar, RupiahScalar } from '../../../kit/src/scalars.js';
import { PageInfo } from '../participant/participant.type.js';

@ObjectType({ description: 'What one occupation group adds up to on an invoice.' })
export class InvoiceGroupTotal {
  @Field(() => String)
  group: string;

  @Field(() => Int)
  lines: number;

  @Field(() => RupiahScalar)
  amount: bigint;
}

@ObjectType({ description: 'A monthly contribution invoice of one MoU (or a credit note correcting one). Immutable once issued.' })
export class ContributionInvoice {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'INVOICE or CREDIT_NOTE.' })
  kind: string;

  @Field(() => String, { description: 'INV/1872/2026/000042 or CN/1872/2026/000001.' })
  number: string;

  @Field(() => ID)
  mouId: string;

  @Field(() => String)
  mouNumber: string;

  @Field(() => ID)
  municipalityId: string;

  @Field(() => String)
  regionCode: string;

  @Field(() => String)
  cityName: string;

  @Field(() => String, { description: 'The billing month, YYYY-MM.' })
  month: string;

  @Field(() => LocalDateScalar)
  issuedOn: string;

  @Field(() => LocalDateScalar)
  dueOn: string;

  @Field(() => RupiahScalar, { description: 'Negative on a credit note.' })
  total: bigint;

  @Field(() => Int)
  lineCount: number;

  @Field(() => RupiahScalar)
  paid: bigint;

  @Field(() => RupiahScalar)
  credited: bigint;

  @Field(() => ID, { nullable: true, description: 'The invoice a credit note corrects.' })
  correctsInvoiceId: string | null;

  @Field(() => String, { nullable: true })
  reason: string | null;
}

@ObjectType({ description: 'A page of an MoU’s invoices and credit notes, newest month first.' })
export class ContributionInvoiceConnection {
  @Field(() => [ContributionInvoice])
  nodes: ContributionInvoice[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType({ description: 'A recorded payment and where it went.' })
export class ContributionPayment {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  mouId: string;

  @Field(() => ID)
  invoiceId: string;

  @Field(() => RupiahScalar)
  amount: bigint;

  @Field(() => LocalDateScalar)
  paidOn: string;

  @Field(() => String)
  reference: string;

  @Field(() => RupiahScalar, { description: 'Settled invoice lines, oldest first.' })
  allocated: bigint;

  @Field(() => RupiahScalar, { description: 'Left as credit on the MoU’s account (over- or prepayment); it settles the next invoices.' })
  unallocated: bigint;

  @Field(() => RupiahScalar, { description: 'What the MoU still owes on its invoices after this payment (an under-payment leaves this above 0).' })
  accountOutstanding: bigint;

  @Field(() => Int, { description: 'Enrolments whose arrears this payment settled: ACTIVE again.' })
  reactivated: number;
}

@ObjectType({ description: 'One billing run (MoU and month).' })
export class BillingRunResult {
  @Field(() => ID)
  mouId: string;

  @Field(() => String)
  month: string;

  @Field(() => ID)
  invoiceId: string;

  @Field(() => String)
  invoiceNumber: string;

  @Field(() => RupiahScalar)
  total: string;

  @Field(() => Int)
  lines: number;

  @Field(() => Boolean, { description: 'False when the month had been invoiced already (by an earlier run, or by the run this call joined).' })
  issued: boolean;

  @Field(() => RupiahScalar)
  creditApplied: string;

  @Field(() => Int)
  inactivated: number;

  @Field(() => Int)
  reactivated: number;
}

@ObjectType({ description: 'Billed, paid and outstanding for a fiscal year as of a date, against the budget line.' })
export class ContributionFigures {
  @Field(() => Int)
  fiscalYear: number;

  @Field(() => LocalDateScalar)
  asOf: string;

  @Field(() => Int)
  invoices: number;

  @Field(() => RupiahScalar, { description: 'Invoiced less credit notes.' })
  billed: bigint;

  @Field(() => RupiahScalar)
  credited: bigint;

  @Field(() => RupiahScalar, { description: 'Payments allocated to this year’s invoices.' })
  paid: bigint;

  @Field(() => RupiahScalar)
  outstanding: bigint;

  @Field(() => RupiahScalar, { description: 'Payments not yet allocated (credit on the account, any year).' })
  accountCredit: bigint;

  @Field(() => RupiahScalar)
  budget: bigint;

  @Field(() => Int, { description: 'billed ÷ budget in basis points (10000 = 100%).' })
  billedBasisPoints: number;

  @Field(() => Int)
  paidBasisPoints: number;

  @Field(() => RupiahScalar, { description: 'The latest invoiced month’s amount: the projection’s monthly burn.' })
  monthlyBurn: bigint;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day the budget is used up at that burn; null if it lasts the year.' })
  projectedRunOut: string | null;
}
