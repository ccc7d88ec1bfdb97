import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import { createRequestContext, IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY, REQUEST_ID_HEADER, type RequestContext } from './context.js';
import type { DocumentRoute } from './subgraph-schema.js';
import { IDENTITY_HEADER, verifyIdentity } from './identity.js';
import { formatError } from './errors.js';

const MAX_BODY_BYTES = 1_000_000;

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
  documents?: DocumentRoute;
}): Promise<SubgraphServer> {
  const apollo = new ApolloServer<RequestContext & BaseContext>({
    schema: options.schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // Usage reporting to Apollo's cloud is not ours to switch on; no inline traces either.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const isReady = options.isReady ?? (() => true);

  const server = createServer((req, res) => {
    handle(apollo, isReady, options.internalSecret, req, res, options.documents).catch((error: unknown) => {
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
  req: IncomingMessage,
  res: ServerResponse,
  documents?: DocumentRoute,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/health') {
    const ready = isReady();
    res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' }).end(ready ? 'ok' : 'starting');
    return;
  }
  const isDocument = documents !== undefined && req.method === 'GET' && url.pathname.startsWith('/documents/');
  if (url.pathname !== '/graphql' && !isDocument) {
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
  if (isDocument) {
    if (!(await documents(req, res, createRequestContext(identity, requestId)))) res.writeHead(404, { 'content-type': 'text/plain' }).end('No such document');
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

/** Listens (port 0 picks a free one) and answers the GraphQL URL; loopback unless told otherwise. */
export async function listen(server: Server, port: number, host = '127.0.0.1'): Promise<string> {
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
