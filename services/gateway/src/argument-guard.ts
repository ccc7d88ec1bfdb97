import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isScalarType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { MAX_AUDIT_PAGE_SIZE, MAX_PAGE_SIZE, pageSizeProblem } from '../../../domain/pages.js';
import { NOTE_RULE, textProblem } from '../../../domain/text.js';
import { refusal } from './errors.js';

/** Arguments that size a page. */
const PAGE_ARGUMENTS = new Set(['first', 'last']);
/** The loosest text rule of any subgraph field (a note); each subgraph then applies its own. */
const OUTER_TEXT_RULE = NOTE_RULE;

/**
 * Checks the arguments of every field of an operation, nested ones included, before the query
 * plan runs: page sizes out of range and text with control characters or beyond any field's
 * limit are BAD_USER_INPUT here, so a cross-subgraph query is not half run (one subgraph's SQL
 * done) before another subgraph refuses its part.
 *
 * The walk over the document is done once per (document, operation): it leaves the fields that
 * take arguments, in document order, and those whose arguments hold no variable are judged then
 * and there. A request then checks only the fields whose arguments come from its variables.
 */
export function argumentGuard(): GatewayPlugin {
  const compiled = new WeakMap<DocumentNode, Map<string, Site[]>>();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      let byOperation = compiled.get(args.document);
      if (!byOperation) compiled.set(args.document, (byOperation = new Map()));
      const key = args.operationName ?? '';
      let sites = byOperation.get(key);
      if (!sites) byOperation.set(key, (sites = compileSites(args.document, args.schema, args.operationName ?? undefined)));
      const problem = firstProblem(sites, (args.variableValues ?? {}) as Record<string, unknown>);
      if (problem) setResultAndStopExecution({ errors: [refusal('BAD_USER_INPUT', problem.message, undefined, problem.field)] });
    },
  };
}

interface Problem {
  message: string;
  field: string;
}

/** A field that takes arguments: judged once (`problem`) when they hold no variable, else per request. */
export type Site = { kind: 'static'; problem: Problem } | { kind: 'dynamic'; definition: GraphQLField<unknown, unknown>; node: FieldNode; parentName: string | undefined };

export function firstProblem(sites: readonly Site[], variables: Record<string, unknown>): Problem | null {
  for (const site of sites) {
    const problem = site.kind === 'static' ? site.problem : argumentProblem(site.definition, site.node, site.parentName, variables);
    if (problem) return problem;
  }
  return null;
}

export function compileSites(document: DocumentNode, schema: GraphQLSchema, operationName: string | undefined): Site[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const sites: Site[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName && definition.name?.value !== operationName) continue;
    const root = schema.getRootType(definition.operation) ?? undefined;
    walk(definition.selectionSet, root, { schema, fragments, seen: new Set(), sites });
  }
  return sites;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  /** Fragments already walked (each once: the check does not depend on where it is spread). */
  seen: Set<string>;
  sites: Site[];
}

function walk(set: SelectionSetNode, parent: GraphQLNamedType | undefined, context: Walk): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
      if (definition && definition.args.length > 0) {
        if (selection.arguments?.some((arg) => holdsVariable(arg.value))) {
          context.sites.push({ kind: 'dynamic', definition, node: selection, parentName: parent?.name });
        } else {
          const problem = argumentProblem(definition, selection, parent?.name, {});
          if (problem) context.sites.push({ kind: 'static', problem });
        }
      }
      if (selection.selectionSet) walk(selection.selectionSet, definition ? getNamedType(definition.type) : undefined, context);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? context.schema.getType(selection.typeCondition.name.value) : parent;
      walk(selection.selectionSet, type ?? undefined, context);
    } else if (!context.seen.has(selection.name.value)) {
      context.seen.add(selection.name.value);
      const fragment = context.fragments.get(selection.name.value);
      if (fragment) walk(fragment.selectionSet, context.schema.getType(fragment.typeCondition.name.value) ?? undefined, context);
    }
  }
}

function holdsVariable(value: ValueNode): boolean {
  if (value.kind === Kind.VARIABLE) return true;
  if (value.kind === Kind.LIST) return value.values.some(holdsVariable);
  if (value.kind === Kind.OBJECT) return value.fields.some((field) => holdsVariable(field.value));
  return false;
}

function argumentProblem(definition: GraphQLField<unknown, unknown>, node: FieldNode, parentName: string | undefined, variables: Record<string, unknown>): Problem | null {
  let values: Record<string, unknown> | undefined;
  try {
    values = getArgumentValues(definition, node, variables);
  } catch {
    // Wrongly typed arguments: execution reports them with their own message.
  }
  for (const arg of definition.args) {
    const value = values?.[arg.name];
    if (value === undefined) continue;
    if (PAGE_ARGUMENTS.has(arg.name) && value !== null) {
      const message = pageSizeProblem(value, parentName === 'Query' && node.name.value.endsWith('AuditLog') ? MAX_AUDIT_PAGE_SIZE : MAX_PAGE_SIZE);
      if (message) return { message, field: arg.name };
    }
    const problem = textIn(value, arg.type, arg.name === 'input' ? '' : arg.name);
    if (problem) return problem;
  }
  return null;
}

function textIn(value: unknown, type: GraphQLInputType, path: string): Problem | null {
  if (value === null || value === undefined) return null;
  const inner = getNullableType(type);
  if (isListType(inner)) {
    for (const item of Array.isArray(value) ? value : []) {
      const problem = textIn(item, inner.ofType, path);
      if (problem) return problem;
    }
    return null;
  }
  if (isInputObjectType(inner)) {
    for (const field of Object.values(inner.getFields())) {
      const problem = textIn((value as Record<string, unknown>)[field.name], field.type, path ? `${path}.${field.name}` : field.name);
      if (problem) return problem;
    }
    return null;
  }
  if (isScalarType(inner) && typeof value === 'string') {
    const problem = textProblem(value, OUTER_TEXT_RULE);
    const field = path || 'input';
    if (problem) return { message: `${field} ${problem}.`, field };
  }
  return null;
}
