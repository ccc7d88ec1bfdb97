import type { ValueTransformer } from 'typeorm';
import pg from 'pg';

// PostgreSQL `date` stays a 'YYYY-MM-DD' string: turning it into a JS Date would shift it by
// the server's time zone, and coverage dates are local calendar dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/** bigint columns hold rupiah; pg returns them as strings, we want exact bigint. */
export const rupiahColumn: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};
