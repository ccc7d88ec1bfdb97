import type { EntityManager } from 'typeorm';
import { budgetUtilisation, type BudgetUtilisation, type EnrolmentSpan, type RatePeriod } from '../../../../domain/mou/budget.js';
import { latestTerms, termsAsOf } from '../../../../domain/mou/mou-terms.js';
import type { OccupationGroup } from '../../../../domain/participants/occupation.js';
import { loadTermsVersions } from './mou.terms.js';

/**
 * Budget utilisation of an MoU per fiscal-year line, from the places it holds (the reservation
 * ledger: who is covered from when to when, per group), each month at the rates in force in it
 * (every terms version's group rates from its effective date, later addenda included). The
 * enrolment periods are aggregated in SQL, so this stays cheap at a city's full quota.
 */
export async function mouBudgetUtilisation(db: Pick<EntityManager, 'query'>, mouId: string, today: string): Promise<BudgetUtilisation[]> {
  const versions = (await loadTermsVersions(db, [mouId])).get(mouId) ?? [];
  if (versions.length === 0) return [];
  const terms = termsAsOf(versions, today) ?? versions[0]!;
  const latest = latestTerms(versions);
  const rows = (await db.query(
    `SELECT occupation_group, starts_on, ends_on, count(*)::int AS n
       FROM municipalities.quota_reservation WHERE mou_id = $1
      GROUP BY occupation_group, starts_on, ends_on`,
    [mouId],
  )) as { occupation_group: OccupationGroup; starts_on: string; ends_on: string | null; n: number }[];
  const spans: EnrolmentSpan[] = rows.map((r) => ({ group: r.occupation_group, startsOn: r.starts_on, endsOn: r.ends_on, count: r.n }));
  const rates: RatePeriod[] = versions.map((v) => ({ from: v.effectiveFrom, rates: Object.fromEntries(v.groups.map((g) => [g.group, g.monthlyContribution])) }));
  return latest.budgetLines.map((line) => {
    const inForce = terms.budgetLines.find((b) => b.fiscalYear === line.fiscalYear) ?? line;
    return budgetUtilisation({ fiscalYear: line.fiscalYear, budget: inForce.amount, validFrom: latest.validFrom, validTo: latest.validTo, rates, spans, today });
  });
}
