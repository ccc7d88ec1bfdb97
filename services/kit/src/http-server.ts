import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import { createRequestContext, IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY, REQUEST_ID_HEADER, type RequestContext } from './context.js';
import { IDENTITY_HEADER, verifyIdentity } from './identity.js';
import { formatError } from './errors.js';

const MAX_BODY_BYTES = 1_000_000;

/** Plain POST endpoints beside /graphql, for machines that sign their own calls (payment provider callbacks): no gateway identity. */
export type HttpCallbacks = Readonly<Record<string, (body: string, headers: IncomingMessage['headers']) => Promise<{ status: number; body?: string }>>>;

/**
 * A plain HTTP route beside /graphql (file uploads, CSV downloads), behind the same gateway-signed
 * identity as GraphQL: the handler gets the request context a resolver would.
 */
export interface HttpRoute {
  method: 'GET' | 'POST';
  path: RegExp;
  handle(req: IncomingMessage, res: ServerResponse, context: RequestContext, match: RegExpExecArray): Promise<void>;
}

export interface SubgraphServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves one subgraph over plain node:http: POST/GET /graphql, and GET /health for the
 * launcher and orchestrators (200 only once the caller says the whole process is ready).
 */
export async function startSubgraphServer(options: {
  schema: GraphQLSchema;
  port: number;
  host?: string;
  /** Verifies the gateway's signature on the forwarded identity. */
  internalSecret: string;
  isReady?: () => boolean;
  routes?: HttpRoute[];
  callbacks?: HttpCallbacks;
}): Promise<SubgraphServer> {
  const apollo = new ApolloServer<RequestContext & BaseContext>({
    schema: options.schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // Usage reporting to Apollo's cloud is not ours to switch on; no inline traces either. No cache
    // hints (nothing caches our answers): that plugin alone made Apollo instrument every field resolved.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
  });
  await apollo.start();
  const isReady = options.isReady ?? (() => true);

  const server = createServer((req, res) => {
    handle(apollo, isReady, options.internalSecret, options.routes ?? [], options.callbacks ?? {}, req, res).catch((error: unknown) => {
      console.error('request failed:', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    });
  });
  return {
    url: await listen(server, options.port, options.host),
    async close() {
      await closeServer(server);
      await apollo.stop();
    },
  };
}

async function handle(
  apollo: ApolloServer<RequestContext & BaseContext>,
  isReady: () => boolean,
  internalSecret: string,
  routes: HttpRoute[],
  callbacks: HttpCallbacks,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const callback = req.method === 'POST' && Object.hasOwn(callbacks, url.pathname) ? callbacks[url.pathname] : undefined;
  if (callback) {
    const answer = await callback(await readBody(req), req.headers);
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body ?? '{}');
    return;
  }
  if (url.pathname === '/health') {
    const ready = isReady();
    res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' }).end(ready ? 'ok' : 'starting');
    return;
  }
  const route = routes.map((r) => ({ r, match: r.method === req.method ? r.path.exec(url.pathname) : null })).find((m) => m.match);
  if (url.pathname !== '/graphql' && !route) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: the GraphQL endpoint is /graphql');
    return;
  }
  // Only the gateway can sign identities: anything else, `_entities` and `_service` included,
  // is refused before GraphQL sees it.
  const identityHeader = req.headers[IDENTITY_HEADER];
  const identity = await verifyIdentity(typeof identityHeader === 'string' ? identityHeader : undefined, internalSecret);
  if (!identity) {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ message: 'This service only answers requests signed by the Lindung gateway.', extensions: { code: 'UNAUTHENTICATED' } }] }));
    return;
  }
  const requestId = identity.requestId ?? (typeof req.headers[REQUEST_ID_HEADER] === 'string' ? (req.headers[REQUEST_ID_HEADER] as string) : randomUUID());
  if (route?.match) {
    await route.r.handle(req, res, createRequestContext(identity, requestId, idempotencyKeyOf(req)), route.match);
    return;
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const raw = req.method === 'POST' ? await readBody(req) : '';
  let body: unknown = raw;
  if (raw && headers.get('content-type')?.includes('application/json')) {
    try {
      body = JSON.parse(raw);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] }));
      return;
    }
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: async () => createRequestContext(identity, requestId, idempotencyKeyOf(req)),
  });
  res.statusCode = response.status ?? 200;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** The Idempotency-Key the gateway forwarded (it refuses malformed ones, and so do we). */
function idempotencyKeyOf(req: IncomingMessage): string | null {
  const key = req.headers[IDEMPOTENCY_HEADER];
  return typeof key === 'string' && IDEMPOTENCY_KEY.test(key) ? key : null;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * How long an idle keep-alive connection stays open (issue 16, finding 10). Node's default, 5 s,
 * is as long as Node's own client agent keeps an idle socket, so a client that reuses a socket
 * just as the server closes it sees `other side closed` / ECONNRESET. A server must hold idle
 * connections longer than any client or load balancer in front of it closes them: AWS ALB and
 * Google's load balancers idle out after 60 s (nginx upstream keep-alive 60 s too), Node's and
 * undici's clients after 4-5 s. So 65 s; the client always closes first, and cleanly.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** Above the keep-alive timeout, so a request arriving on a connection about to idle out is not cut mid-headers. */
export const HEADERS_TIMEOUT_MS = KEEP_ALIVE_TIMEOUT_MS + 1_000;

/** Listens (port 0 picks a free one) and answers the GraphQL URL; loopback unless told otherwise. */
export async function listen(server: Server, port: number, host = '127.0.0.1'): Promise<string> {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return `http://${host}:${typeof address === 'object' && address ? address.port : port}/graphql`;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
