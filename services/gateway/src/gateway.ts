import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { documentDownloads, isDocumentRequest } from './documents.js';
import { claimDocumentRoutes, isClaimDocumentRequest } from './claim-documents.js';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { closeServer, listen } from '../../kit/src/http-server.js';
import { SECRET_ENV, type Secrets } from '../../kit/src/secrets.js';
import { argumentGuard } from './argument-guard.js';
import { createAuthenticator } from './auth.js';
import { consoleHandler, readConsoleOptions } from './console.js';
import { errorShape, maskError } from './error-shape.js';
import { createFastPath, type Fallback, type FastPath } from './fast-path.js';
import { loadPersistedDocuments, persistedDocumentsOption } from './persisted-documents.js';
import { createGatewayLogger } from './logging.js';
import { readLimits, type GatewayLimits } from './limits.js';
import { queryGuard } from './query-guard.js';
import { requestGuard } from './request-guard.js';
import { signalPerSubgraphCall } from './upstream-signal.js';
import { uploadRoutes } from './upload.js';

const SUPERGRAPH_PATH = fileURLToPath(new URL('../../../schema/supergraph.graphql', import.meta.url));

export type SubgraphUrls = Partial<Record<'municipalities' | 'participants' | 'claims', string>>;

/** The committed supergraph, pointed at where the subgraphs run now. */
export async function loadSupergraph(urls: SubgraphUrls): Promise<string> {
  let sdl = await readFile(SUPERGRAPH_PATH, 'utf8');
  for (const [name, url] of Object.entries(urls)) {
    if (!url) continue;
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`), `$1${url}$2`);
  }
  return sdl;
}

export type GatewaySecrets = Pick<Secrets, 'internalSecret' | 'jwtSecret' | 'jwksUrl'>;

/** Only the keys the gateway needs: it never holds the personal-data keys. */
export function readGatewaySecrets(env: NodeJS.ProcessEnv = process.env): GatewaySecrets {
  const internalSecret = env[SECRET_ENV.internalSecret];
  if (!internalSecret) throw new Error(`Missing secret: set ${SECRET_ENV.internalSecret} (npm start generates development values in .data/secrets.json).`);
  return { internalSecret, jwtSecret: env[SECRET_ENV.jwtSecret] || null, jwksUrl: env[SECRET_ENV.jwksUrl] || null };
}

export interface GatewayOptions {
  port: number;
  host?: string;
  subgraphUrls: SubgraphUrls;
  /** Token verification and identity signing keys; default from the LINDUNG_* environment. */
  secrets?: GatewaySecrets;
  /** Overrides of the limits read from the environment (limits.ts). */
  limits?: Partial<GatewayLimits>;
  /** No introspection, field suggestions or GraphiQL; default LINDUNG_ENV=production. */
  production?: boolean;
  /** Required issuer of user tokens; default LINDUNG_JWT_ISSUER, else any. */
  issuer?: string;
}

/**
 * Hive Gateway on the Rust query planner. It authenticates every GraphQL request, applies the
 * query limits, and calls the subgraphs with a short-lived identity it signs itself: the
 * subgraphs trust nothing else, and no client header reaches them.
 */
export async function startGateway(options: GatewayOptions): Promise<{ url: string; fastPath: FastPath['counts']; close(): Promise<void> }> {
  const secrets = options.secrets ?? readGatewaySecrets();
  const limits = { ...readLimits(), ...options.limits };
  const production = options.production ?? process.env['LINDUNG_ENV'] === 'production';
  const authenticate = createAuthenticator(secrets, options.issuer ?? process.env['LINDUNG_JWT_ISSUER']);
  const guard = requestGuard({
    authenticate,
    limits,
    internalSecret: secrets.internalSecret,
  });
  const supergraph = await loadSupergraph(options.subgraphUrls);
  const fast = await createFastPath({ supergraphSdl: supergraph, subgraphUrls: options.subgraphUrls, limits, production, authenticate, guard });
  const gateway = createGatewayRuntime({
    supergraph,
    unifiedGraphHandler,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    logging: createGatewayLogger(),
    // A subgraph that is down becomes SERVICE_UNAVAILABLE at its path; other unexpected errors
    // "Unexpected error." with no stack, even with NODE_ENV=development (error-shape.ts).
    maskedErrors: { isDev: false, maskError },
    graphiql: !production,
    landingPage: false,
    ...(limits.allowBatching ? { batching: { limit: limits.maxBatch } } : {}),
    // The console's operations by hash, parsed once here (persisted-documents.ts); any other document as text.
    persistedDocuments: persistedDocumentsOption(loadPersistedDocuments(limits.maxTokens)),
    // Our own request id (client's only if plain), set on subgraph calls below.
    requestId: false,
    // Only what we return here reaches a subgraph; client headers are not forwarded.
    propagateHeaders: { fromClientToSubgraphs: ({ request }) => guard.subgraphHeaders(request) },
    // Each subgraph answer is ours alone: the executor's sharing of identical in-flight queries
    // (keyed by query, variables and our per-request signed headers, so it never matched) deep-copied every answer.
    transportEntries: { '*': { options: { deduplicateInflightRequests: false } } },
    plugins: () => [guard.plugin, queryGuard(limits, production), argumentGuard(), errorShape(), signalPerSubgraphCall(), fast.plugin],
  });
  // The runtime, for a request whose body the fast path has read already.
  const fallback: Fallback = (req, res, body, vouched) => {
    const headers = new gateway.fetchAPI.Headers();
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    const request = new gateway.fetchAPI.Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/graphql'}`, {
      method: req.method ?? 'POST',
      headers,
      body: body.toString('utf8'),
    });
    if (vouched) guard.vouch(request, vouched);
    Promise.resolve(gateway.fetch(request, {}))
      .then(async (response) => {
        const answer = Buffer.from(await response.arrayBuffer());
        const out: Record<string, string> = {};
        response.headers.forEach((value, name) => void (out[name] = value));
        res.writeHead(response.status, { ...out, 'content-length': String(answer.length) }).end(answer);
      })
      .catch(() => res.destroy());
  };
  // The runtime answers every request itself (errors included); its promise only says when it is done.
  // File uploads and downloads (enrolment imports) stream beside GraphQL: see upload.ts.
  const files = uploadRoutes({ authenticate, internalSecret: secrets.internalSecret, participantsUrl: options.subgraphUrls.participants });
  // The web console (console/dist) is served from here too, so it talks to this origin only.
  const webConsole = consoleHandler(readConsoleOptions(secrets, production));
  // Invoice PDFs and CSVs (billing) download beside GraphQL too: see documents.ts.
  const downloads = documentDownloads({ authenticate, internalSecret: secrets.internalSecret, participantsUrl: options.subgraphUrls.participants });
  // Claim document files (upload and download) stream to the claims service: see claim-documents.ts.
  const claimFiles = claimDocumentRoutes({ authenticate, internalSecret: secrets.internalSecret, claimsUrl: options.subgraphUrls.claims });
  const server: Server = createServer((req, res) => {
    if (webConsole(req, res)) return;
    if (isDocumentRequest(req)) return void downloads(req, res);
    if (isClaimDocumentRequest(req)) return void claimFiles(req, res).catch(() => res.destroy());
    if (fast.candidate(req)) return fast.handle(req, res, fallback);
    if (!req.url?.startsWith('/imports/')) return void gateway(req, res);
    files(req, res).then(
      (handled) => void (handled ? undefined : gateway(req, res)),
      () =>
        void (res.headersSent
          ? res.destroy()
          : res.writeHead(500, { 'content-type': 'application/json' }).end('{"errors":[{"message":"Unexpected error.","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}')),
    );
  });
  return {
    url: await listen(server, options.port, options.host),
    fastPath: fast.counts,
    async close() {
      await closeServer(server);
      fast.close();
      await gateway.dispose();
    },
  };
}
