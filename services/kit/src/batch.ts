import type { ObjectLiteral, Repository } from 'typeorm';
import { isUuid } from './ids.js';
import type { CityScopeFilter } from './scope.js';

/**
 * Rows for DataLoader keys in one query, in key order. A malformed id, a missing row and a row
 * outside the caller's cities all come back as null: to the caller they do not exist.
 */
export async function findVisibleByIds<T extends ObjectLiteral & { id: string }>(
  repository: Repository<T>,
  ids: readonly string[],
  scope: CityScopeFilter,
  regionOf: (row: T) => string,
): Promise<(T | null)[]> {
  const valid = ids.filter(isUuid);
  const rows = valid.length ? await repository.createQueryBuilder('row').where('row.id = ANY(:ids)', { ids: valid }).getMany() : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return scope.visible(
    ids.map((id) => byId.get(id) ?? null),
    regionOf,
  );
}

/** Rows grouped under each DataLoader key, in key order; a key without rows gets []. */
export function groupByKeys<T, K>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
