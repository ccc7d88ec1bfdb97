import type { DataSource } from 'typeorm';
import { decideCoverage } from '../../../../domain/eligibility/coverage.js';
import type { CoverageActivities, CoverageCheck, CoverageQuery } from '../../../../workflows/claim-lifecycle/claim-lifecycle.activities.js';
import { findVisibleByIds } from '../../../kit/src/batch.js';
import { CityScopeFilter } from '../../../kit/src/scope.js';
import { ParticipantEntity } from '../participant/participant.entity.js';

/** Answers the claim workflow: was this person covered for this program on the incident date? */
export class CoverageService implements CoverageActivities {
  constructor(private readonly dataSource: DataSource) {}

  async checkCoverage(query: CoverageQuery): Promise<CoverageCheck> {
    const [participant] = await findVisibleByIds(this.dataSource.getRepository(ParticipantEntity), [query.participantId], new CityScopeFilter(query.cities), (row) => row.regionCode);
    if (!participant) {
      return { found: false, municipalityId: null, regionCode: null, decision: { covered: false, reasons: [] } };
    }
    return {
      found: true,
      municipalityId: participant.municipalityId,
      regionCode: participant.regionCode,
      decision: decideCoverage(participant, { program: query.program, incidentDate: query.incidentDate }),
    };
  }
}
