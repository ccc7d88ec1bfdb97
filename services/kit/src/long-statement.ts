import { Context } from '@temporalio/activity';
import type { QueryConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { LONG_STATEMENT_TIMEOUT_MS, withPgClient } from './copy.js';

/** A third of the attempt's heartbeat timeout (two beats may be lost), at most 10 s. */
function heartbeatEveryMs(context: Context): number {
  const timeout = context.info.heartbeatTimeoutMs;
  return Math.max(100, Math.min(10_000, timeout ? timeout / 3 : 10_000));
}

/**
 * Runs one set-based statement that may take minutes (an import's validation over 100,000 rows)
 * from inside a heartbeating activity. While it runs, the activity keeps heartbeating, so Temporal
 * does not time the attempt out and start a second copy of the same statement beside the first
 * (which then waits on the first one's row locks, and so on, until the pool is gone). When the
 * activity is cancelled (the import was cancelled, or the attempt timed out after all), the
 * statement is cancelled in PostgreSQL too instead of running on for nobody.
 * The pool's 15 s client read timeout does not apply (LONG_STATEMENT_TIMEOUT_MS does). Outside an
 * activity (a direct call from a test) it is a plain query with that timeout. Answers the rows.
 */
export async function longStatement<T = unknown[]>(dataSource: DataSource, sql: string, parameters: unknown[] = [], details?: unknown): Promise<T> {
  // query_timeout per query is read by pg but missing from its QueryConfig type.
  const query = { text: sql, values: parameters, query_timeout: LONG_STATEMENT_TIMEOUT_MS } as QueryConfig;
  const context = activityContext();
  return withPgClient(dataSource, async (client) => {
    if (!context) return (await client.query(query)).rows as T;
    const pid = (client as unknown as { processID: number }).processID;
    const cancel = () => void dataSource.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
    context.cancellationSignal.addEventListener('abort', cancel, { once: true });
    const beat = setInterval(() => context.heartbeat(details), heartbeatEveryMs(context));
    try {
      return (await client.query(query)).rows as T;
    } finally {
      clearInterval(beat);
      context.cancellationSignal.removeEventListener('abort', cancel);
    }
  });
}

function activityContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}
