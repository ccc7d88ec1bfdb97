import type { DataSource } from 'typeorm';
import { DomainError } from '../../../../domain/errors.js';
import { checkPageSize, MAX_PAGE_SIZE } from '../../../../domain/pages.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';
import { ParticipantEntity } from './participant.entity.js';

export { MAX_PAGE_SIZE };
export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  first: number;
  after: string | null;
}

export interface ParticipantPage {
  nodes: ParticipantEntity[];
  totalCount: number;
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
    const repository = this.dataSource.getRepository(ParticipantEntity);
    const visible = scope.where('p.region_code');
    const ranked = repository
      .createQueryBuilder('p')
      .select('p.id', 'id')
      .addSelect(`row_number() OVER (PARTITION BY p.${owner} ORDER BY p.full_name, p.id)`, 'rank')
      .where(`p.${owner} = ANY(:ids)`, { ids })
      .andWhere(visible.sql, visible.params);
    if (cursor) ranked.andWhere('(p.full_name, p.id) > (:name, :id)', { name: cursor.name, id: cursor.id });
    const pageIds = (await this.dataSource
      .createQueryBuilder()
      .select('r.id', 'id')
      .from(`(${ranked.getQuery()})`, 'r')
      .setParameters(ranked.getParameters())
      .where('r.rank <= :limit', { limit: first + 1 })
      .getRawMany()) as { id: string }[];
    const rows = pageIds.length
      ? await repository.createQueryBuilder('p').where('p.id = ANY(:ids)', { ids: pageIds.map((r) => r.id) }).orderBy('p.full_name').addOrderBy('p.id').getMany()
      : [];
    const counts = (await repository
      .createQueryBuilder('p')
      .select(`p.${owner}`, 'owner')
      .addSelect('count(*)::int', 'n')
      .where(`p.${owner} = ANY(:ids)`, { ids })
      .andWhere(visible.sql, visible.params)
      .groupBy(`p.${owner}`)
      .getRawMany()) as { owner: string; n: number }[];
    const countOf = new Map(counts.map((c) => [c.owner, c.n]));
    const ownerOf = (row: ParticipantEntity) => (owner === 'municipality_id' ? row.municipalityId : row.mouId);
    return ownerIds.map((ownerId) => {
      const mine = rows.filter((row) => ownerOf(row) === ownerId);
      const nodes = mine.slice(0, first);
      const last = nodes[nodes.length - 1];
      return {
        nodes,
        totalCount: countOf.get(ownerId) ?? 0,
        pageInfo: { endCursor: last ? encodeCursor(last) : null, hasNextPage: mine.length > first },
      };
    });
  }
}

function emptyPage(): ParticipantPage {
  return { nodes: [], totalCount: 0, pageInfo: { endCursor: null, hasNextPage: false } };
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
