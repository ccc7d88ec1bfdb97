import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/** One pooled connection of a DataSource for work TypeORM has no API for (COPY), released after. */
export async function withPgClient<T>(dataSource: DataSource, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const [client, release] = (await (dataSource.driver as PostgresDriver).obtainMasterConnection()) as [PoolClient, (error?: unknown) => void];
  let failure: unknown;
  try {
    return await work(client);
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    release(failure); // a connection whose work failed (a COPY cut short) is not reused
  }
}

/** A value in COPY's text format: \N for null, backslash escapes for the separators. */
export function copyField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  return String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/**
 * Client-side read timeout for a statement that is long on purpose (a COPY or an UPDATE of a whole
 * import batch) inside a heartbeating activity: the pool's 15 s would fail a 100,000-row COPY on a
 * busy machine every attempt, and the activity's heartbeat timeout already catches a stall.
 */
export const LONG_STATEMENT_TIMEOUT_MS = 30 * 60_000;

/** Streams rows into `COPY <target> FROM STDIN` (text format) on the client; lines are joined in chunks. */
export async function copyInto(client: PoolClient, target: string, rows: AsyncIterable<(string | number | boolean | null | undefined)[]>): Promise<void> {
  async function* lines() {
    let chunk = '';
    for await (const row of rows) {
      chunk += `${row.map(copyField).join('\t')}\n`;
      if (chunk.length > 64 * 1024) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  // pg reads query_timeout from the query object before the pool's default.
  const copy = Object.assign(copyFrom(`COPY ${target} FROM STDIN`), { query_timeout: LONG_STATEMENT_TIMEOUT_MS });
  await pipeline(Readable.from(lines()), client.query(copy));
}
