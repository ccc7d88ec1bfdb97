import { Context } from '@temporalio/activity';
import type { QueryConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { LONG_STATEMENT_TIMEOUT_MS, withPgClient } from '../../../kit/src/copy.js';
import type { Sql } from './import.people.js';

/**
 * One transaction of long statements (an import page of 20,000 rows may outlast the pool's 15 s
 * read timeout on a busy machine), heartbeating while it runs when called from an activity.
 */
export async function inLongTransaction<T>(dataSource: DataSource, work: (sql: Sql) => Promise<T>): Promise<T> {
  let context: Context | undefined;
  try {
    context = Context.current();
  } catch {
    context = undefined;
  }
  const beat = context?.info.heartbeatTimeoutMs ? setInterval(() => context.heartbeat(), Math.max(100, Math.min(10_000, context.info.heartbeatTimeoutMs / 3))) : undefined;
  try {
    return await withPgClient(dataSource, async (client) => {
      const sql: Sql = async (text, values) => (await client.query({ text, values, query_timeout: LONG_STATEMENT_TIMEOUT_MS } as QueryConfig)).rows;
      await client.query('BEGIN');
      try {
        const result = await work(sql);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  } finally {
    if (beat) clearInterval(beat);
  }
}
