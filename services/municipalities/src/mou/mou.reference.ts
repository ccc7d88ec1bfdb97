import type { RequestContext } from '../../../kit/src/context.js';
import type { ReferenceResolvers } from '../../../kit/src/subgraph-schema.js';
import type { MouService } from './mou.service.js';

export function mouReference(service: MouService): ReferenceResolvers {
  return {
    Mou: {
      __resolveReference: (reference: { id: string }, ctx: RequestContext) =>
        ctx.loader('mouById', (ids: readonly string[]) => service.findMany(ids)).load(reference.id),
    },
  };
}
