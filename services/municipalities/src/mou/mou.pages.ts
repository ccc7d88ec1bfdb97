import { DomainError } from '../../../../domain/errors.js';
import { checkPageSize } from '../../../../domain/pages.js';
import { isUuid } from '../../../kit/src/ids.js';

// Keyset pages for the managers' MoU lists: ordered by (validTo, number, id), soonest-ending
// first; the cursor is the last row's key, so a page costs its size whatever a region holds.

export const DEFAULT_MOU_PAGE_SIZE = 50;

export interface MouPageRequest {
  first: number;
  after: string | null;
}

export interface MouKey {
  validTo: string;
  number: string;
  id: string;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

export function encodeMouCursor(key: MouKey): string {
  return Buffer.from(JSON.stringify([key.validTo, key.number, key.id])).toString('base64url');
}

export function decodeMouCursor(cursor: string): MouKey {
  try {
    const [validTo, number, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof validTo === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(validTo) && typeof number === 'string' && typeof id === 'string' && isUuid(id)) return { validTo, number, id };
  } catch {
    // fall through to the user-facing error
  }
  throw new DomainError('BAD_USER_INPUT', 'The page cursor is not one this API gave out; start again without `after`.', 'after');
}

/** The page size and the key to start after, checked. */
export function mouPageStart(page: MouPageRequest): { limit: number; after: MouKey | null } {
  return { limit: checkPageSize(page.first), after: page.after ? decodeMouCursor(page.after) : null };
}

/** The page from `limit + 1` rows read in key order: the extra row only says there is more. */
export function pageOf<T>(rows: readonly T[], limit: number, keyOf: (row: T) => MouKey): Page<T> {
  const nodes = rows.slice(0, limit);
  const last = nodes[nodes.length - 1];
  return { nodes, pageInfo: { endCursor: last ? encodeMouCursor(keyOf(last)) : null, hasNextPage: rows.length > limit } };
}
