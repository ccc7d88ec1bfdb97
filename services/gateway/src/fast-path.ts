import { Agent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  getOperationAST,
  getVariableValues,
  Kind,
  OperationTypeNode,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { IDEMPOTENCY_HEADER, REQUEST_ID_HEADER } from '../../kit/src/context.js';
import { compileSites, firstProblem, type Site } from './argument-guard.js';
import type { Authenticate } from './auth.js';
import type { GatewayLimits } from './limits.js';
import { CostCache, shapeRefusals } from './query-guard.js';
import type { RequestGuard } from './request-guard.js';
import { canonical, compileStep, merge, objectsAt, project, type Projection, type Step } from './fast-path-plan.js';

/**
 * The direct path for queries whose plan is plain subgraph fetches (issue 18, target 2).
 *
 * Hive's runtime spends most of a single-subgraph query's CPU on its own machinery (a Fetch API
 * request and response object per call, the plugin chain, the query plan's executor and
 * projection): the subgraph's answer is the whole answer. So a document is looked at once — parsed
 * with the token limit, validated against the gateway's schema, its static limits applied, planned
 * with the same query planner — and when its plan is root and entity fetches whose selection
 * is the client's own (no fragments on other types, no directives, no fields the planner adds),
 * later requests with it go straight there: the same bearer token check (and cache), rate limit,
 * variable coercion, cost limit, argument checks and gateway-signed identity as the full path,
 * then an HTTP call per fetch of the plan on keep-alive connections, the answers merged where the
 * plan puts them (fast-path-plan.ts), and the result projected onto the
 * client's selection (exactly the fields asked for, in that order).
 *
 * Anything else goes to the full runtime unchanged: mutations, GET, batches, browsers (an Origin
 * header: CORS), extensions (persisted queries), Idempotency-Key, a first sighting of a document,
 * a refusal of any kind (the runtime words it), and a subgraph answer that is not plain data
 * (errors, another status, a dropped connection) — a query has no effect, so the runtime may ask
 * again and shape whatever went wrong exactly as it always does.
 */
export interface FastPath {
  /** Whether a request may take the fast path at all (looked at before its body is read). */
  candidate(req: IncomingMessage): boolean;
  /** Handles the request if it can; else hands it, body and all, to `fallback`. */
  handle(req: IncomingMessage, res: ServerResponse, fallback: Fallback): void;
  /** Learns the schema the runtime validates against (set on the first executed operation). */
  plugin: GatewayPlugin;
  /** Requests answered here, and those handed to the runtime after reading them (for tests and the bench). */
  readonly counts: { answered: number; handedOver: number };
  close(): void;
}

/** The full runtime, given the body the fast path has read (and, once checked, the caller). */
export type Fallback = (req: IncomingMessage, res: ServerResponse, body: Buffer, vouched?: Vouched) => void;
export interface Vouched {
  identity: NonNullable<Awaited<ReturnType<Authenticate>>>;
  requestId: string;
}

interface Entry {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | null;
  /** The subgraph calls, as the planner wrote them. */
  plan: Step;
  selections: Projection;
  sites: Site[];
}

interface Planner {
  overrideLabels: string[];
  planAsync(query: string, operationName: string | undefined | null, activeLabels: Set<string>, percentageValue: number): Promise<{ node?: Record<string, unknown> }>;
}

const MAX_ENTRIES = 1000;
const MAX_DOCUMENT_LENGTH = 20_000;
/** What the runtime answers a POST without an Accept header (or accepting anything) with: graphql-yoga picks its last match. */
const CONTENT_TYPE = 'application/json; charset=utf-8';

export async function createFastPath(options: {
  supergraphSdl: string;
  subgraphUrls: Partial<Record<string, string>>;
  limits: GatewayLimits;
  production: boolean;
  authenticate: Authenticate;
  guard: RequestGuard;
}): Promise<FastPath> {
  const { limits, production, authenticate, guard } = options;
  // The planner the runtime uses (router-runtime loads it the same way), on the same supergraph.
  const moduleName = '@graphql-hive/router-query-planner';
  const { QueryPlanner } = (await import(moduleName)) as { QueryPlanner: new (sdl: string) => Planner };
  const planner = new QueryPlanner(options.supergraphSdl);
  const agent = new Agent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 1000 });
  const costs = new CostCache(limits);
  /** By document text and operation name: ready, null (not for the fast path) or being looked at. */
  const entries = new Map<string, Entry | null | Promise<void>>();
  let schema: GraphQLSchema | undefined;
  const counts = { answered: 0, handedOver: 0 };

  function learn(key: string, text: string, operationName: string | null): void {
    if (!schema || entries.size >= MAX_ENTRIES || text.length > MAX_DOCUMENT_LENGTH) return;
    const known = schema;
    entries.set(
      key,
      prepare(known, text, operationName).then(
        (entry) => void entries.set(key, entry),
        () => void entries.set(key, null),
      ),
    );
  }

  async function prepare(known: GraphQLSchema, text: string, operationName: string | null): Promise<Entry | null> {
    if (planner.overrideLabels.length > 0) return null;
    const document = parse(text, { maxTokens: limits.maxTokens });
    if (validate(known, document).length > 0) return null;
    if (shapeRefusals(document, known, limits, production).length > 0) return null;
    const operation = getOperationAST(document, operationName);
    if (!operation || operation.operation !== OperationTypeNode.QUERY) return null;
    const plan = await planner.planAsync(text, operationName, new Set(), 0);
    const steps = plan.node ? compileStep(plan.node, options.subgraphUrls) : null;
    if (!steps || operation.directives?.length) return null;
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    const mine = canonical(operation.selectionSet, fragments);
    if (!mine) return null;
    return { document, operation, operationName, plan: steps, selections: mine.projection, sites: compileSites(document, known, operationName ?? undefined) };
  }

  /** Runs a plan's steps into `data`; false when any answer is not plain data (the runtime answers then). */
  async function run(step: Step, data: Record<string, unknown>, variables: Record<string, unknown>, headers: Record<string, string>): Promise<boolean> {
    if (step.kind === 'sequence' || step.kind === 'parallel') {
      if (step.kind === 'parallel') return (await Promise.all(step.steps.map((inner) => run(inner, data, variables, headers)))).every(Boolean);
      for (const inner of step.steps) if (!(await run(inner, data, variables, headers))) return false;
      return true;
    }
    const sent: Record<string, unknown> = {};
    for (const name of step.variableUsages) if (name in variables) sent[name] = variables[name];
    if (step.kind === 'fetch') {
      const answer = await post(step.url, JSON.stringify({ query: step.query, variables: sent }), headers);
      if (!answer) return false;
      merge(data, answer);
      return true;
    }
    const targets: Record<string, unknown>[] = [];
    const representations: Record<string, unknown>[] = [];
    for (const target of objectsAt(data, step.path)) {
      if (target['__typename'] !== step.typeName) continue;
      const representation: Record<string, unknown> = { __typename: step.typeName };
      for (const key of step.keys) {
        if (target[key] === undefined) return false;
        representation[key] = target[key];
      }
      targets.push(target);
      representations.push(representation);
    }
    if (representations.length === 0) return true;
    sent['representations'] = representations;
    const answer = await post(step.url, JSON.stringify({ query: step.query, variables: sent }), headers);
    const entities = answer?.['_entities'];
    if (!Array.isArray(entities) || entities.length !== targets.length) return false;
    for (let i = 0; i < targets.length; i++) {
      const entity: unknown = entities[i];
      // An entity the subgraph does not know (or does not show this caller): the runtime decides.
      if (typeof entity !== 'object' || entity === null) return false;
      merge(targets[i]!, entity as Record<string, unknown>);
    }
    return true;
  }

  function handle(req: IncomingMessage, res: ServerResponse, runtime: Fallback): void {
    const fallback: Fallback = (...args) => {
      counts.handedOver++;
      runtime(...args);
    };
    // Only bodies of a declared length within the limit come here, so node reads no more than that.
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      if (!schema) return fallback(req, res, body);
      serve(req, res, body, fallback).catch(() => (res.headersSent ? res.destroy() : fallback(req, res, body)));
    });
  }

  async function serve(req: IncomingMessage, res: ServerResponse, body: Buffer, fallback: Fallback): Promise<void> {
    let params: { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown };
    try {
      params = JSON.parse(body.toString('utf8')) as typeof params;
    } catch {
      return fallback(req, res, body);
    }
    if (typeof params !== 'object' || params === null || Array.isArray(params) || typeof params.query !== 'string' || params.extensions !== undefined)
      return fallback(req, res, body);
    const operationName = typeof params.operationName === 'string' && params.operationName ? params.operationName : null;
    if (params.operationName !== undefined && params.operationName !== null && operationName === null) return fallback(req, res, body);
    const variables = params.variables ?? {};
    if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) return fallback(req, res, body);
    const key = operationName ? `${operationName}\u0000${params.query}` : params.query;
    const entry = entries.get(key);
    if (entry === undefined) learn(key, params.query, operationName);
    if (!entry || entry instanceof Promise) return fallback(req, res, body);

    let identity;
    try {
      identity = await authenticate(header(req, 'authorization'));
    } catch {
      return fallback(req, res, body); // the runtime says why (401)
    }
    const { requestId, rateKey } = guard.callerOf(header(req, REQUEST_ID_HEADER), identity);
    if (guard.rateLimiter.take(rateKey) > 0) return fallback(req, res, body); // refused there (429), not taken twice
    const vouched: Vouched = { identity, requestId };

    const coerced = getVariableValues(schema!, entry.operation.variableDefinitions ?? [], variables as Record<string, unknown>);
    if (coerced.errors) return fallback(req, res, body, vouched);
    if (costs.of(entry.document, schema!, entry.operationName, variables as Record<string, unknown>) > limits.maxCost) return fallback(req, res, body, vouched);
    if (firstProblem(entry.sites, variables as Record<string, unknown>)) return fallback(req, res, body, vouched);

    const headers = await guard.signedHeaders(identity, requestId);
    const answer: Record<string, unknown> = {};
    if (!(await run(entry.plan, answer, coerced.coerced, headers))) return fallback(req, res, body, vouched);
    const data = project(answer, entry.selections);
    if (data === undefined) return fallback(req, res, body, vouched);
    const json = `{"data":${JSON.stringify(data)}}`;
    res.writeHead(200, { 'content-type': CONTENT_TYPE, 'content-length': Buffer.byteLength(json), [REQUEST_ID_HEADER]: requestId });
    res.end(json);
    counts.answered++;
  }

  /** The subgraph's `data` when it answered 200 with data and nothing else; else null. */
  function post(url: URL, payload: string, headers: Record<string, string>): Promise<Record<string, unknown> | null> {
    return new Promise((resolve) => {
      const call = httpRequest(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', () => resolve(null));
          response.on('end', () => {
            if (response.statusCode !== 200 || response.headers['content-encoding']) return resolve(null);
            try {
              const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: unknown; errors?: unknown };
              const plain = parsed.errors === undefined && typeof parsed.data === 'object' && parsed.data !== null && !Array.isArray(parsed.data);
              resolve(plain ? (parsed.data as Record<string, unknown>) : null);
            } catch {
              resolve(null);
            }
          });
        },
      );
      call.setTimeout(30_000, () => call.destroy(new Error('subgraph timeout')));
      call.on('error', () => resolve(null));
      call.end(payload);
    });
  }

  function candidate(req: IncomingMessage): boolean {
    if (req.method !== 'POST' || req.url !== '/graphql') return false;
    const type = req.headers['content-type'];
    if (typeof type !== 'string' || !type.toLowerCase().startsWith('application/json')) return false;
    const length = Number(req.headers['content-length']);
    if (!(length > 0 && length <= limits.maxBodyBytes)) return false;
    return req.headers['origin'] === undefined && req.headers[IDEMPOTENCY_HEADER] === undefined && acceptsDefault(req.headers['accept']);
  }

  return {
    candidate,
    handle,
    counts,
    plugin: {
      onExecute({ args }) {
        schema ??= args.schema;
      },
    },
    close: () => agent.destroy(),
  };
}

/** No Accept, or one the runtime answers with CONTENT_TYPE; any other goes the full way. */
function acceptsDefault(accept: string | undefined): boolean {
  return accept === undefined || accept === '*/*' || accept === 'application/json';
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}
