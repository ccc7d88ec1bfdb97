/**
 * What the gateway accepts, refused before any subgraph or database work. Each limit reads an
 * environment variable; the defaults leave our named operations (schema/operations) ample room.
 */
export interface GatewayLimits {
  /** LINDUNG_MAX_BODY_BYTES (64 KiB): request body size; larger → 413 REQUEST_TOO_LARGE. */
  maxBodyBytes: number;
  /** LINDUNG_MAX_TOKENS (2000): lexical tokens in a document → QUERY_TOO_LARGE. */
  maxTokens: number;
  /** LINDUNG_MAX_DEPTH (10): nested field levels, fragments expanded → QUERY_TOO_DEEP. */
  maxDepth: number;
  /** LINDUNG_MAX_ALIASES (15): aliased fields per operation → TOO_MANY_ALIASES. */
  maxAliases: number;
  /** LINDUNG_MAX_DIRECTIVES (10): directive uses per operation → TOO_MANY_DIRECTIVES. */
  maxDirectives: number;
  /**
   * LINDUNG_MAX_COST (10000): the objects an operation may return. Each object field counts 1
   * (scalars are free) times the items it may return: its `first`/`last`/`limit` argument, else
   * `assumedListSizes` for lists we know, else `defaultListSize` (LINDUNG_DEFAULT_LIST_SIZE, 20)
   * → QUERY_TOO_COMPLEX.
   */
  maxCost: number;
  defaultListSize: number;
  assumedListSizes: Readonly<Record<string, number>>;
  /** LINDUNG_ALLOW_BATCHING=1 accepts JSON arrays of operations (LINDUNG_MAX_BATCH, 10); else BATCHING_DISABLED. */
  allowBatching: boolean;
  maxBatch: number;
  /** LINDUNG_RATE_LIMIT_PER_MINUTE (600; 0 turns it off): requests per client per minute → 429 RATE_LIMITED. */
  rateLimitPerMinute: number;
}

/** Lists short by nature (a city signs an MoU a year; a worker rarely has more than a claim or two). */
export const ASSUMED_LIST_SIZES: Readonly<Record<string, number>> = {
  'Municipality.mous': 5,
  'Participant.claims': 3,
  'Claim.payouts': 5,
  'Benefit.components': 5,
  'EnrolParticipantPayload.warnings': 5,
};

export function readLimits(env: NodeJS.ProcessEnv = process.env): GatewayLimits {
  const int = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0; got "${raw}".`);
    return value;
  };
  return {
    maxBodyBytes: int('LINDUNG_MAX_BODY_BYTES', 64 * 1024),
    maxTokens: int('LINDUNG_MAX_TOKENS', 2000),
    maxDepth: int('LINDUNG_MAX_DEPTH', 10),
    maxAliases: int('LINDUNG_MAX_ALIASES', 15),
    maxDirectives: int('LINDUNG_MAX_DIRECTIVES', 10),
    maxCost: int('LINDUNG_MAX_COST', 10_000),
    defaultListSize: int('LINDUNG_DEFAULT_LIST_SIZE', 20),
    assumedListSizes: ASSUMED_LIST_SIZES,
    allowBatching: env['LINDUNG_ALLOW_BATCHING'] === '1',
    maxBatch: int('LINDUNG_MAX_BATCH', 10),
    rateLimitPerMinute: int('LINDUNG_RATE_LIMIT_PER_MINUTE', 600),
  };
}
