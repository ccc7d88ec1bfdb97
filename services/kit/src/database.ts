import 'reflect-metadata';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';

export interface ServiceDatabaseOptions {
  url: string;
  /** PostgreSQL schema the service owns; no other service reads or writes it. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  /** Run as this database role (SET ROLE at connect); migrations run as the owner instead. */
  role?: string;
}

/** One DataSource per service; schema changes only ever come from its migrations. */
export function createServiceDataSource(options: ServiceDatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: `${options.schema}_migrations`,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Off: a failed query's log line would carry its parameters, which may be personal data.
    logging: false,
    extra: {
      max: options.poolSize ?? 10,
      // A database that does not answer fails a request within seconds (SERVICE_UNAVAILABLE)
      // instead of holding it, and the caller, until the pool's wait would end: never.
      connectionTimeoutMillis: 5_000,
      application_name: `lindung-${options.schema}`,
      // The services' queries are short: one that hangs (a stalled server) fails instead of waiting forever.
      ...(options.role ? { options: `-c role=${options.role}`, query_timeout: 15_000 } : {}),
    },
  });
}

/** Runs pending migrations of one service, creating its schema first. */
export async function migrateService(options: ServiceDatabaseOptions): Promise<void> {
  const dataSource = createServiceDataSource({ ...options, poolSize: 1 });
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
