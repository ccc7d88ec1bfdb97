import type { MouLookupActivities } from '../../../workflows/enrolment/enrolment.activities.js';
import type { ServiceDeps } from '../../kit/src/service-runtime.js';
import { CityScopeFilter } from '../../kit/src/scope.js';
import { MouService } from './mou/mou.service.js';

/** What the `municipalities` task queue serves to other services' workflows. */
export type MunicipalityActivities = MouLookupActivities;

export function createMunicipalityActivities(deps: Pick<ServiceDeps, 'dataSource'>): MunicipalityActivities {
  const mous = new MouService(deps.dataSource);
  return {
    getMouForEnrolment: (input) => mous.forEnrolment(input.mouId, new CityScopeFilter(input.cities)),
  };
}
