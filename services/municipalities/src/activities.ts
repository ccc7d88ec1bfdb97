import type { ServiceDeps } from '../../kit/src/service-runtime.js';
import type { CityScope } from '../../kit/src/identity.js';
import { CityScopeFilter } from '../../kit/src/scope.js';
import { MouService } from './mou/mou.service.js';

/** Activities other services' workflows call on the `municipalities` task queue. */
export function createMunicipalityActivities(deps: Pick<ServiceDeps, 'dataSource'>) {
  const mous = new MouService(deps.dataSource);
  return {
    /** The MoU as the enrolling person may see it: outside their cities it does not exist. */
    getMouForEnrolment: (input: { mouId: string; cities: CityScope }) => mous.forEnrolment(input.mouId, new CityScopeFilter(input.cities)),
  };
}

export type MunicipalityActivities = ReturnType<typeof createMunicipalityActivities>;
