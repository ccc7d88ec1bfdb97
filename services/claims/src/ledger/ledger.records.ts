import type { EntityManager } from 'typeorm';
import type { JournalEntryDraft } from '../../../../domain/ledger/journal.js';

export interface PostingContext {
  regionCode: string;
  claimId?: string | null;
  payoutId?: string | null;
  reverses?: string | null;
  postedBy: string;
}

/**
 * Appends one journal entry with its lines in the caller's transaction. The entry's event key is
 * unique, so posting the same event again (an activity retried) adds nothing; the database checks
 * at commit that the lines balance (claims.check_entry_balanced). A payout's entry names its
 * claim too, so the journal shows every entry of a claim. Returns the entry id, or null when the
 * event was already posted.
 */
export async function postEntry(tx: EntityManager, draft: JournalEntryDraft, context: PostingContext): Promise<string | null> {
  const [inserted] = (await tx.query(
    `INSERT INTO claims.journal_entry (kind, event_key, memo, region_code, claim_id, payout_id, reverses, posted_by)
     VALUES ($1, $2, $3, $4, coalesce($5::uuid, (SELECT claim_id FROM claims.payout WHERE id = $6::uuid)), $6, $7, $8) ON CONFLICT (event_key) DO NOTHING RETURNING id`,
    [draft.kind, draft.eventKey, draft.memo, context.regionCode, context.claimId ?? null, context.payoutId ?? null, context.reverses ?? null, context.postedBy],
  )) as { id: string }[];
  if (!inserted) return null;
  await tx.query(
    `INSERT INTO claims.journal_line (entry_id, account, side, amount)
     SELECT $1, account, side, amount FROM unnest($2::text[], $3::text[], $4::bigint[]) AS l(account, side, amount)`,
    [inserted.id, draft.lines.map((l) => l.account), draft.lines.map((l) => l.side), draft.lines.map((l) => l.amount.toString())],
  );
  return inserted.id;
}
