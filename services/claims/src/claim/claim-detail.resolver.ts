import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../kit/src/context.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import { heirAmounts, heirsOfClaims } from '../heir/heir.records.js';
import type { ClaimEntity } from './claim.entity.js';
import type { ClaimService } from './claim.service.js';
import { Claim } from './claim.type.js';
import { ClaimHeirDetail } from './claim-detail.type.js';

/** Roles that pay heirs and so see bank accounts in full. */
const SEES_ACCOUNTS = ['caseworker', 'supervisor', 'admin'];

/**
 * What a claim's page shows beyond its core fields: heirs (accounts masked for roles that need not
 * see them), the benefit rule version and the scholarship entitlement. The checklist is in
 * document/document.resolver.ts, SLA clocks, timeline and assignment in inbox/inbox.resolver.ts.
 */
@Resolver(() => Claim)
export class ClaimDetailResolver {
  constructor(
    private readonly claims: ClaimService,
    private readonly cipher: FieldCipher,
  ) {}

  @FieldResolver(() => [ClaimHeirDetail], { description: 'Every heir with legal order, share and amount.' })
  async heirs(@Root() claim: ClaimEntity, @Ctx() ctx: RequestContext): Promise<ClaimHeirDetail[]> {
    const rows = await ctx
      .loader('heirsByClaim', async (ids: readonly string[]) => {
        const all = await heirsOfClaims(this.claims.db, ids);
        return ids.map((id) => all.filter((r) => r.claim_id === id));
      })
      .load(claim.id);
    const amounts = heirAmounts(rows);
    const full = ctx.identity.roles.some((r) => SEES_ACCOUNTS.includes(r));
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      relationship: r.relationship as ClaimHeirDetail['relationship'],
      legalOrder: r.legal_order,
      share: `${r.share_numerator}/${r.share_denominator}`,
      amount: amounts.get(r.id)!,
      phone: r.phone,
      bankName: r.bank_name,
      bankAccount: r.bank_account_enc ? (full ? this.cipher.decrypt(r.bank_account_enc) : `••••${r.bank_account_last4}`) : null,
      accountHolder: r.account_holder,
    }));
  }

  @FieldResolver(() => String, { nullable: true, description: 'Id of the rule table the benefit came from, e.g. JKM/PP-82-2019.' })
  ruleVersion(@Root() claim: ClaimEntity): string | null {
    return claim.benefitRuleVersion;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'JKM scholarship entitlement with its yearly schedule (JSON), when children were named.',
    deprecationReason: 'Use scholarshipSchedule: typed, with each instalment’s status and payout.',
  })
  scholarship(@Root() claim: ClaimEntity): string | null {
    return claim.scholarship ? JSON.stringify(claim.scholarship) : null;
  }
}
