import type { DataSource } from 'typeorm';
import { Ctx, Directive, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../kit/src/context.js';
import { RupiahScalar } from '../../../kit/src/scalars.js';
import type { ReferenceResolvers } from '../../../kit/src/subgraph-schema.js';
import { ClaimKpi } from './claim-kpi.type.js';

/**
 * Contributions billed to each city in each year (invoices less credit notes, by billing month),
 * for keys `<regionCode>|<year>`, in one query.
 */
export async function contributionsBilled(dataSource: DataSource, keys: readonly string[]): Promise<bigint[]> {
  const pairs = keys.map((k) => k.split('|') as [string, string]);
  const rows = (await dataSource.query(
    `SELECT k.region_code || '|' || k.year AS key, coalesce(sum(i.total), 0)::text AS billed
       FROM unnest($1::text[], $2::int[]) AS k(region_code, year)
       LEFT JOIN participants.invoice i ON i.region_code = k.region_code AND i.billing_month >= make_date(k.year, 1, 1) AND i.billing_month < make_date(k.year + 1, 1, 1)
      GROUP BY k.region_code, k.year`,
    [pairs.map((p) => p[0]), pairs.map((p) => Number(p[1]))],
  )) as { key: string; billed: string }[];
  const byKey = new Map(rows.map((r) => [r.key, BigInt(r.billed)]));
  return keys.map((k) => byKey.get(k) ?? 0n);
}

@Resolver(() => ClaimKpi)
export class ClaimKpiContributionsResolver {
  constructor(private readonly dataSource: DataSource) {}

  @FieldResolver(() => RupiahScalar, {
    nullable: true,
    description: 'Contributions billed to the city for the year (all programs: invoices carry no per-program split); null outside your cities.',
  })
  async contributionsBilled(@Root() kpi: ClaimKpi, @Ctx() ctx: RequestContext): Promise<bigint | null> {
    if (!ctx.scope.allows(kpi.regionCode)) return null;
    return ctx.loader('contributionsBilled', (keys: readonly string[]) => contributionsBilled(this.dataSource, keys)).load(`${kpi.regionCode}|${kpi.year}`);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      'Claims of this program paid in the year ÷ contributions billed to the city for the year (all programs, so the programs’ ratios add up to the city’s); null while nothing is billed.',
  })
  @Directive('@requires(fields: "paidAmount")')
  async lossRatio(@Root() kpi: ClaimKpi, @Ctx() ctx: RequestContext): Promise<number | null> {
    const billed = await this.contributionsBilled(kpi, ctx);
    if (billed === null || billed <= 0n || kpi.paidAmount === undefined) return null;
    // Rupiah amounts are far below 2^53, so the division is exact to a double's precision.
    return Number(BigInt(kpi.paidAmount)) / Number(billed);
  }
}

/** The gateway sends the key (and paidAmount, when lossRatio is asked for). */
export const claimKpiReference: ReferenceResolvers = {
  ClaimKpi: { __resolveReference: (reference) => ({ ...reference }) },
};
