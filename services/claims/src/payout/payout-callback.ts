import type { DataSource } from 'typeorm';
import { systemActor } from '../../../../domain/access.js';
import { reversalOf, type JournalLine } from '../../../../domain/ledger/journal.js';
import { recordAudit } from '../../../kit/src/audit.js';
import type { HttpCallbacks } from '../../../kit/src/http-server.js';
import { postEntry } from '../ledger/ledger.records.js';
import { SIGNATURE_HEADER, verifyCallback } from './callback-signature.js';

/** The path the claims service receives provider callbacks on (LINDUNG_PAYOUT_CALLBACK_URL points here). */
export const CALLBACK_PATH = '/payout-callbacks';

/**
 * Signed status callbacks of the HTTP provider. COMPLETED is recorded in the audit log (the
 * transfer stays SENT until the bank statement confirms it); FAILED after acceptance (the bank
 * returned the money) marks the payout RETURNED and reverses its PAYOUT_SENT entry. Unsigned or
 * stale callbacks are refused with 401; callbacks for unknown keys are acknowledged and ignored.
 */
export function payoutCallbackRoutes(dataSource: DataSource, secret: string): HttpCallbacks {
  return {
    [CALLBACK_PATH]: async (body, headers) => {
      const signature = headers[SIGNATURE_HEADER];
      if (!verifyCallback(secret, body, typeof signature === 'string' ? signature : undefined)) return { status: 401, body: '{"error":"bad signature"}' };
      let event: { idempotencyKey?: unknown; status?: unknown };
      try {
        event = JSON.parse(body) as typeof event;
      } catch {
        return { status: 400, body: '{"error":"not JSON"}' };
      }
      if (typeof event.idempotencyKey !== 'string' || (event.status !== 'COMPLETED' && event.status !== 'FAILED')) return { status: 400, body: '{"error":"unknown event"}' };
      await applyCallback(dataSource, event.idempotencyKey, event.status);
      return { status: 200, body: '{"ok":true}' };
    },
  };
}

async function applyCallback(dataSource: DataSource, idempotencyKey: string, status: 'COMPLETED' | 'FAILED'): Promise<void> {
  await dataSource.transaction(async (tx) => {
    const [payout] = (await tx.query(`SELECT id, status, region_code FROM claims.payout WHERE idempotency_key = $1 FOR UPDATE`, [idempotencyKey])) as {
      id: string;
      status: string;
      region_code: string;
    }[];
    if (!payout) return;
    if (status === 'FAILED' && payout.status === 'SENT') {
      await tx.query(`UPDATE claims.payout SET status = 'RETURNED' WHERE id = $1`, [payout.id]);
      const [sent] = (await tx.query(`SELECT id, memo FROM claims.journal_entry WHERE event_key = $1`, [`sent:${payout.id}`])) as { id: string; memo: string }[];
      if (sent) {
        const lines = (await tx.query(`SELECT account, side, amount FROM claims.journal_line WHERE entry_id = $1`, [sent.id])) as {
          account: JournalLine['account'];
          side: JournalLine['side'];
          amount: string;
        }[];
        const reversal = reversalOf({ id: sent.id, memo: sent.memo, lines: lines.map((l) => ({ ...l, amount: BigInt(l.amount) })) }, 'returned by the bank');
        await postEntry(tx, reversal, { regionCode: payout.region_code, payoutId: payout.id, reverses: sent.id, postedBy: 'system:payouts' });
      }
    }
    await recordAudit(tx, 'claims', {
      actor: systemActor('system:payment-provider'),
      action: `payout.callback.${status.toLowerCase()}`,
      entityType: 'Payout',
      entityId: payout.id,
      regionCode: payout.region_code,
      before: { status: payout.status },
      after: { status: status === 'FAILED' && payout.status === 'SENT' ? 'RETURNED' : payout.status },
    });
  });
}
