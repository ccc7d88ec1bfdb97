import { Kind, print, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

// The fast path's plans and answers (fast-path.ts): which query plans it takes, and how the
// subgraphs' answers are merged and cut to the client's selection. Pure: no I/O, no state.

/**
 * The query plans taken here: fetches from the root, and entity fetches whose representations are
 * the `__typename` and key fields of the objects at a path, in sequence or in parallel.
 */
export type Step =
  | { kind: 'fetch'; url: URL; query: string; variableUsages: string[] }
  | { kind: 'entities'; url: URL; query: string; variableUsages: string[]; path: (string | null)[]; typeName: string; keys: string[] }
  | { kind: 'sequence'; steps: Step[] }
  | { kind: 'parallel'; steps: Step[] };

/** Response keys to copy, with what to copy below each (null: a leaf). */
export type Projection = [key: string, children: Projection | null][];

/**
 * A selection set written out plainly — `alias:name(args){…}` per field, named fragments on the
 * parent's own fields inlined — and the projection it asks for; null when it has directives or
 * inline fragments (the planner then writes conditions of its own, and the answer is not the
 * subgraph's as is).
 */
export function canonical(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: ReadonlySet<string> = new Set(),
): { text: string; projection: Projection } | null {
  const parts: string[] = [];
  const projection: Projection = [];
  const keys = new Set<string>();
  for (const selection of set.selections) {
    if (selection.directives?.length) return null;
    if (selection.kind === Kind.INLINE_FRAGMENT) return null;
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value) || fragment.directives?.length) return null;
      const inner = canonical(fragment.selectionSet, fragments, new Set(seen).add(fragment.name.value));
      if (!inner) return null;
      for (const item of inner.projection) {
        if (keys.has(item[0])) return null;
        keys.add(item[0]);
      }
      parts.push(inner.text);
      projection.push(...inner.projection);
      continue;
    }
    const key = selection.alias?.value ?? selection.name.value;
    // The same key twice is merged by GraphQL; the planner writes it once: not worth matching.
    if (keys.has(key)) return null;
    keys.add(key);
    const args = selection.arguments?.length ? `(${selection.arguments.map((arg) => `${arg.name.value}:${print(arg.value)}`).join(',')})` : '';
    let children: { text: string; projection: Projection } | null = null;
    if (selection.selectionSet) {
      children = canonical(selection.selectionSet, fragments, seen);
      if (!children) return null;
    }
    parts.push(`${selection.alias ? `${selection.alias.value}:` : ''}${selection.name.value}${args}${children ? `{${children.text}}` : ''}`);
    projection.push([key, children ? children.projection : null]);
  }
  return { text: parts.join(' '), projection };
}

/** The plan's steps, or null for any node, rewrite or requirement this path does not take. */
export function compileStep(node: Record<string, unknown>, urls: Partial<Record<string, string>>): Step | null {
  const kind = node['kind'];
  if (kind === 'Sequence' || kind === 'Parallel') {
    const nodes = node['nodes'];
    if (!Array.isArray(nodes)) return null;
    const steps = nodes.map((inner: Record<string, unknown>) => compileStep(inner, urls));
    if (!steps.every((step): step is Step => step !== null)) return null;
    return kind === 'Sequence' ? { kind: 'sequence', steps } : { kind: 'parallel', steps };
  }
  const fetch = kind === 'Flatten' ? (node['node'] as Record<string, unknown> | undefined) : node;
  if (!fetch || fetch['kind'] !== 'Fetch' || fetch['operationKind'] !== 'query' || fetch['inputRewrites'] || fetch['outputRewrites'] || fetch['contextRewrites']) return null;
  const url = urls[String(fetch['serviceName'])];
  const query = fetch['operation'];
  if (!url || typeof query !== 'string') return null;
  const variableUsages = Array.isArray(fetch['variableUsages']) ? (fetch['variableUsages'] as string[]) : [];
  if (kind !== 'Flatten') return fetch['requires'] ? null : { kind: 'fetch', url: new URL(url), query, variableUsages };
  // An entity fetch: representations of `__typename` and plain key fields, at a path of fields and lists.
  const requires = fetch['requires'];
  const path = node['path'];
  if (!Array.isArray(requires) || requires.length !== 1 || !Array.isArray(path)) return null;
  const [fragment] = requires as { kind?: string; typeCondition?: string; selections?: { kind?: string; name?: string; selections?: unknown }[] }[];
  if (fragment?.kind !== 'InlineFragment' || !fragment.typeCondition || !Array.isArray(fragment.selections)) return null;
  const fields = fragment.selections;
  if (!fields.every((field) => field.kind === 'Field' && typeof field.name === 'string' && !field.selections)) return null;
  const keys = fields.map((field) => field.name!).filter((name) => name !== '__typename');
  if (!fields.some((field) => field.name === '__typename')) return null;
  const segments: (string | null)[] = [];
  for (const segment of path as unknown[]) {
    if (segment === '@') segments.push(null);
    else if (typeof segment === 'object' && segment !== null && typeof (segment as { Field?: unknown }).Field === 'string' && Object.keys(segment).length === 1)
      segments.push((segment as { Field: string }).Field);
    else return null;
  }
  return {
    kind: 'entities',
    url: new URL(url),
    query,
    variableUsages: variableUsages.filter((name) => name !== 'representations'),
    path: segments,
    typeName: fragment.typeCondition,
    keys,
  };
}

/** The objects at a path (null: each item of a list), skipping nulls. */
export function objectsAt(data: Record<string, unknown>, path: readonly (string | null)[]): Record<string, unknown>[] {
  let current: unknown[] = [data];
  for (const segment of path) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || value === undefined) continue;
      if (segment === null) {
        if (Array.isArray(value)) next.push(...value);
      } else if (typeof value === 'object' && !Array.isArray(value)) next.push((value as Record<string, unknown>)[segment]);
    }
    current = next;
  }
  return current.filter((value): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value));
}

/** Adds an answer's fields to what is there (objects field by field, lists item by item). */
export function merge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(source)) {
    const mine = target[key];
    const theirs = source[key];
    if (Array.isArray(mine) && Array.isArray(theirs) && mine.length === theirs.length) {
      for (let i = 0; i < mine.length; i++) {
        if (isPlainObject(mine[i]) && isPlainObject(theirs[i])) merge(mine[i] as Record<string, unknown>, theirs[i] as Record<string, unknown>);
        else mine[i] = theirs[i];
      }
    } else if (isPlainObject(mine) && isPlainObject(theirs)) merge(mine, theirs);
    else target[key] = theirs;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The client's selection of the subgraph's data; undefined if a key is missing (then the runtime answers). */
export function project(value: unknown, selections: Projection): unknown {
  if (value === null) return null;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = project(value[i], selections);
      if (item === undefined) return undefined;
      out[i] = item;
    }
    return out;
  }
  if (typeof value !== 'object') return undefined;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, children] of selections) {
    const field = source[key];
    if (field === undefined) return undefined;
    if (children === null) out[key] = field;
    else {
      const inner = project(field, children);
      if (inner === undefined) return undefined;
      out[key] = inner;
    }
  }
  return out;
}
