import type { RequestContext } from '../../../kit/src/context.js';
import type { ReferenceResolvers } from '../../../kit/src/subgraph-schema.js';
import type { MunicipalityService } from './municipality.service.js';

/** The gateway asks for many cities at once; one DataLoader batch serves them all. */
export function municipalityReference(service: MunicipalityService): ReferenceResolvers {
  return {
    Municipality: {
      __resolveReference: (reference: { id: string }, ctx: RequestContext) =>
        ctx.loader('municipalityById', (ids: readonly string[]) => service.findMany(ids)).load(reference.id),
    },
  };
}
