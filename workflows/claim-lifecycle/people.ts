import { patched, proxyActivities } from '@temporalio/workflow';
import { systemActor } from '../../domain/access.js';
import type { CoverageOnDateActivities, DeathActivities } from '../contracts/participants.activities.js';
import type { QuotaActivities } from '../enrolment/enrolment.activities.js';
import { activityOptions } from '../shared/activity-options.js';
import type { CoverageActivities, CoverageCheck } from './claim-lifecycle.activities.js';
import type { ClaimLifecycleInput } from './claim-lifecycle.messages.js';

/** Runs that ask the people model (coverageOnDate) and record the death once a JKM claim is paid; older histories asked checkCoverage. */
export const PEOPLE_PATCH = 'claims-people-coverage-and-death';

/**
 * The one place the claim workflow asks participants about coverage. With the people model it
 * is coverageOnDate (covered with a coded reason, the enrolment's declared income and start),
 * read into the CoverageCheck shape intake applies; histories from before replay checkCoverage.
 */
export async function coverageFor(input: ClaimLifecycleInput, legacy: CoverageActivities): Promise<CoverageCheck> {
  if (!patched(PEOPLE_PATCH)) return legacy.checkCoverage({ participantId: input.participantId, program: input.program, incidentDate: input.incidentDate, cities: input.cities });
  const people = proxyActivities<CoverageOnDateActivities>(activityOptions(input.queues.participants));
  const answer = await people.coverageOnDate({ participantId: input.participantId, date: input.incidentDate, cities: input.cities });
  if (answer.municipalityId === null || answer.regionCode === null) return { found: false, municipalityId: null, regionCode: null, decision: { covered: false, reasons: [] } };
  const reasons: CoverageCheck['decision']['reasons'] = answer.reason ? [{ code: answer.reason as never, message: answer.message }] : [];
  if (answer.covered && !answer.programs.includes(input.program)) {
    reasons.push({ code: 'PROGRAM_NOT_COVERED', message: `The MoU of this enrolment covers ${answer.programs.join(' and ') || 'no program'}, not ${input.program}.` });
  }
  return {
    found: true,
    municipalityId: answer.municipalityId,
    regionCode: answer.regionCode,
    decision: { covered: reasons.length === 0, reasons },
    declaredMonthlyIncome: answer.declaredMonthlyIncome,
    coverageFrom: answer.coverageFrom,
  };
}

/** A paid JKM claim establishes the death: the person is marked deceased, their enrolments end, their places go back to the MoUs. */
export async function recordDeathOfPaidJkm(input: ClaimLifecycleInput): Promise<void> {
  if (input.program !== 'JKM' || !patched(PEOPLE_PATCH)) return;
  const deaths = proxyActivities<DeathActivities>(activityOptions(input.queues.participants));
  const quota = proxyActivities<Pick<QuotaActivities, 'releaseQuota'>>(activityOptions(input.queues.municipalities));
  const actor = systemActor('system:claim-lifecycle');
  const recorded = await deaths.recordDeath({ participantId: input.participantId, dateOfDeath: input.incidentDate, claimId: input.claimId, actor });
  for (const ended of recorded.ended) await quota.releaseQuota({ participantId: ended.enrolmentId, lastCoveredDay: ended.lastCoveredDay, actor });
}
