import type { ServiceDeps } from '../../kit/src/service-runtime.js';
import { MouService } from './mou/mou.service.js';

/** Activities other services' workflows call on the `municipalities` task queue. */
export function createMunicipalityActivities(deps: Pick<ServiceDeps, 'dataSource'>) {
  const mous = new MouService(deps.dataSource);
  return {
    getMouForEnrolment: (input: { mouId: string }) => mous.forEnrolment(input.mouId),
  };
}

export type MunicipalityActivities = ReturnType<typeof createMunicipalityActivities>;
