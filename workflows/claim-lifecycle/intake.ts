import { jkkBenefitFor, jkkTableFor } from '../../domain/benefits/jkk.js';
import { jkmBenefitFor, jkmScholarshipFor, type EducationLevel } from '../../domain/benefits/jkm.js';
import type { BenefitBreakdown } from '../../domain/benefits/breakdown.js';
import { DEFAULT_DECLARED_INCOME } from '../../domain/contributions/income-basis.js';
import { heirRank, heirShares, onlyFuneralArranger } from '../../domain/claims/heirs.js';
import { assertClaimantKnown } from '../../domain/claims/intake.js';
import { assertEligible } from '../../domain/eligibility/claim-eligibility.js';
import { applyRule } from '../shared/rules.js';
import type { ClaimRecordActivities, CoverageActivities, CoverageCheck, SharedHeir, StoredHeir } from './claim-lifecycle.activities.js';
import type { ClaimLifecycleInput } from './claim-lifecycle.messages.js';
import type { ClaimState } from './claim-state.js';
import { coverageFor } from './people.js';

/**
 * Takes the claim in: the person was covered on the incident date (asked of participants), the
 * claim is eligible (coded reasons), the heirs are in legal order with their shares, the
 * benefit comes from the tables in force that day, and the claim is recorded. A broken rule
 * throws with its code and nothing is written.
 */
export async function takeIn(
  input: ClaimLifecycleInput,
  state: ClaimState,
  participants: CoverageActivities,
  claims: Pick<ClaimRecordActivities, 'recordClaimSubmitted'>,
): Promise<void> {
  const coverage = await coverageFor(input, participants);
  applyRule(() => assertClaimantKnown(coverage, input.participantId));
  applyRule(() =>
    assertEligible({
      program: input.program,
      incidentDate: input.incidentDate,
      filedOn: input.filedOn ?? input.incidentDate,
      coverage: coverage.decision,
      jkkExpiryMonths: input.program === 'JKK' ? jkkTableFor(input.incidentDate).expiryMonths : 0,
    }),
  );
  const heirs = applyRule(() => settleHeirs(input.heirs ?? [input.heir]));
  const benefit = applyRule(() => assess(input, coverage, heirs));
  state.benefitTotal = benefit.breakdown.total;
  await claims.recordClaimSubmitted({
    claimId: input.claimId,
    participantId: input.participantId,
    municipalityId: coverage.municipalityId!,
    regionCode: coverage.regionCode!,
    program: input.program,
    incidentDate: input.incidentDate,
    heir: input.heir,
    heirs,
    submittedBy: { subject: input.submittedBy, roles: input.submitterRoles, cities: input.cities, clientId: null, requestId: input.requestId },
    regulation: benefit.breakdown.regulation,
    ruleVersion: benefit.breakdown.ruleVersion,
    components: benefit.breakdown.components.map((c) => ({ code: c.code, label: c.label, amount: c.amount.toString(), ...(c.basis ? { basis: c.basis } : {}) })),
    total: benefit.breakdown.total.toString(),
    facts: benefit.facts,
    scholarship: benefit.scholarship,
  });
  state.progress.status = 'AWAITING_VERIFICATION';
}

function settleHeirs(heirs: readonly StoredHeir[]): SharedHeir[] {
  const shares = heirShares(heirs);
  return heirs.map((h, i) => ({ ...h, legalOrder: heirRank(h.relationship), shareNumerator: shares[i]!.numerator, shareDenominator: shares[i]!.denominator }));
}

/**
 * The one place the coverage answer feeds the benefit: eligibility codes, the declared income
 * (the enrolment's; the city package's minimum basis when the participants build does not say)
 * and the membership start for the scholarship. Switch to coverageOnDate here when it serves.
 */
function assess(input: ClaimLifecycleInput, coverage: CoverageCheck, heirs: SharedHeir[]) {
  if (input.program === 'JKM' && !input.jkk) {
    let breakdown: BenefitBreakdown = jkmBenefitFor(input.incidentDate);
    // No heir at all (order 6): whoever arranged the funeral receives its cost; the rest stays in the fund.
    if (onlyFuneralArranger(heirs))
      breakdown = { ...breakdown, components: breakdown.components.filter((c) => c.code === 'FUNERAL'), total: breakdown.components.find((c) => c.code === 'FUNERAL')!.amount };
    const children = heirs.filter((h) => h.relationship === 'CHILD' && h.birthDate && h.educationLevel);
    const scholarship =
      children.length > 0 && coverage.coverageFrom
        ? jkmScholarshipFor({
            incidentDate: input.incidentDate,
            membershipFrom: coverage.coverageFrom,
            children: children.map((c) => ({ name: c.name, birthDate: c.birthDate!, level: c.educationLevel as EducationLevel })),
          })
        : null;
    return {
      breakdown,
      facts: null,
      scholarship: scholarship && { ...scholarship, total: scholarship.total.toString(), schedule: scholarship.schedule.map((p) => ({ ...p, amount: p.amount.toString() })) },
    };
  }
  const facts = input.jkk ?? { outcome: 'RECOVERED' as const };
  const income = coverage.declaredMonthlyIncome ? BigInt(coverage.declaredMonthlyIncome) : DEFAULT_DECLARED_INCOME;
  const breakdown = jkkBenefitFor({
    incidentDate: input.incidentDate,
    declaredMonthlyIncome: income,
    outcome: facts.outcome,
    incapacityMonths: facts.incapacityMonths ?? 0,
    disabilities: facts.disabilities ?? [],
    medicalReceipts: (facts.medicalReceipts ?? []).map((r) => BigInt(r)),
    transportReceipts: (facts.transportReceipts ?? []).map((t) => ({ mode: t.mode, amount: BigInt(t.amount) })),
  });
  return {
    breakdown,
    facts: { ...facts, declaredMonthlyIncome: income.toString(), incomeSource: coverage.declaredMonthlyIncome ? 'ENROLMENT' : 'CITY_PACKAGE_MINIMUM_BASIS' },
    scholarship: null,
  };
}
