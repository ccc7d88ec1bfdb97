import pg from 'pg';

/** Runs `fn` with a short-lived client; always closes it (an open session blocks CREATE ... TEMPLATE). */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  // A server shutting down must not crash us through an unhandled 'error' event.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The same server with another database name (keeps user, password, host, port and params). */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The URL with its password replaced by ***, for printing. */
export function maskPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable database URL)';
  }
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  return withClient(adminUrl, async (client) => {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  });
}

/**
 * CREATE DATABASE name [TEMPLATE template]. With `ifMissing`, a database that already exists
 * (or is created concurrently by another process) is not an error.
 */
export async function createDatabase(adminUrl: string, name: string, template?: string, options: { ifMissing?: boolean } = {}): Promise<void> {
  await withClient(adminUrl, async (client) => {
    if (options.ifMissing === true) {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 1) return;
    }
    const templateSql = template === undefined ? '' : ` TEMPLATE ${client.escapeIdentifier(template)}`;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${templateSql}`);
    } catch (error) {
      // 42P04 duplicate_database; 23505 when two sessions race on pg_database's unique index.
      const code = (error as { code?: string }).code;
      if (options.ifMissing === true && (code === '42P04' || code === '23505')) return;
      throw error;
    }
  });
}

/** DROP DATABASE IF EXISTS, disconnecting any sessions still attached (PostgreSQL 13+). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  });
}
