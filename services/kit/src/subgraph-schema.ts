import 'reflect-metadata';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, getMetadataStorage, type AuthChecker, type MiddlewareFn, type NonEmptyArray } from 'type-graphql';
import { toGraphQLError, userError } from './errors.js';
import type { RequestContext } from './context.js';
import { RupiahScalar } from './scalars.js';
import { textInputCheck, type TextRules } from './input-check.js';
import { mutationSafetyNet } from './deadline.js';
import type { HttpCallbacks } from './http-server.js';

const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires"])';

export type ReferenceResolvers = Record<string, { __resolveReference(reference: { id: string }, ctx: RequestContext): unknown }>;

export interface Subgraph {
  schema: GraphQLSchema;
  /** The SDL this subgraph publishes to composition (schema/subgraphs/<name>.graphql). */
  sdl: string;
  /** POST endpoints beside /graphql that verify their own callers (payment provider callbacks). */
  callbacks?: HttpCallbacks;
}

/**
 * The middlewares every resolver runs, in this order: domain rules' DomainError (and database
 * faults) become coded errors, so resolvers stay thin; a mutation gets its safety-net deadline;
 * text arguments are checked. One middleware rather than three: type-graphql chains each through
 * async calls, and on a read such as the city overview every field resolver of every row paid
 * for the chain (a query or field without arguments needs only the error translation).
 */
function requestGuards(textRules: TextRules): MiddlewareFn<RequestContext> {
  const safetyNet = mutationSafetyNet();
  const textCheck = textInputCheck(textRules);
  // No closures made per call outside mutations: the tsx build names each one it creates (a cost per field and row).
  return (action, next) => {
    let result: Promise<unknown>;
    try {
      result = action.info.parentType.name === 'Mutation' ? safetyNet(action, () => textCheck(action, next)) : textCheck(action, next);
    } catch (error) {
      throw toGraphQLError(error);
    }
    return result.catch(rethrowCoded);
  };
}

function rethrowCoded(error: unknown): never {
  throw toGraphQLError(error);
}

/**
 * `@Authorized(...roles)` next to each field: any one of the listed roles; none listed = any
 * role. It throws the coded refusal itself (type-graphql's own error carries no stable code).
 */
const authChecker: AuthChecker<RequestContext> = ({ context, info }, roles) => {
  if (roles.length === 0 || context.identity.roles.some((role) => roles.includes(role))) return true;
  const mine = context.identity.roles.join(', ');
  throw userError('FORBIDDEN', `Your role (${mine}) may not use ${info.parentType.name}.${info.fieldName}; it needs ${roles.join(' or ')}.`);
};

/**
 * Plain object fields (a property read, no roles, no middleware of their own) get no resolver.
 * Otherwise type-graphql wraps every one of them in the global middlewares, which are async: each
 * scalar of each row became a promise and a middleware chain (most of the claims subgraph's CPU
 * on the city overview). Field resolvers, queries and mutations keep the middlewares.
 */
function plainFieldsWithoutMiddleware(): void {
  // Read before buildSchema copies roles and middlewares onto the fields, so taken from their own lists.
  const storage = getMetadataStorage() as unknown as Record<'authorizedFields' | 'middlewares' | 'params', { target: object; fieldName?: string; methodName?: string }[]> &
    Record<'authorizedResolver' | 'resolverMiddlewares', { target: object }[]>;
  const has = (list: { target: object; fieldName?: string; methodName?: string }[], target: object, name: string) =>
    list.some((entry) => entry.target === target && (entry.fieldName ?? entry.methodName) === name);
  const classWide = new Set([...storage.authorizedResolver, ...storage.resolverMiddlewares].map((entry) => entry.target));
  for (const field of getMetadataStorage().fields) {
    if (field.simple !== undefined || field.name !== field.schemaName || classWide.has(field.target)) continue;
    if (has(storage.authorizedFields, field.target, field.name) || has(storage.middlewares, field.target, field.name) || has(storage.params, field.target, field.name)) continue;
    field.simple = true;
  }
}

/**
 * Builds a federation subgraph from type-graphql resolvers. The type-graphql schema is printed
 * with its directives (`printSchema` would drop `@key`) and handed to @apollo/subgraph as a
 * module list, which is the form it accepts.
 */
export async function buildSubgraph(options: {
  /** Resolver instances, built with their services: thin classes, constructed by us. */
  resolvers: NonEmptyArray<object>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  references?: ReferenceResolvers;
  /** Length and line-break rules of this subgraph's text inputs (see input-check.ts). */
  textRules?: TextRules;
}): Promise<Subgraph> {
  const instances = new Map<unknown, object>(options.resolvers.map((resolver) => [resolver.constructor, resolver]));
  plainFieldsWithoutMiddleware();
  const typeGraphqlSchema = await buildSchema({
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    resolvers: options.resolvers.map((resolver) => resolver.constructor) as NonEmptyArray<Function>,
    container: { get: (someClass) => instances.get(someClass) },
    orphanedTypes: options.orphanedTypes ?? [],
    scalarsMap: [{ type: BigInt, scalar: RupiahScalar }],
    // Coded errors around all of it, so a refusal by the input check is reported like any broken rule.
    globalMiddlewares: [requestGuards(options.textRules ?? {})],
    authChecker,
    authMode: 'error',
    validate: false,
    skipCheck: true,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}\n`;
  const resolvers = createResolversMap(typeGraphqlSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(options.references ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]);
  return { schema, sdl };
}
