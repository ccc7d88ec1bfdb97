import type { DataSource } from 'typeorm';
import { DomainError } from '../../../../domain/errors.js';
import { findVisibleByIds, groupByKeys } from '../../../kit/src/batch.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';
import { ClaimEntity } from './claim.entity.js';

/** Claims as the read model has them (the workflow's activities keep it), limited to the caller's cities. */
export class ClaimReads {
  constructor(readonly db: DataSource) {}

  async require(id: string, scope: CityScopeFilter): Promise<ClaimEntity> {
    const [claim] = await this.findMany([id], scope);
    if (!claim) throw new DomainError('NOT_FOUND', `No claim with id ${id}.`, 'claimId');
    return claim;
  }

  async findMany(ids: readonly string[], scope: CityScopeFilter): Promise<(ClaimEntity | null)[]> {
    return findVisibleByIds(this.db.getRepository(ClaimEntity), ids, scope, (claim) => claim.regionCode);
  }

  async listByParticipants(participantIds: readonly string[], scope: CityScopeFilter): Promise<ClaimEntity[][]> {
    const valid = participantIds.filter(isUuid);
    const visible = scope.where('c.region_code');
    const rows = valid.length
      ? await this.db
          .getRepository(ClaimEntity)
          .createQueryBuilder('c')
          .where('c.participant_id = ANY(:ids)', { ids: valid })
          .andWhere(visible.sql, visible.params)
          .orderBy('c.submitted_at', 'ASC')
          .getMany()
      : [];
    return groupByKeys(participantIds, rows, (row) => row.participantId);
  }
}
