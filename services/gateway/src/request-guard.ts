import { randomUUID } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY, REQUEST_ID_HEADER } from '../../kit/src/context.js';
import { IDENTITY_HEADER, signIdentity, type Identity } from '../../kit/src/identity.js';
import type { Authenticate } from './auth.js';
import { refusal } from './errors.js';
import type { GatewayLimits } from './limits.js';
import { RateLimiter } from './rate-limit.js';

/** Who is calling, established once per HTTP request. */
interface Caller {
  requestId: string;
  identity?: Identity;
  /** The identity signed for the subgraphs, once per request. */
  signed?: Promise<string>;
  /** The client's Idempotency-Key, forwarded to the subgraphs (the one client header that is). */
  idempotencyKey?: string;
}

/** Custom headers a browser cannot send cross-site without a CORS preflight. */
const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'apollo-require-preflight'];
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
/** A client's request id is kept for tracing only if it is short and plain. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Everything decided per HTTP request before GraphQL runs, in this order: CSRF, body size,
 * authentication, rate limit, batching. Also gives each subgraph request the gateway-signed
 * identity and the request id, and nothing else from the client.
 */
export function requestGuard(options: { authenticate: Authenticate; limits: GatewayLimits; internalSecret: string }) {
  const { authenticate, limits, internalSecret } = options;
  const callers = new WeakMap<Request, Caller>();
  /** Requests the fast path handed over after authenticating them and counting them against the rate. */
  const vouched = new WeakMap<Request, { identity: Identity; requestId: string }>();
  const rateLimiter = new RateLimiter(limits.rateLimitPerMinute);

  /** The request id to use (the client's only if plain) and the key its rate is counted under. */
  function callerOf(clientRequestId: string | null, identity: Identity): { requestId: string; rateKey: string } {
    return {
      requestId: clientRequestId && SAFE_REQUEST_ID.test(clientRequestId) ? clientRequestId : randomUUID(),
      rateKey: identity.clientId ? `client:${identity.clientId}` : `user:${identity.subject}`,
    };
  }

  const plugin: GatewayPlugin = {
    async onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const clientRequestId = request.headers.get(REQUEST_ID_HEADER);
      const known = vouched.get(request);
      const caller: Caller = { requestId: known?.requestId ?? (clientRequestId && SAFE_REQUEST_ID.test(clientRequestId) ? clientRequestId : randomUUID()) };
      callers.set(request, caller);

      if (isSimpleRequest(request) && !CSRF_HEADERS.some((name) => request.headers.has(name))) {
        throw refusal('CSRF_REJECTED', `Send GraphQL as POST with "content-type: application/json", or add the header "${CSRF_HEADERS[0]}".`);
      }
      const declared = Number(request.headers.get('content-length') ?? 0);
      if (declared > limits.maxBodyBytes) throw bodyTooLarge(limits.maxBodyBytes);
      // A declared length is what the HTTP server reads at most; only a body without one (chunked) is counted as it streams.
      if (requestParser && request.body && !request.headers.has('content-length')) {
        const parser = requestParser;
        setRequestParser((req) => parser(limitBody(req, limits.maxBodyBytes, fetchAPI)));
      }

      const idempotencyKey = request.headers.get(IDEMPOTENCY_HEADER);
      if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
        throw refusal('BAD_USER_INPUT', 'An Idempotency-Key must be 8 to 128 letters, digits, dots, dashes, underscores or colons, e.g. a UUID.', undefined, IDEMPOTENCY_HEADER);
      }
      if (idempotencyKey !== null) caller.idempotencyKey = idempotencyKey;

      caller.identity = known?.identity ?? (await authenticate(request.headers.get('authorization')));
      const key = callerOf(null, caller.identity).rateKey;
      // A request the fast path handed over was counted there already.
      const wait = known ? 0 : rateLimiter.take(key);
      if (wait > 0) throw rateLimited(wait, limits.rateLimitPerMinute);

      return {
        onRequestParseDone({ requestParserResult }) {
          if (!Array.isArray(requestParserResult)) return;
          if (!limits.allowBatching) throw refusal('BATCHING_DISABLED', 'Send one operation per request; batches (JSON arrays) are turned off on this server.');
          // Each operation of a batch counts against the client's rate.
          const more = rateLimiter.take(key, Math.max(0, requestParserResult.length - 1));
          if (more > 0) throw rateLimited(more, limits.rateLimitPerMinute);
        },
      };
    },
    onResponse({ request, response }) {
      const caller = callers.get(request);
      if (caller) response.headers.set(REQUEST_ID_HEADER, caller.requestId);
    },
  };

  /** Headers for one subgraph request; none without an authenticated caller, so the subgraph refuses. */
  async function subgraphHeaders(request: Request): Promise<Record<string, string>> {
    const caller = callers.get(request);
    if (!caller?.identity) return {};
    caller.signed ??= signIdentity(caller.identity, internalSecret, caller.requestId);
    return { [IDENTITY_HEADER]: await caller.signed, [REQUEST_ID_HEADER]: caller.requestId, ...(caller.idempotencyKey ? { [IDEMPOTENCY_HEADER]: caller.idempotencyKey } : {}) };
  }

  /** The same headers for the fast path's one subgraph call (it forwards no Idempotency-Key: it takes no mutation). */
  async function signedHeaders(identity: Identity, requestId: string): Promise<Record<string, string>> {
    return { [IDENTITY_HEADER]: await signIdentity(identity, internalSecret, requestId), [REQUEST_ID_HEADER]: requestId };
  }

  /** Marks a request the fast path authenticated and counted, before handing it to the runtime. */
  function vouch(request: Request, caller: { identity: Identity; requestId: string }): void {
    vouched.set(request, caller);
  }

  return { plugin, subgraphHeaders, signedHeaders, callerOf, vouch, rateLimiter };
}

export type RequestGuard = ReturnType<typeof requestGuard>;

/** GET, or POST with a content type a plain HTML form can send: a browser sends these cross-site without asking. */
function isSimpleRequest(request: Request): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  const type = request.headers.get('content-type')?.toLowerCase() ?? '';
  return type === '' || SIMPLE_CONTENT_TYPES.some((simple) => type.startsWith(simple));
}

/** Counts bytes as the parser reads them, for bodies without (or with a false) Content-Length. */
function limitBody(request: Request, limit: number, fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream }): Request {
  if (!request.body) return request;
  // As graphql-yoga does: a native stream needs the native TransformStream, a ponyfilled one the ponyfill.
  const Transform = request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let bytes = 0;
  const body = request.body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > limit) controller.error(bodyTooLarge(limit));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, body, duplex: 'half' } as RequestInit);
}

function bodyTooLarge(limit: number) {
  return refusal('REQUEST_TOO_LARGE', `The request body is larger than ${Math.round(limit / 1024)} KiB.`);
}

function rateLimited(seconds: number, perMinute: number) {
  return refusal('RATE_LIMITED', `Too many requests: this client may send ${perMinute} a minute. Try again in ${seconds} s.`, { 'retry-after': String(seconds) });
}
