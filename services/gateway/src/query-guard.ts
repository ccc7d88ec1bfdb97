import { GraphQLError, parse, type DocumentNode } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { refusal } from './errors.js';
import type { GatewayLimits } from './limits.js';
import { measureQuery, pageVariables } from './query-shape.js';

/**
 * Refuses oversized, deep, aliased, directive-heavy and costly operations after parsing and
 * before validation or execution, so no subgraph sees them; in production also introspection,
 * and "Did you mean …" hints that would spell out the schema field by field.
 */
export function queryGuard(limits: GatewayLimits, production: boolean): GatewayPlugin {
  const refusals = new WeakMap<DocumentNode, GraphQLError[]>();
  // Our parse function replaces the runtime's cached one, so it caches itself: clients send the
  // same few documents over and over, and the same DocumentNode also keeps `refusals` warm.
  const parsed = new DocumentCache(PARSE_CACHE_SIZE);
  const costs = new CostCache(limits);
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        const text = typeof source === 'string' ? source : source.body;
        const cached = parsed.get(text);
        if (cached) return cached;
        try {
          const document = parse(source, { ...options, maxTokens: limits.maxTokens });
          parsed.set(text, document);
          return document;
        } catch (error) {
          // graphql-js says "Document contains more that N tokens. Parsing aborted."
          if (error instanceof GraphQLError && error.message.includes('tokens. Parsing aborted')) {
            throw refusal('QUERY_TOO_LARGE', `The query has more than ${limits.maxTokens} tokens. Ask for fewer fields or split it into several requests.`);
          }
          throw error;
        }
      });
    },
    // Static limits: the same document always gets the same answer, so it may be cached.
    onValidate({ params, setResult }) {
      let errors = refusals.get(params.documentAST);
      if (!errors) {
        errors = shapeRefusals(params.documentAST, params.schema, limits, production);
        refusals.set(params.documentAST, errors);
      }
      if (errors.length > 0) setResult(errors);
    },
    // Cost depends on variables (`first: $n`), so it is checked per request, just before execution;
    // only the page-size variables change it, so each document keeps its costs by their values.
    onExecute({ args, setResultAndStopExecution }) {
      const cost = costs.of(args.document, args.schema, args.operationName, args.variableValues);
      if (cost > limits.maxCost) {
        setResultAndStopExecution({
          errors: [
            refusal(
              'QUERY_TOO_COMPLEX',
              `The query could return about ${Math.round(cost)} objects; the limit is ${limits.maxCost}. Ask for smaller pages (first) or fewer nested lists.`,
            ),
          ],
        });
      }
    },
    onExecutionResult({ result, setResult }) {
      if (!production || !result || !('errors' in result) || !Array.isArray(result.errors)) return;
      setResult({ ...result, errors: result.errors.map(withoutSuggestions) });
    },
  };
}

export function shapeRefusals(document: DocumentNode, schema: Parameters<typeof measureQuery>[1], limits: GatewayLimits, production: boolean): GraphQLError[] {
  const shape = measureQuery(document, schema, limits);
  const errors: GraphQLError[] = [];
  if (production && shape.introspection)
    errors.push(refusal('INTROSPECTION_DISABLED', 'Introspection is turned off on this server. The schema is published in the Lindung documentation.'));
  if (shape.depth > limits.maxDepth) errors.push(refusal('QUERY_TOO_DEEP', `The query nests ${shape.depth} levels deep; the limit is ${limits.maxDepth}.`));
  if (shape.aliases > limits.maxAliases) errors.push(refusal('TOO_MANY_ALIASES', `The query uses ${shape.aliases} aliases; the limit is ${limits.maxAliases}.`));
  if (shape.directives > limits.maxDirectives) errors.push(refusal('TOO_MANY_DIRECTIVES', `The query uses ${shape.directives} directives; the limit is ${limits.maxDirectives}.`));
  return errors;
}

/** "Cannot query field "x" on type "Y". Did you mean "z"?" → without the hint. */
function withoutSuggestions(error: GraphQLError): GraphQLError {
  const message = error.message.replace(/\s*Did you mean [^?]*\?\s*$/, '');
  if (message === error.message) return error;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

/** Documents kept parsed; at most this many, and none over MAX_CACHED_LENGTH characters. */
const PARSE_CACHE_SIZE = 1000;
const MAX_CACHED_LENGTH = 20_000;

/** A small LRU of parsed documents by their text (a Map keeps insertion order). */
class DocumentCache {
  private readonly entries = new Map<string, DocumentNode>();

  constructor(private readonly capacity: number) {}

  get(text: string): DocumentNode | undefined {
    const document = this.entries.get(text);
    if (document) {
      this.entries.delete(text);
      this.entries.set(text, document);
    }
    return document;
  }

  set(text: string, document: DocumentNode): void {
    if (text.length > MAX_CACHED_LENGTH) return;
    this.entries.set(text, document);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** Costs per page-size variable values a document has been sent with; at most this many per document. */
const COSTS_PER_DOCUMENT = 64;

/**
 * The cost of (document, operation, variables), measured once per distinct value of the variables
 * that size pages (`first: $n`): no other variable changes it, so an id looked up a thousand times
 * is measured once.
 */
export class CostCache {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, { variables: string[]; costs: Map<string, number> }>>();

  constructor(private readonly limits: GatewayLimits) {}

  of(
    document: DocumentNode,
    schema: Parameters<typeof measureQuery>[1],
    operationName: string | null | undefined,
    variables: Readonly<Record<string, unknown>> | null | undefined,
  ): number {
    let byOperation = this.byDocument.get(document);
    if (!byOperation) this.byDocument.set(document, (byOperation = new Map()));
    const operation = operationName ?? '';
    let entry = byOperation.get(operation);
    if (!entry) byOperation.set(operation, (entry = { variables: pageVariables(document), costs: new Map() }));
    const given = variables ?? {};
    const key = entry.variables.map((name) => (Object.hasOwn(given, name) ? (JSON.stringify(given[name]) ?? 'undefined') : '-')).join(',');
    let cost = entry.costs.get(key);
    if (cost === undefined) {
      cost = measureQuery(document, schema, { ...this.limits, operationName, variables }).cost;
      if (entry.costs.size < COSTS_PER_DOCUMENT) entry.costs.set(key, cost);
    }
    return cost;
  }
}
