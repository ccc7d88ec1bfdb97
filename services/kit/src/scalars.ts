import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isLocalDate, isSupportedDate, SUPPORTED_DATES } from '../../../domain/calendar.js';

/**
 * Integer rupiah. Serialised as a decimal string: GraphQL `Int` is 32-bit and a Sorong
 * claims total (Rp 71,549,275,792) does not fit; strings keep every client exact.
 */
export const RupiahScalar = new GraphQLScalarType<bigint, string>({
  name: 'Rupiah',
  description: 'An amount in whole Indonesian rupiah, as a string of digits, e.g. "42000000".',
  serialize(value) {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    if (typeof value === 'string' && /^-?\d+$/.test(value)) return value;
    throw new GraphQLError(`Rupiah cannot represent ${String(value)}`);
  },
  parseValue(value) {
    return parseRupiah(value);
  },
  // Digit strings only, as documented: a JSON number may already have lost digits on its way
  // (2^53), and accepting 1.0 or 1e9 would make "what is an amount" depend on the client.
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING) return parseRupiah(ast.value);
    throw rupiahError(ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? Number(ast.value) : undefined);
  },
});

function parseRupiah(value: unknown): bigint {
  if (typeof value === 'string' && /^\d{1,18}$/.test(value)) return BigInt(value);
  throw rupiahError(value);
}

function rupiahError(value: unknown): GraphQLError {
  const hint = typeof value === 'number' ? ' Send it as a string of digits, e.g. "42000000", not as a number.' : '';
  return new GraphQLError(`An amount in rupiah must be a string of at most 18 digits (whole, non-negative rupiah); got ${shown(value)}.${hint}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** A calendar date in the city's time zone, YYYY-MM-DD (coverage, incident and due dates). */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'LocalDate',
  description: 'A calendar date, YYYY-MM-DD, in the city’s own time zone.',
  serialize(value) {
    if (typeof value === 'string' && isLocalDate(value)) return value;
    throw new GraphQLError(`LocalDate cannot represent ${String(value)}`);
  },
  parseValue(value) {
    return parseDate(value);
  },
  parseLiteral(ast) {
    return parseDate(ast.kind === Kind.STRING ? ast.value : undefined);
  },
});

function parseDate(value: unknown): string {
  if (typeof value === 'string' && isSupportedDate(value)) return value;
  throw new GraphQLError(`A date must be a real calendar date written YYYY-MM-DD, from ${SUPPORTED_DATES.from} to ${SUPPORTED_DATES.to}; got ${shown(value)}.`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** The refused value as the message shows it: short, so a 60 KB string is not echoed back. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 42 ? `${text.slice(0, 40)}…` : text;
}
