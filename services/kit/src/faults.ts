import { DomainError } from '../../../domain/errors.js';

// What kind of failure an unexpected error is, judged from what the database driver reports.
// Activities use it to decide what Temporal may retry; the GraphQL edge to choose the code.

/**
 * `bad-data`: PostgreSQL refused a value (class 22, data exception: bad encoding, out of range);
 * `constraint`: it broke a database rule (class 23, integrity constraint violation);
 * `unknown`: anything else, a fault of ours or an outage, which a retry may fix.
 */
export type FaultKind = 'bad-data' | 'constraint' | 'unknown';

/** The PostgreSQL SQLSTATE anywhere in the error (TypeORM wraps the driver's error). */
export function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { driverError?: unknown; cause?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function classifyFault(error: unknown): FaultKind {
  const state = sqlState(error);
  if (state?.startsWith('22')) return 'bad-data';
  if (state?.startsWith('23')) return 'constraint';
  return 'unknown';
}

/**
 * The rule a database refusal amounts to, for the caller; undefined for anything else. The
 * messages are our own: PostgreSQL's may quote the refused value, which can be personal data.
 */
export function domainErrorFromFault(error: unknown): DomainError | undefined {
  switch (classifyFault(error)) {
    case 'bad-data':
      return new DomainError('BAD_USER_INPUT', 'A value in this request cannot be stored: it contains characters or numbers out of range. Correct it and try again.');
    case 'constraint':
      return new DomainError('CONFLICT', 'This clashes with what is already recorded; reload and check before trying again.');
    default:
      return undefined;
  }
}
