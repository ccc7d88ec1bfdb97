// The one list of error codes a caller can receive in `extensions.code`. Partner apps switch on
// these, so a code never changes meaning; messages are for people and must make sense to a
// caseworker on their own. The GraphQL edge (services/kit/src/errors.ts), the gateway and the
// Temporal failure mapping (workflows/contracts/failures.ts) all derive from this table.

export const ERROR_CODES = {
  // Raised by business rules (DomainError), in services and workflows alike.
  BAD_USER_INPUT: { status: 400, meaning: 'A value is missing, malformed or out of range; `field` names it.' },
  NOT_FOUND: { status: 404, meaning: 'No such thing, or not in your cities.' },
  CONFLICT: { status: 409, meaning: 'It clashes with something that already exists.' },
  FORBIDDEN: { status: 403, meaning: 'Your role may not do this.' },
  NOT_ELIGIBLE: { status: 422, meaning: 'A rule of coverage or of the MoU does not allow it.' },
  QUOTA_EXCEEDED: { status: 422, meaning: 'The MoU (or its group) has no places left.' },
  INVALID_TRANSITION: { status: 409, meaning: 'Not possible in the current status.' },
  FOUR_EYES: { status: 403, meaning: 'A second person must do this step.' },
  PAYOUT_REFUSED: { status: 422, meaning: 'The bank or payment provider refused a transfer for good (closed account, unknown bank); correct the heir’s account to retry.' },
  // Not a refusal: work that was taken on but had not finished when the answer was due.
  ACCEPTED_PENDING: {
    status: 202,
    meaning:
      'Received and still being carried out (a worker may be slow or down); `extensions` name the id to follow up. Send the same request with the same Idempotency-Key for its outcome.',
  },
  // Refused at the gateway, before any subgraph runs.
  UNAUTHENTICATED: { status: 401, meaning: 'No valid user token.' },
  CSRF_REJECTED: { status: 403, meaning: 'A browser request without the CSRF header.' },
  REQUEST_TOO_LARGE: { status: 413, meaning: 'The request body is over the limit.' },
  QUERY_TOO_LARGE: { status: 400, meaning: 'The query has too many tokens.' },
  QUERY_TOO_DEEP: { status: 400, meaning: 'The query nests too deep.' },
  QUERY_TOO_COMPLEX: { status: 400, meaning: 'The query could return too many objects.' },
  TOO_MANY_ALIASES: { status: 400, meaning: 'The query uses too many aliases.' },
  TOO_MANY_DIRECTIVES: { status: 400, meaning: 'The query uses too many directives.' },
  INTROSPECTION_DISABLED: { status: 400, meaning: 'Introspection is off in production.' },
  BATCHING_DISABLED: { status: 400, meaning: 'One operation per request.' },
  PERSISTED_QUERY_NOT_FOUND: { status: 400, meaning: 'No trusted document has the hash sent; send the query text.' },
  RATE_LIMITED: { status: 429, meaning: 'Too many requests from this client; see retry-after.' },
  // Raised by the GraphQL server itself when a document or its variables do not fit the schema.
  GRAPHQL_PARSE_FAILED: { status: 400, meaning: 'The query is not valid GraphQL.' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, meaning: 'The query or its variables do not fit the schema.' },
  BAD_REQUEST: { status: 400, meaning: 'The HTTP request is not a GraphQL request.' },
  // Not the caller's fault.
  SERVICE_UNAVAILABLE: { status: 503, meaning: 'A part of the system (a service, the database, the workflow engine) is down; nothing was done. Retry after `retryAfterSeconds`.' },
  INTERNAL_SERVER_ERROR: { status: 500, meaning: 'A fault on our side, logged; nothing about it is shown.' },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** What else a caller may need to act on an error: `retryAfterSeconds`, the id of pending work. */
export type ErrorDetails = Readonly<Record<string, string | number>>;

/** A broken rule: carried to the caller with its code, message and the input field concerned. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
