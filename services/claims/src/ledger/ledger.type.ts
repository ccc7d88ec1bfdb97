import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ENTRY_KINDS, LEDGER_ACCOUNT_CODES, type EntryKind, type LedgerAccount, type Side } from '../../../../domain/ledger/journal.js';
import { RECONCILIATION_OUTCOMES, type ReconciliationOutcome } from '../../../../domain/ledger/reconciliation.js';
import { enumFromList } from '../../../kit/src/graphql-enums.js';
import { RupiahScalar } from '../../../kit/src/scalars.js';

export const LedgerAccountEnum = enumFromList(LEDGER_ACCOUNT_CODES, 'LedgerAccount', 'An account of the fund’s journal.');
export const EntrySideEnum = enumFromList(['DEBIT', 'CREDIT'] as const, 'EntrySide', 'Debit or credit.');
export const JournalEntryKindEnum = enumFromList(ENTRY_KINDS, 'JournalEntryKind', 'The event an entry records.');
export const ReconciliationOutcomeEnum = enumFromList(RECONCILIATION_OUTCOMES, 'ReconciliationOutcome', 'What reconciliation found for a statement line or a sent payout.');

@ObjectType()
export class JournalLine {
  @Field(() => LedgerAccountEnum)
  account: LedgerAccount;

  @Field(() => EntrySideEnum)
  side: Side;

  @Field(() => RupiahScalar)
  amount: bigint;
}

@ObjectType({ description: 'One journal entry: debits equal credits; never edited, undone only by a reversal.' })
export class JournalEntry {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'Position in the journal (increasing).' })
  seq: string;

  @Field(() => JournalEntryKindEnum)
  kind: EntryKind;

  @Field(() => String)
  memo: string;

  @Field(() => String)
  regionCode: string;

  @Field(() => ID, { nullable: true })
  claimId: string | null;

  @Field(() => ID, { nullable: true })
  payoutId: string | null;

  @Field(() => ID, { nullable: true, description: 'The entry this one reverses.' })
  reverses: string | null;

  @Field(() => String)
  postedBy: string;

  @Field(() => GraphQLISODateTime)
  postedAt: Date;

  @Field(() => [JournalLine])
  lines: JournalLine[];
}

@ObjectType()
export class JournalPage {
  @Field(() => [JournalEntry])
  nodes: JournalEntry[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor: string | null;

  @Field(() => Boolean)
  hasNextPage: boolean;
}

@ObjectType()
export class AccountBalance {
  @Field(() => LedgerAccountEnum)
  account: LedgerAccount;

  @Field(() => String, { description: 'Chart-of-accounts number.' })
  number: string;

  @Field(() => String)
  name: string;

  @Field(() => RupiahScalar)
  debits: bigint;

  @Field(() => RupiahScalar)
  credits: bigint;

  @Field(() => RupiahScalar, { description: 'The difference, on the side named by `side`.' })
  balance: bigint;

  @Field(() => EntrySideEnum)
  side: Side;
}

@ObjectType({ description: 'Balances per account; over the whole journal debits and credits are equal.' })
export class LedgerBalances {
  @Field(() => [AccountBalance])
  accounts: AccountBalance[];

  @Field(() => RupiahScalar)
  totalDebits: bigint;

  @Field(() => RupiahScalar)
  totalCredits: bigint;

  @Field(() => Boolean, { description: 'Total debits equal total credits (the balances sum to zero).' })
  balanced: boolean;
}

@ObjectType()
export class ReconciliationItem {
  @Field(() => ReconciliationOutcomeEnum)
  outcome: ReconciliationOutcome;

  @Field(() => Int, { nullable: true, description: 'Line of the statement file (the header is line 1); null for MISSING.' })
  line: number | null;

  @Field(() => String, { nullable: true })
  reference: string | null;

  @Field(() => ID, { nullable: true })
  payoutId: string | null;

  @Field(() => RupiahScalar, { nullable: true, description: 'What we sent.' })
  expected: bigint | null;

  @Field(() => RupiahScalar, { nullable: true, description: 'What the statement shows.' })
  actual: bigint | null;
}

@ObjectType()
export class ReconciliationCounts {
  @Field(() => Int) MATCHED: number;
  @Field(() => Int) MISSING: number;
  @Field(() => Int) DUPLICATED: number;
  @Field(() => Int) WRONG_AMOUNT: number;
  @Field(() => Int) UNKNOWN: number;
}

@ObjectType({ description: 'A bank statement of the fund’s account, reconciled against the payouts sent.' })
export class BankStatementReconciliation {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  regionCode: string;

  @Field(() => Int, { description: 'Statement lines read.' })
  lineCount: number;

  @Field(() => ReconciliationCounts)
  counts: ReconciliationCounts;

  @Field(() => String)
  uploadedBy: string;

  @Field(() => GraphQLISODateTime)
  uploadedAt: Date;

  @Field(() => [ReconciliationItem], { description: 'Every finding, MATCHED included, in statement order, then MISSING.' })
  items: ReconciliationItem[];
}

@InputType()
export class ReconcileBankStatementInput {
  @Field(() => String, { description: 'The city (Kemendagri code) whose fund account the statement is of.' })
  regionCode: string;

  @Field(() => String, { description: 'The statement file as text (CSV: posting_date,reference,description,debit,credit), up to 60,000 characters.' })
  statement: string;
}
