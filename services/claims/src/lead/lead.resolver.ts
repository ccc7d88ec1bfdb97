import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { GraphQLISODateTime } from 'type-graphql';
import type { RequestContext } from '../../../kit/src/context.js';
import { LocalDateScalar } from '../../../kit/src/scalars.js';
import { ClaimInboxPage } from '../inbox/inbox.type.js';
import { Participant } from '../federation/participant.type.js';
import type { LeadRow, LeadService } from './lead.service.js';

@ObjectType({ description: 'A covered person’s death reported by the civil registry: heirs to contact. Not a claim until they file one.' })
export class ClaimLead {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'Always LEAD: tells leads from claims in the inbox.' })
  kind: 'LEAD';

  @Field(() => String, { description: 'OPEN, CONVERTED (the heirs filed claimId) or DISMISSED (with a reason).' })
  status: string;

  @Field(() => Participant, { description: 'The enrolment that covered the date of death (name, NIK and KPJ from the participants subgraph).' })
  participant: Participant;

  @Field(() => ID)
  municipalityId: string;

  @Field(() => String)
  regionCode: string;

  @Field(() => LocalDateScalar)
  dateOfDeath: string;

  @Field(() => String, { description: 'Where the notice came from, e.g. registry-extract.' })
  source: string;

  @Field(() => ID, { nullable: true })
  claimId: string | null;

  @Field(() => String, { nullable: true })
  dismissedReason: string | null;

  @Field(() => GraphQLISODateTime)
  reportedAt: Date;
}

function toLead(row: LeadRow): ClaimLead {
  return {
    id: row.id,
    kind: 'LEAD',
    status: row.status,
    participant: { id: row.participant_id },
    municipalityId: row.municipality_id,
    regionCode: row.region_code,
    dateOfDeath: row.date_of_death,
    source: row.source,
    claimId: row.claim_id,
    dismissedReason: row.dismissed_reason,
    reportedAt: row.created_at,
  };
}

/** Claim leads in the inbox, and their conversion or dismissal. */
@Resolver(() => ClaimInboxPage)
export class ClaimLeadResolver {
  constructor(private readonly leadService: LeadService) {}

  @FieldResolver(() => [ClaimLead], { description: 'Open claim leads (deaths reported for covered people) of the same cities, oldest death first.' })
  async leads(@Root() page: ClaimInboxPage, @Arg('first', () => Int, { defaultValue: 50 }) first: number, @Ctx() ctx: RequestContext): Promise<ClaimLead[]> {
    return (await this.leadService.openLeads(ctx.scope, page.leadRegion ?? null, Math.min(Math.max(first, 1), 200))).map(toLead);
  }

  @Authorized('caseworker', 'supervisor')
  @Mutation(() => ClaimLead, { description: 'The heirs filed: links an open lead to their claim (for the same participant).' })
  async convertClaimLead(@Arg('leadId', () => ID) leadId: string, @Arg('claimId', () => ID) claimId: string, @Ctx() ctx: RequestContext): Promise<ClaimLead> {
    return toLead(await this.leadService.convert(leadId, claimId, ctx));
  }

  @Authorized('caseworker', 'supervisor')
  @Mutation(() => ClaimLead, { description: 'Closes an open lead nobody will claim on, with the reason.' })
  async dismissClaimLead(@Arg('leadId', () => ID) leadId: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: RequestContext): Promise<ClaimLead> {
    return toLead(await this.leadService.dismiss(leadId, reason, ctx));
  }
}
