import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** What an operation asks of the system, with fragments expanded where they are spread. */
export interface QueryShape {
  /** Nested field levels: `{ a { b } }` is 2. */
  depth: number;
  aliases: number;
  directives: number;
  /** Objects it may return: 1 per object field, times the items a list may hold (see limits.ts). */
  cost: number;
  /** Asks for `__schema` or `__type`. */
  introspection: boolean;
}

/** Arguments that bound how many items a field returns. */
const PAGE_ARGUMENTS = new Set(['first', 'last', 'limit']);

const none = (): QueryShape => ({ depth: 0, aliases: 0, directives: 0, cost: 0, introspection: false });

/**
 * Measures the named operation, or every operation of the document (the largest figures) when
 * no name is given. Works on unvalidated documents: unknown fields and fragments count as leaves,
 * and fragment cycles stop. Each fragment is measured once, so a "fragment bomb" costs us little.
 */
export function measureQuery(
  document: DocumentNode,
  schema: GraphQLSchema,
  options: { operationName?: string | null; variables?: Readonly<Record<string, unknown>> | null; defaultListSize: number; assumedListSizes?: Readonly<Record<string, number>> },
): QueryShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION && (!options.operationName || definition.name?.value === options.operationName)) operations.push(definition);
  }
  const result = none();
  for (const operation of operations) {
    const variables: Record<string, unknown> = {};
    for (const definition of operation.variableDefinitions ?? []) {
      if (definition.defaultValue) variables[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
    }
    Object.assign(variables, options.variables ?? {});
    const walker = new Walker(schema, fragments, variables, options.defaultListSize, options.assumedListSizes ?? {});
    const shape = walker.selectionSet(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, false, new Set());
    shape.directives += operation.directives?.length ?? 0;
    result.depth = Math.max(result.depth, shape.depth);
    result.aliases = Math.max(result.aliases, shape.aliases);
    result.directives = Math.max(result.directives, shape.directives);
    result.cost = Math.max(result.cost, shape.cost);
    result.introspection ||= shape.introspection;
  }
  return result;
}

class Walker {
  private readonly memo = new Map<string, QueryShape>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    private readonly defaultListSize: number,
    private readonly assumedListSizes: Readonly<Record<string, number>>,
  ) {}

  /** `paged`: the parent field took a page size, so a list directly below it is that page. */
  selectionSet(set: SelectionSetNode, parent: GraphQLNamedType | undefined, paged: boolean, path: ReadonlySet<string>): QueryShape {
    const total = none();
    for (const selection of set.selections) {
      total.directives += selection.directives?.length ?? 0;
      let inner: QueryShape;
      if (selection.kind === Kind.FIELD) {
        inner = this.field(selection, parent, paged, path);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : parent;
        inner = this.selectionSet(selection.selectionSet, type ?? undefined, paged, path);
      } else {
        inner = this.spread(selection.name.value, paged, path);
      }
      total.depth = Math.max(total.depth, inner.depth);
      total.aliases += inner.aliases;
      total.directives += inner.directives;
      total.cost += inner.cost;
      total.introspection ||= inner.introspection;
    }
    return total;
  }

  private field(node: FieldNode, parent: GraphQLNamedType | undefined, paged: boolean, path: ReadonlySet<string>): QueryShape {
    const aliases = node.alias ? 1 : 0;
    const name = node.name.value;
    // Introspection is answered by the gateway itself: refused in production, not priced.
    if (name.startsWith('__')) return { ...none(), depth: 1, aliases, introspection: name !== '__typename' };
    const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
    const pageSize = definition ? this.pageSize(node, definition) : undefined;
    const isList = definition ? isListType(getNullableType(definition.type)) : false;
    const listSize = (parent && this.assumedListSizes[`${parent.name}.${name}`]) ?? this.defaultListSize;
    const perItem = pageSize ?? (isList && !paged ? listSize : 1);
    const type = definition ? getNamedType(definition.type) : undefined;
    const child = node.selectionSet ? this.selectionSet(node.selectionSet, type, pageSize !== undefined, path) : none();
    return {
      depth: 1 + child.depth,
      aliases: aliases + child.aliases,
      directives: child.directives,
      // Scalars and enums are free: they come with the object that holds them.
      cost: type && isLeafType(type) ? 0 : perItem * (1 + child.cost),
      introspection: child.introspection,
    };
  }

  private spread(name: string, paged: boolean, path: ReadonlySet<string>): QueryShape {
    const fragment = this.fragments.get(name);
    if (!fragment || path.has(name)) return none();
    const key = `${name}/${paged}`;
    let shape = this.memo.get(key);
    if (!shape) {
      const type = this.schema.getType(fragment.typeCondition.name.value) ?? undefined;
      shape = this.selectionSet(fragment.selectionSet, type, paged, new Set(path).add(name));
      shape.directives += fragment.directives?.length ?? 0;
      this.memo.set(key, shape);
    }
    return shape;
  }

  /** The page size a field was asked for (argument, variable or schema default), if it takes one. */
  private pageSize(node: FieldNode, definition: GraphQLField<unknown, unknown>): number | undefined {
    const argument = definition.args.find((arg) => PAGE_ARGUMENTS.has(arg.name));
    if (!argument) return undefined;
    const given = node.arguments?.find((arg) => arg.name.value === argument.name)?.value;
    const value = given ? (given.kind === Kind.VARIABLE ? this.variables[given.name.value] : valueFromASTUntyped(given)) : argument.defaultValue;
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : this.defaultListSize;
  }
}

/**
 * The variables a document's cost can depend on: those given to a page-size argument
 * (`first: $n`). Every other variable leaves the cost as it is.
 */
export function pageVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (PAGE_ARGUMENTS.has(node.name.value) && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return [...names].sort();
}
