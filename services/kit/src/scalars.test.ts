import { graphql, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import { LocalDateScalar, RupiahScalar } from './scalars.js';

// The scalars as a client meets them: in variables and in literals.
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      amount: { type: GraphQLString, args: { value: { type: RupiahScalar } }, resolve: (_root, args: { value: bigint }) => args.value.toString() },
      date: { type: GraphQLString, args: { value: { type: LocalDateScalar } }, resolve: (_root, args: { value: string }) => args.value },
    },
  }),
});

async function run(field: 'amount' | 'date', value: unknown, literal?: string) {
  const type = field === 'amount' ? 'Rupiah' : 'LocalDate';
  const result =
    literal === undefined
      ? await graphql({ schema, source: `query($v: ${type}) { ${field}(value: $v) }`, variableValues: { v: value } })
      : await graphql({ schema, source: `{ ${field}(value: ${literal}) }` });
  return result.errors ? { error: result.errors[0]?.message } : { value: (result.data as Record<string, unknown>)[field] };
}

describe('Rupiah', () => {
  it('takes digit strings, Rp 71.5 bn included', async () => {
    expect(await run('amount', '71549275792')).toEqual({ value: '71549275792' });
    expect(await run('amount', undefined, '"42000000"')).toEqual({ value: '42000000' });
  });

  it('refuses JSON numbers and number literals, as documented: digits in a string only', async () => {
    expect((await run('amount', 42000000)).error).toMatch(/string of digits/);
    expect((await run('amount', 12.5)).error).toMatch(/string of digits/);
    expect((await run('amount', undefined, '42000000')).error).toMatch(/string of digits/);
  });

  it('refuses negative, decimal and over-long amounts without echoing all of them', async () => {
    for (const bad of ['-1', '1.5', '1e9', '', '1'.repeat(19)]) expect((await run('amount', bad)).error).toMatch(/at most 18 digits/);
    // graphql-js puts the value before our message; the edges shorten that (kit/errors.ts).
    expect((await run('amount', '9'.repeat(60_000))).error!.split('; ').pop()!.length).toBeLessThan(300);
  });
});

describe('LocalDate', () => {
  it('takes real dates from 1900 to 2100', async () => {
    expect(await run('date', '1900-01-01')).toEqual({ value: '1900-01-01' });
    expect(await run('date', undefined, '"2100-12-31"')).toEqual({ value: '2100-12-31' });
  });

  it('refuses year 0000, year 9999 and impossible dates', async () => {
    for (const bad of ['0000-01-01', '9999-12-31', '1899-12-31', '2026-02-30', '2026-13-01', 20260101]) {
      expect((await run('date', bad)).error).toMatch(/from 1900-01-01 to 2100-12-31/);
    }
  });
});
