import { Arg, Authorized, Ctx, Directive, Field, GraphQLISODateTime, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { checkPageSize, MAX_AUDIT_PAGE_SIZE } from '../../../domain/pages.js';
import type { RequestContext } from './context.js';

@ObjectType({ description: 'One recorded change or workflow decision. Append-only.' })
@Directive('@shareable')
export class AuditEvent {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLISODateTime)
  at: Date;

  @Field(() => String, { description: 'Who acted (token subject), or `system` for automatic steps.' })
  actor: string;

  @Field(() => [String])
  roles: string[];

  @Field(() => [String], { nullable: true, description: 'The actor’s cities; null means all.' })
  cities: string[] | null;

  @Field(() => String, { nullable: true })
  clientId: string | null;

  @Field(() => String, { nullable: true })
  requestId: string | null;

  @Field(() => String, { description: 'What happened, e.g. `mou.activate`, `claim.approve`.' })
  action: string;

  @Field(() => String)
  entityType: string;

  @Field(() => ID)
  entityId: string;

  @Field(() => String, { nullable: true })
  regionCode: string | null;

  @Field(() => String, { nullable: true, description: 'State before, as JSON (personal data masked).' })
  before: string | null;

  @Field(() => String, { nullable: true, description: 'State after, as JSON (personal data masked).' })
  after: string | null;
}

/** A `<service>AuditLog` query over one service's audit table, for managers and admins. */
export function auditLogResolver(schema: string, queryName: string) {
  @Resolver()
  class AuditLogResolver {
    constructor(readonly dataSource: DataSource) {}

    @Authorized('manager', 'admin')
    @Query(() => [AuditEvent], { name: queryName, description: `Newest first: the ${schema} audit log in your cities.` })
    async auditLog(
      @Ctx() ctx: RequestContext,
      @Arg('entityId', () => ID, { nullable: true }) entityId: string | null,
      @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    ): Promise<AuditEvent[]> {
      checkPageSize(first, MAX_AUDIT_PAGE_SIZE);
      const rows = (await this.dataSource.query(
        `SELECT id::text, at, actor, roles, cities, client_id, request_id, action, entity_type, entity_id, region_code, before::text, after::text
           FROM ${schema}.audit_event
          WHERE ($1::text IS NULL OR entity_id = $1) AND ($2::text[] IS NULL OR region_code = ANY($2))
          ORDER BY id DESC LIMIT $3`,
        [entityId, ctx.scope.asSqlArray(), first],
      )) as Record<string, unknown>[];
      return rows.map((r) => ({
        id: r['id'] as string,
        at: r['at'] as Date,
        actor: r['actor'] as string,
        roles: r['roles'] as string[],
        cities: r['cities'] as string[] | null,
        clientId: r['client_id'] as string | null,
        requestId: r['request_id'] as string | null,
        action: r['action'] as string,
        entityType: r['entity_type'] as string,
        entityId: r['entity_id'] as string,
        regionCode: r['region_code'] as string | null,
        before: r['before'] as string | null,
        after: r['after'] as string | null,
      }));
    }
  }
  return AuditLogResolver;
}
