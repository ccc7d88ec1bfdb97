import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../kit/src/context.js';
import type { ClaimEntity } from '../claim/claim.entity.js';
import { Claim } from '../claim/claim.type.js';
import { SetPayoutAccountInput } from '../payout/payout.type.js';
import type { ScholarshipService } from './scholarship.service.js';
import { ClaimScholarship, EndScholarshipInput, SchoolCertificateInput } from './scholarship.type.js';

/** The scholarship on Claim and the caseworkers' scholarship mutations. */
@Resolver(() => Claim)
export class ClaimScholarshipResolver {
  constructor(private readonly scholarships: ScholarshipService) {}

  @FieldResolver(() => ClaimScholarship, {
    nullable: true,
    description: 'The JKM scholarship: entitlement, children and the yearly instalments with status, amounts, due and paid dates; null when no child was named.',
  })
  scholarshipSchedule(@Root() claim: ClaimEntity, @Ctx() ctx: RequestContext): Promise<ClaimScholarship | null> {
    return ctx.loader('scholarshipByClaim', (claims: readonly ClaimEntity[]) => this.scholarships.forClaims(claims)).load(claim);
  }

  @Authorized('caseworker', 'supervisor')
  @Mutation(() => Claim, { description: 'Records a child’s school certificate for a school year as verified; that year’s scholarship is paid once it is due.' })
  verifySchoolCertificate(@Arg('input', () => SchoolCertificateInput) input: SchoolCertificateInput, @Ctx() ctx: RequestContext): Promise<ClaimEntity> {
    return this.scholarships.verifyCertificate(input, ctx);
  }

  @Authorized('caseworker', 'supervisor')
  @Mutation(() => Claim, { description: 'Ends a child’s scholarship before its last year (married, working, left school, died): the years not yet paid end.' })
  endScholarship(@Arg('input', () => EndScholarshipInput) input: EndScholarshipInput, @Ctx() ctx: RequestContext): Promise<ClaimEntity> {
    return this.scholarships.endEntitlement(input, ctx);
  }

  @Authorized('caseworker', 'supervisor')
  @Mutation(() => Claim, { description: 'Corrects a child’s bank account after the bank refused a scholarship payout; the refused year is sent again.' })
  setScholarshipPayoutAccount(@Arg('input', () => SetPayoutAccountInput) input: SetPayoutAccountInput, @Ctx() ctx: RequestContext): Promise<ClaimEntity> {
    return this.scholarships.setPayoutAccount(input, ctx);
  }
}
