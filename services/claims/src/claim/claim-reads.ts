import type { DataSource } from 'typeorm';
import { DomainError } from '../../../../domain/errors.js';
import { groupByKeys } from '../../../kit/src/batch.js';
import { isUuid } from '../../../kit/src/ids.js';
import { preparedRows } from '../../../kit/src/read-query.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';
import type { ClaimEntity } from './claim.entity.js';
import { CLAIM_COLUMNS, claimFromRow } from './claim.rows.js';

/** Claims as the read model has them (the workflow's activities keep it), limited to the caller's cities. */
export class ClaimReads {
  constructor(readonly db: DataSource) {}

  async require(id: string, scope: CityScopeFilter): Promise<ClaimEntity> {
    const [claim] = await this.findMany([id], scope);
    if (!claim) throw new DomainError('NOT_FOUND', `No claim with id ${id}.`, 'claimId');
    return claim;
  }

  /** Plain rows through one prepared statement (no TypeORM hydration on the read path). */
  async findMany(ids: readonly string[], scope: CityScopeFilter): Promise<(ClaimEntity | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? (await preparedRows(this.db, 'claims-by-id', `SELECT ${CLAIM_COLUMNS} FROM claims.claim c WHERE c.id = ANY($1::uuid[])`, [valid])).map(claimFromRow)
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return scope.visible(
      ids.map((id) => byId.get(id) ?? null),
      (claim) => claim.regionCode,
    );
  }

  /** One statement for every participant of a page (city scope in the WHERE), oldest claim first. */
  async listByParticipants(participantIds: readonly string[], scope: CityScopeFilter): Promise<ClaimEntity[][]> {
    const valid = participantIds.filter(isUuid);
    const rows = valid.length
      ? (
          await preparedRows(
            this.db,
            'claims-by-participants',
            `SELECT ${CLAIM_COLUMNS} FROM claims.claim c
              WHERE c.participant_id = ANY($1::uuid[]) AND ($2::text[] IS NULL OR c.region_code = ANY($2))
              ORDER BY c.submitted_at`,
            [valid, scope.asSqlArray()],
          )
        ).map(claimFromRow)
      : [];
    return groupByKeys(participantIds, rows, (row) => row.participantId);
  }
}
