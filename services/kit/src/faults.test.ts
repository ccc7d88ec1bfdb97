import { ApplicationFailure } from '@temporalio/common';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../../domain/errors.js';
import { createTestDatabase, type TestDatabase } from '../../../test/harness/database.js';
import { classifyFault, unavailableFromFault, unavailablePart } from './faults.js';
import { failFastOnDomainErrors } from './temporal.js';

// Real PostgreSQL errors, as activities meet them, and what Temporal is told to do with them.
let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('faults');
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query('CREATE TABLE thing (id int PRIMARY KEY, born date)');
  await client.query('INSERT INTO thing VALUES (1, NULL)');
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

const failure = (work: () => Promise<unknown>) =>
  work().then(
    () => undefined,
    (error: unknown) => error,
  );

describe('what an activity may retry', () => {
  const activities = failFastOnDomainErrors({
    storeName: (name: string) => client.query('SELECT $1::text', [name]),
    storeBirth: (born: string) => client.query('UPDATE thing SET born = $1::date WHERE id = 1', [born]),
    storeTwice: () => client.query('INSERT INTO thing VALUES (1, NULL)'),
    breakRule: () => Promise.reject(new DomainError('QUOTA_EXCEEDED', 'No places left.', 'mouId')),
    lookElsewhere: () => new pg.Client({ connectionString: 'postgres://nobody@127.0.0.1:1/none' }).connect(),
  });

  it('fails at once on a NUL byte (PostgreSQL class 22), as BAD_USER_INPUT', async () => {
    const error = await failure(() => activities['storeName']!('Budi\u0000'));
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'BAD_USER_INPUT', nonRetryable: true });
    expect((error as Error).message).not.toMatch(/Budi/);
  });

  it('fails at once on a year PostgreSQL cannot store', async () => {
    expect(await failure(() => activities['storeBirth']!('0000-01-01'))).toMatchObject({ type: 'BAD_USER_INPUT', nonRetryable: true });
  });

  it('fails at once on a broken database rule (class 23), as CONFLICT', async () => {
    expect(await failure(() => activities['storeTwice']!())).toMatchObject({ type: 'CONFLICT', nonRetryable: true });
  });

  it('keeps a broken business rule’s own code', async () => {
    expect(await failure(() => activities['breakRule']!())).toMatchObject({ type: 'QUOTA_EXCEEDED', nonRetryable: true, details: [{ field: 'mouId' }] });
  });

  it('leaves an outage retryable', async () => {
    const error = await failure(() => activities['lookElsewhere']!());
    expect(error).not.toBeInstanceOf(ApplicationFailure);
    expect(classifyFault(error)).toBe('unavailable');
  });
});

describe('what the caller is told about an outage', () => {
  it('names the database for a refused or dropped connection, and the workflow engine for gRPC UNAVAILABLE', () => {
    expect(unavailablePart(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5544'), { code: 'ECONNREFUSED' }))).toBe('database');
    expect(unavailablePart(new Error('Connection terminated unexpectedly'))).toBe('database');
    expect(unavailablePart(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe('database');
    const grpc = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14, details: 'No connection established', metadata: {} });
    expect(unavailablePart(Object.assign(new Error('Update-With-Start failed'), { cause: grpc }))).toBe('workflow engine');
    expect(unavailableFromFault(grpc)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { retryAfterSeconds: 5 } });
    expect(unavailablePart(new TypeError('x is undefined'))).toBeUndefined();
  });
});
