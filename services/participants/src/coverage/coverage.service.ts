import type { DataSource } from 'typeorm';
import { decideCoverage } from '../../../../domain/eligibility/coverage.js';
import { coverageOn } from '../../../../domain/participants/enrolment-status.js';
import type { CoverageActivities, CoverageCheck, CoverageQuery } from '../../../../workflows/claim-lifecycle/claim-lifecycle.activities.js';
import type { CoverageOnDate, CoverageOnDateActivities, CoverageOnDateQuery } from '../../../../workflows/contracts/participants.activities.js';
import { CityScopeFilter } from '../../../kit/src/scope.js';
import { personHistory, type EnrolmentFacts } from './enrolment-history.js';

/** Answers the claim workflow: was this person covered on the incident date, by which enrolment, with which standing? */
export class CoverageService implements CoverageActivities, CoverageOnDateActivities {
  constructor(private readonly dataSource: DataSource) {}

  async coverageOnDate(query: CoverageOnDateQuery): Promise<CoverageOnDate> {
    return (await this.answer(query)).answer;
  }

  private async answer(query: CoverageOnDateQuery): Promise<{ history: EnrolmentFacts[]; answer: CoverageOnDate }> {
    const history = await personHistory(this.dataSource.manager, query.participantId, new CityScopeFilter(query.cities));
    const verdict = coverageOn(history, query.date);
    const e = verdict.enrolment as EnrolmentFacts | null;
    const person = history[0];
    const answer: CoverageOnDate = {
      covered: verdict.covered,
      reason: person ? verdict.reason : 'NOT_ENROLLED',
      message: person ? verdict.message : `No participant with id ${query.participantId}.`,
      personId: person?.personId ?? null,
      kpjNumber: person?.kpjNumber ?? null,
      enrolmentId: e?.id ?? null,
      mouId: e?.mouId ?? null,
      municipalityId: e?.municipalityId ?? null,
      regionCode: e?.regionCode ?? null,
      occupationGroup: e?.occupationGroup ?? null,
      statusOnDate: verdict.statusOnDate,
      endReason: e?.endReason ?? null,
      coverageFrom: e?.coverageFrom ?? null,
      coverageTo: e?.coverageTo ?? null,
      programs: e?.programs ?? [],
      declaredMonthlyIncome: e?.declaredMonthlyIncome ?? null,
      monthlyContribution: e?.monthlyContribution ?? null,
      dateOfDeath: person?.dateOfDeath ?? null,
    };
    return { history, answer };
  }

  /** The older question (today's claim workflow): the verdict above, told as the coverage decision with its reasons. */
  async checkCoverage(query: CoverageQuery): Promise<CoverageCheck> {
    const { history, answer } = await this.answer({ participantId: query.participantId, date: query.incidentDate, cities: query.cities });
    if (answer.enrolmentId === null) return { found: false, municipalityId: null, regionCode: null, decision: { covered: false, reasons: [] } };
    // The claim is recorded in the city of the enrolment it was filed under.
    const asked = history.find((h) => h.id === query.participantId)!;
    const decision = decideCoverage(
      { status: answer.statusOnDate === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE', coverageFrom: answer.coverageFrom!, coverageTo: answer.coverageTo!, programs: answer.programs },
      { program: query.program, incidentDate: query.incidentDate },
    );
    return { found: true, municipalityId: asked.municipalityId, regionCode: asked.regionCode, decision };
  }
}
