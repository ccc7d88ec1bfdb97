import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from 'type-graphql';
import { enumFromList } from '../../../kit/src/graphql-enums.js';
import { RupiahScalar } from '../../../kit/src/scalars.js';

export const PAYOUT_STATUSES = ['PENDING', 'SENT', 'CONFIRMED', 'FAILED', 'RETURNED'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];
export const PayoutStatusEnum = enumFromList(
  PAYOUT_STATUSES,
  'PayoutStatus',
  'PENDING (being sent), SENT (the provider accepted it), CONFIRMED (on the bank statement), FAILED (refused; correct the account), RETURNED.',
);

@ObjectType({ description: 'Where an heir is paid. The account number is masked except for supervisors.' })
export class PayoutAccount {
  @Field(() => ID)
  heirId: string;

  @Field(() => String)
  bankCode: string;

  @Field(() => String)
  accountNumber: string;

  @Field(() => String)
  holderName: string;

  @Field(() => String)
  updatedBy: string;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;
}

@ObjectType({ description: 'One transfer owed to an heir for an instalment, and how far it got.' })
export class HeirPayout {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  heirId: string;

  @Field(() => Int)
  instalment: number;

  @Field(() => RupiahScalar)
  amount: bigint;

  @Field(() => PayoutStatusEnum)
  status: PayoutStatus;

  @Field(() => String, { description: 'Reference on the transfer and the bank statement, e.g. LDG0000000001.' })
  reference: string;

  @Field(() => Int, { description: 'Attempt number; grows when a refused payout is sent again to a corrected account.' })
  attempt: number;

  @Field(() => String, { nullable: true, description: 'http or batch-file.' })
  provider: string | null;

  @Field(() => String, { nullable: true })
  providerReference: string | null;

  @Field(() => String, { nullable: true, description: 'Why the bank refused it: ACCOUNT_CLOSED, ACCOUNT_NOT_FOUND, INVALID_BANK, NAME_MISMATCH, ACCOUNT_MISSING, REFUSED.' })
  failureCode: string | null;

  @Field(() => String, { nullable: true })
  failureMessage: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  sentAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  confirmedAt: Date | null;
}

@ObjectType({ description: 'The bulk-transfer file of one city and value date, as the treasury uploads it to the bank.' })
export class PayoutBatchFile {
  @Field(() => String)
  regionCode: string;

  @Field(() => String)
  valueDate: string;

  @Field(() => Int)
  count: number;

  @Field(() => RupiahScalar)
  total: bigint;

  @Field(() => String, { description: 'CSV: H (header), D (one per transfer) and T (trailer) rows; see the README.' })
  text: string;
}

@InputType()
export class SetPayoutAccountInput {
  @Field(() => ID)
  claimId: string;

  @Field(() => ID, { description: 'The heir; for the heir named on the claim form, the claim’s id.' })
  heirId: string;

  @Field(() => String, { description: '3-digit bank code (002 BRI, 008 Mandiri, 009 BNI, 014 BCA…).' })
  bankCode: string;

  @Field(() => String)
  accountNumber: string;

  @Field(() => String, { description: 'As printed in the savings book.' })
  holderName: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
