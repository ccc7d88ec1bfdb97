import type { RequestContext } from '../../../kit/src/context.js';
import type { ReferenceResolvers } from '../../../kit/src/subgraph-schema.js';
import type { MunicipalityService } from './municipality.service.js';

/** One batch per request for every city asked for by id, scoped to the caller's cities. */
export function municipalityLoader(ctx: RequestContext, service: MunicipalityService) {
  return ctx.loader('municipalityById', (ids: readonly string[]) => service.findMany(ids, ctx.scope));
}

/** The gateway asks for many cities at once; the same loader serves them all. */
export function municipalityReference(service: MunicipalityService): ReferenceResolvers {
  return { Municipality: { __resolveReference: (reference, ctx) => municipalityLoader(ctx, service).load(reference.id) } };
}
