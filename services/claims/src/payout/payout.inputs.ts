import { NOTE_RULE } from '../../../../domain/text.js';
import type { TextRules } from '../../../kit/src/input-check.js';

/** Text limits of the payout and ledger inputs (others: 200 characters, one line). */
export const PAYOUT_TEXT_RULES: TextRules = {
  'SetPayoutAccountInput.bankCode': { maxLength: 3 },
  'SetPayoutAccountInput.accountNumber': { maxLength: 40 },
  'SetPayoutAccountInput.holderName': { maxLength: 70 },
  'SetPayoutAccountInput.note': NOTE_RULE,
  'ReconcileBankStatementInput.regionCode': { maxLength: 10 },
  'ReconcileBankStatementInput.statement': { maxLength: 60_000, multiline: true },
  'Query.journal(after:)': { maxLength: 20 },
};
