import { DomainError } from '../../../domain/errors.js';

// What kind of failure an unexpected error is, judged from what the database driver and the
// Temporal client report. Activities use it to decide what Temporal may retry; the GraphQL edge
// to choose the code the caller gets.

/**
 * `bad-data`: PostgreSQL refused a value (class 22, data exception: bad encoding, out of range);
 * `constraint`: it broke a database rule (class 23, integrity constraint violation);
 * `unavailable`: PostgreSQL or Temporal could not be reached or did not answer in time;
 * `unknown`: anything else, a fault of ours, which a retry after a fix may cure.
 */
export type FaultKind = 'bad-data' | 'constraint' | 'unavailable' | 'unknown';

/** Seconds a caller is told to wait before retrying when a part is down. */
export const RETRY_AFTER_SECONDS = 5;

/** SQLSTATEs of a server that is going away or cannot take us: connection exception, shutdown, too many connections. */
const UNAVAILABLE_STATES = /^(08...|57P0[1-4]|53300|53400)$/;
/** Socket errors of a peer that is down or unreachable. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** What node-postgres and TypeORM say when the connection is lost or cannot be made. */
const DATABASE_CONNECTION_MESSAGE =
  /Query read timeout|Connection terminated|timeout exceeded when trying to connect|connection error|Connection is not established|Driver not Connected|the database system is (starting up|shutting down|in recovery mode)/i;
/** gRPC UNAVAILABLE and DEADLINE_EXCEEDED, as the Temporal client reports a server it cannot reach. */
const GRPC_UNAVAILABLE = new Set([14, 4]);

/** The errors inside an error: TypeORM's driverError, causes, an AggregateError's list (pg tries every address). */
function* chain(error: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (!error || typeof error !== 'object' || depth > 6) return;
  const current = error as Record<string, unknown>;
  yield current;
  yield* chain(current['driverError'], depth + 1);
  yield* chain(current['cause'], depth + 1);
  if (Array.isArray(current['errors'])) for (const inner of current['errors']) yield* chain(inner, depth + 1);
}

/** The PostgreSQL SQLSTATE anywhere in the error (TypeORM wraps the driver's error). */
export function sqlState(error: unknown): string | undefined {
  for (const current of chain(error)) {
    const code = current['code'];
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** Which part is down, if the error says one is. */
export function unavailablePart(error: unknown): 'database' | 'workflow engine' | undefined {
  for (const current of chain(error)) {
    const code = current['code'];
    const message = typeof current['message'] === 'string' ? current['message'] : '';
    if (typeof code === 'number' && GRPC_UNAVAILABLE.has(code) && typeof current['details'] === 'string') return 'workflow engine';
    if (current['name'] === 'WorkflowUpdateRPCTimeoutOrCancelledError') return 'workflow engine';
    if (typeof code === 'string' && UNAVAILABLE_STATES.test(code)) return 'database';
    if (DATABASE_CONNECTION_MESSAGE.test(message)) return 'database';
    // Services reach Temporal over gRPC (codes above); a refused socket is the database's.
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return 'database';
  }
  return undefined;
}

export function classifyFault(error: unknown): FaultKind {
  const state = sqlState(error);
  if (state?.startsWith('22')) return 'bad-data';
  if (state?.startsWith('23')) return 'constraint';
  if (unavailablePart(error)) return 'unavailable';
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

/** SERVICE_UNAVAILABLE with retry advice when the error says a part is down; undefined otherwise. */
export function unavailableFromFault(error: unknown): DomainError | undefined {
  const part = unavailablePart(error);
  return part ? serviceUnavailable(part) : undefined;
}

export function serviceUnavailable(part: string, retryAfterSeconds = RETRY_AFTER_SECONDS): DomainError {
  return new DomainError('SERVICE_UNAVAILABLE', `The ${part} is not available right now. Try again in ${retryAfterSeconds} seconds.`, undefined, { retryAfterSeconds });
}
