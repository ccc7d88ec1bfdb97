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
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
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
 */
export function argumentGuard(): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const problem = firstProblem(args.document, args.schema, args.operationName ?? undefined, (args.variableValues ?? {}) as Record<string, unknown>);
      if (problem) setResultAndStopExecution({ errors: [refusal('BAD_USER_INPUT', problem.message, undefined, problem.field)] });
    },
  };
}

interface Problem {
  message: string;
  field: string;
}

function firstProblem(document: DocumentNode, schema: GraphQLSchema, operationName: string | undefined, variables: Record<string, unknown>): Problem | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName && definition.name?.value !== operationName) continue;
    const root = schema.getRootType(definition.operation) ?? undefined;
    const problem = walk(definition.selectionSet, root, { schema, fragments, variables, seen: new Set() });
    if (problem) return problem;
  }
  return null;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Fragments already checked (each once: the check does not depend on where it is spread). */
  seen: Set<string>;
}

function walk(set: SelectionSetNode, parent: GraphQLNamedType | undefined, context: Walk): Problem | null {
  for (const selection of set.selections) {
    let problem: Problem | null = null;
    if (selection.kind === Kind.FIELD) {
      const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
      if (definition && definition.args.length > 0) {
        let values: Record<string, unknown> | undefined;
        try {
          values = getArgumentValues(definition, selection, context.variables);
        } catch {
          // Wrongly typed arguments: execution reports them with their own message.
        }
        for (const arg of definition.args) {
          const value = values?.[arg.name];
          if (value === undefined) continue;
          if (PAGE_ARGUMENTS.has(arg.name) && value !== null) {
            const message = pageSizeProblem(value, parent?.name === 'Query' && selection.name.value.endsWith('AuditLog') ? MAX_AUDIT_PAGE_SIZE : MAX_PAGE_SIZE);
            if (message) return { message, field: arg.name };
          }
          problem = textIn(value, arg.type, arg.name === 'input' ? '' : arg.name);
          if (problem) return problem;
        }
      }
      if (selection.selectionSet) problem = walk(selection.selectionSet, definition ? getNamedType(definition.type) : undefined, context);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? context.schema.getType(selection.typeCondition.name.value) : parent;
      problem = walk(selection.selectionSet, type ?? undefined, context);
    } else if (!context.seen.has(selection.name.value)) {
      context.seen.add(selection.name.value);
      const fragment = context.fragments.get(selection.name.value);
      if (fragment) problem = walk(fragment.selectionSet, context.schema.getType(fragment.typeCondition.name.value) ?? undefined, context);
    }
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
