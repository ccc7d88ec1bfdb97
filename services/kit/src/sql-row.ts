/**
 * A row as `query()` returns it: the driver knows no types, so each column is typed where it is
 * read (`row['quota'] as number`). The one place `any` is allowed outside tests.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SqlRow = Record<string, any>;
