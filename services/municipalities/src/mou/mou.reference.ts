import type { RequestContext } from '../../../kit/src/context.js';
import type { ReferenceResolvers } from '../../../kit/src/subgraph-schema.js';
import type { MouService } from './mou.service.js';

export function mouLoader(ctx: RequestContext, service: MouService) {
  return ctx.loader('mouById', (ids: readonly string[]) => service.findMany(ids, ctx.scope));
}

export function mouReference(service: MouService): ReferenceResolvers {
  return { Mou: { __resolveReference: (reference, ctx) => mouLoader(ctx, service).load(reference.id) } };
}
