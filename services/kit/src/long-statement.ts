import { Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';

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
 * Outside an activity (a direct call from a test) it is a plain query.
 */
export async function longStatement<T = unknown>(dataSource: DataSource, sql: string, parameters: unknown[] = [], details?: unknown): Promise<T> {
  const context = activityContext();
  if (!context) return (await dataSource.query(sql, parameters)) as T;
  const runner = dataSource.createQueryRunner();
  try {
    const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
    const cancel = () => void dataSource.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
    context.cancellationSignal.addEventListener('abort', cancel, { once: true });
    const beat = setInterval(() => context.heartbeat(details), heartbeatEveryMs(context));
    try {
      return (await runner.query(sql, parameters)) as T;
    } finally {
      clearInterval(beat);
      context.cancellationSignal.removeEventListener('abort', cancel);
    }
  } finally {
    await runner.release();
  }
}

function activityContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}
