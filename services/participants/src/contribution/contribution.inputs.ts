import { Field, ID, InputType } from 'type-graphql';
import type { TextRules } from '../../../kit/src/input-check.js';
import { LocalDateScalar, RupiahScalar } from '../../../kit/src/scalars.js';

@InputType({ description: 'A transfer from the city (BPKAD) for its contributions.' })
export class RecordContributionPaymentInput {
  @Field(() => ID, { description: 'An invoice of the MoU paid for; the payment settles the MoU’s oldest open lines first.' })
  invoiceId: string;

  @Field(() => RupiahScalar)
  amount: bigint;

  @Field(() => LocalDateScalar, { description: 'The day the money was paid (the city’s local date).' })
  paidOn: string;

  @Field(() => String, { description: 'The city’s payment reference (SP2D or transfer number); one per MoU.' })
  reference: string;
}

@InputType({ description: 'Corrects an issued invoice: credits what is still owed on some participants’ lines.' })
export class IssueCreditNoteInput {
  @Field(() => ID)
  invoiceId: string;

  @Field(() => [ID])
  participantIds: string[];

  @Field(() => String)
  reason: string;
}

export const CONTRIBUTION_TEXT_RULES: TextRules = {
  'RecordContributionPaymentInput.reference': { maxLength: 100 },
  'IssueCreditNoteInput.reason': { maxLength: 500, multiline: true },
  'Query.contributionFigures(regionCode:)': { maxLength: 5 },
  'Mutation.runBilling(month:)': { maxLength: 7 },
};
