import type { DataSource } from 'typeorm';
import { DomainError } from '../../../../domain/errors.js';
import { LEDGER_ACCOUNTS, type EntryKind, type LedgerAccount, type Side } from '../../../../domain/ledger/journal.js';
import { checkPageSize } from '../../../../domain/pages.js';
import type { Caller } from '../../../kit/src/context.js';
import type { AccountBalance, JournalEntry, JournalPage, LedgerBalances } from './ledger.type.js';

/** The cities a caller asks about: one they may see, or all of theirs. */
export function regionsFor(caller: Caller, regionCode: string | null | undefined): string[] | null {
  if (regionCode) {
    if (!caller.scope.allows(regionCode)) throw new DomainError('NOT_FOUND', `No city ${regionCode} in your cities.`, 'regionCode');
    return [regionCode];
  }
  return caller.scope.asSqlArray();
}

/** Reads of the fund's journal: entries page by page (keyset on seq) and balances per account. */
export class LedgerService {
  constructor(private readonly dataSource: DataSource) {}

  async journal(caller: Caller, regionCode: string | null, first: number, after: string | null): Promise<JournalPage> {
    checkPageSize(first);
    if (after !== null && !/^\d{1,18}$/.test(after)) throw new DomainError('BAD_USER_INPUT', 'The cursor is not one this journal gave out.', 'after');
    const regions = regionsFor(caller, regionCode);
    const entries = (await this.dataSource.query(
      `SELECT id, seq::text AS seq, kind, memo, region_code, claim_id, payout_id, reverses, posted_by, posted_at FROM claims.journal_entry
        WHERE ($1::text[] IS NULL OR region_code = ANY($1)) AND ($2::bigint IS NULL OR seq > $2) ORDER BY seq LIMIT $3`,
      [regions, after, first + 1],
    )) as {
      id: string;
      seq: string;
      kind: EntryKind;
      memo: string;
      region_code: string;
      claim_id: string | null;
      payout_id: string | null;
      reverses: string | null;
      posted_by: string;
      posted_at: Date;
    }[];
    const page = entries.slice(0, first);
    const lines = page.length
      ? ((await this.dataSource.query(`SELECT entry_id, account, side, amount FROM claims.journal_line WHERE entry_id = ANY($1) ORDER BY id`, [page.map((e) => e.id)])) as {
          entry_id: string;
          account: LedgerAccount;
          side: Side;
          amount: string;
        }[])
      : [];
    const nodes: JournalEntry[] = page.map((e) => ({
      id: e.id,
      seq: e.seq,
      kind: e.kind,
      memo: e.memo,
      regionCode: e.region_code,
      claimId: e.claim_id,
      payoutId: e.payout_id,
      reverses: e.reverses,
      postedBy: e.posted_by,
      postedAt: e.posted_at,
      lines: lines.filter((l) => l.entry_id === e.id).map((l) => ({ account: l.account, side: l.side, amount: BigInt(l.amount) })),
    }));
    return { nodes, endCursor: page.at(-1)?.seq ?? null, hasNextPage: entries.length > first };
  }

  async balances(caller: Caller, regionCode: string | null): Promise<LedgerBalances> {
    const regions = regionsFor(caller, regionCode);
    const rows = (await this.dataSource.query(
      `SELECT l.account, coalesce(sum(l.amount) FILTER (WHERE l.side = 'DEBIT'), 0)::text AS debits, coalesce(sum(l.amount) FILTER (WHERE l.side = 'CREDIT'), 0)::text AS credits
         FROM claims.journal_line l JOIN claims.journal_entry e ON e.id = l.entry_id
        WHERE ($1::text[] IS NULL OR e.region_code = ANY($1)) GROUP BY l.account`,
      [regions],
    )) as { account: LedgerAccount; debits: string; credits: string }[];
    const accounts: AccountBalance[] = LEDGER_ACCOUNTS.map((a) => {
      const row = rows.find((r) => r.account === a.code);
      const debits = BigInt(row?.debits ?? '0');
      const credits = BigInt(row?.credits ?? '0');
      const side: Side = debits >= credits ? 'DEBIT' : 'CREDIT';
      return { account: a.code, number: a.number, name: a.name, debits, credits, balance: side === 'DEBIT' ? debits - credits : credits - debits, side };
    });
    const totalDebits = accounts.reduce((sum, a) => sum + a.debits, 0n);
    const totalCredits = accounts.reduce((sum, a) => sum + a.credits, 0n);
    return { accounts, totalDebits, totalCredits, balanced: totalDebits === totalCredits };
  }
}
