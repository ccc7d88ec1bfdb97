import type { DataSource } from 'typeorm';
import { DomainError } from '../../../../domain/errors.js';
import { checkPageSize, COUNT_CAP, MAX_PAGE_SIZE } from '../../../../domain/pages.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';
import type { ParticipantEntity } from './participant.entity.js';
import { PARTICIPANT_COLUMNS, participantFromRow } from './participant.rows.js';
import { preparedRows } from '../../../kit/src/read-query.js';

export { MAX_PAGE_SIZE };
export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  first: number;
  after: string | null;
}

export interface ParticipantPage {
  nodes: ParticipantEntity[];
  /** Read lazily: the count runs only when a client selects it; at most COUNT_CAP. */
  readonly totalCount: Promise<number> | number;
  /** More than COUNT_CAP rows (the count stopped there). */
  readonly totalCountCapped: Promise<boolean> | boolean;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

type Owner = 'municipality_id' | 'mou_id';

/** Keyset pages of participants by name, for many owners (cities or MoUs) in two queries. */
export class ParticipantPages {
  constructor(private readonly dataSource: DataSource) {}

  async byOwners(owner: Owner, ownerIds: readonly string[], page: PageRequest, scope: CityScopeFilter): Promise<ParticipantPage[]> {
    const first = checkPageSize(page.first);
    const cursor = page.after ? decodeCursor(page.after) : null;
    const ids = ownerIds.filter(isUuid);
    if (ids.length === 0) return ownerIds.map(() => emptyPage());
    const scopeCities = scope.asSqlArray();
    // One keyset walk per owner over its (owner, full_name, id) index, first + 1 rows each: the
    // cost follows the page size, not the number of participants a city or MoU has. The page's
    // rows come in the same statement, prepared once per connection (kit/read-query.ts).
    const rows = (
      await preparedRows(
        this.dataSource,
        `participant-pages-by-${owner}`,
        `SELECT ${PARTICIPANT_COLUMNS} FROM unnest($1::uuid[]) AS owner(id)
         CROSS JOIN LATERAL (
           SELECT e.id FROM participants.enrolment e
            WHERE e.${owner} = owner.id AND ($2::text[] IS NULL OR e.region_code = ANY($2))
              AND ($3::text IS NULL OR (e.full_name, e.id) > ($3, $4::uuid))
            ORDER BY e.full_name, e.id
            LIMIT $5
         ) page
         JOIN participants.participant p ON p.id = page.id
         ORDER BY p.full_name, p.id`,
        [ids, scopeCities, cursor?.name ?? null, cursor?.id ?? null, first + 1],
      )
    ).map(participantFromRow);
    // Counting every row of a big city is the expensive part: only when a client asks, and only
    // up to COUNT_CAP + 1 rows per owner, an index-only walk that stops there. An owner's
    // enrolments all carry its city's region code, so the caller's cities are checked on one row
    // and the count itself needs no heap visit per row.
    let counted: Promise<Map<string, number>> | undefined;
    const countOf = (ownerId: string): Promise<number> => {
      counted ??= preparedRows(
        this.dataSource,
        `participant-counts-by-${owner}`,
        `SELECT owner.id AS owner,
                CASE WHEN $2::text[] IS NULL OR EXISTS (SELECT 1 FROM participants.enrolment p WHERE p.${owner} = owner.id AND p.region_code = ANY($2))
                     THEN (SELECT count(*) FROM (SELECT 1 FROM participants.enrolment p WHERE p.${owner} = owner.id LIMIT $3) upto) ELSE 0 END::int AS n
           FROM unnest($1::uuid[]) AS owner(id)`,
        [ids, scopeCities, COUNT_CAP + 1],
      ).then((counts) => new Map(counts.map((c) => [c['owner'] as string, c['n'] as number])));
      return counted.then((counts) => counts.get(ownerId) ?? 0);
    };
    const ownerOf = (row: ParticipantEntity) => (owner === 'municipality_id' ? row.municipalityId : row.mouId);
    return ownerIds.map((ownerId) => {
      const mine = rows.filter((row) => ownerOf(row) === ownerId);
      const nodes = mine.slice(0, first);
      const last = nodes[nodes.length - 1];
      return {
        nodes,
        get totalCount() {
          return countOf(ownerId).then((n) => Math.min(n, COUNT_CAP));
        },
        get totalCountCapped() {
          return countOf(ownerId).then((n) => n > COUNT_CAP);
        },
        pageInfo: { endCursor: last ? encodeCursor(last) : null, hasNextPage: mine.length > first },
      };
    });
  }
}

function emptyPage(): ParticipantPage {
  return { nodes: [], totalCount: 0, totalCountCapped: false, pageInfo: { endCursor: null, hasNextPage: false } };
}

function encodeCursor(row: ParticipantEntity): string {
  return Buffer.from(JSON.stringify([row.fullName, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof name === 'string' && typeof id === 'string' && isUuid(id)) return { name, id };
  } catch {
    // fall through to the user-facing error
  }
  throw new DomainError('BAD_USER_INPUT', 'The page cursor is not one this API gave out; start again without `after`.', 'after');
}
