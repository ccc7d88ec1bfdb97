import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { SqlRow } from './sql-row.js';

/**
 * A read on a hot path (a list field resolved for many rows at once): one named statement on the
 * service's own pool, so each connection parses and plans it once and later runs only bind and
 * execute, and plain rows without TypeORM's query building and entity hydration (together most of
 * a subgraph's CPU on the city overview). `name` must be unique per statement text in a process.
 * Writes and anything transactional stay with TypeORM.
 */
export async function preparedRows(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<SqlRow[]> {
  const result = await poolOf(dataSource).query<SqlRow>({ name, text, values, types: TYPES });
  return result.rows;
}

/** As the entities read them: a `date` stays 'YYYY-MM-DD' (a calendar day, no time zone); the rest as pg parses it. */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === (pg.types.builtins.DATE as number) && format !== 'binary' ? (value: string) => value : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

function poolOf(dataSource: DataSource): pg.Pool {
  const pool = (dataSource.driver as unknown as { master?: pg.Pool }).master;
  if (!pool) throw new Error('The database connection is not initialised.');
  return pool;
}
