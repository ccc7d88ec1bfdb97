import { uuid4 } from '@temporalio/workflow';
import type { Actor } from '../../domain/access.js';
import type { LocalDate } from '../../domain/calendar.js';
import type { MouLookupActivities, QuotaActivities } from '../enrolment/enrolment.activities.js';
import { RENEWAL_PAGE_SIZE, type RenewalMoveActivities, type RenewalReport, type SuccessorQuotaActivities } from './mou-lifecycle.activities.js';

/**
 * A renewed MoU's term is over: its participants move to the successor, a page at a time, so no
 * city's list travels through one payload. Participants name the next open enrolments (longest
 * enrolled first); municipalities hold a place on the successor for each one it has room for,
 * under a new enrolment id chosen here (uuid4 is replay-safe); participants end every listed
 * enrolment with MOU_RENEWED at the old validTo and start the new ones on the successor's
 * validFrom. Who did not fit stays ended and is counted in the report.
 */
export async function moveParticipantsToSuccessor(
  move: { mouId: string; successorId: string; lastCoveredDay: LocalDate; actor: Actor; pageSize?: number | undefined },
  municipalities: SuccessorQuotaActivities & MouLookupActivities & Pick<QuotaActivities, 'releaseQuota'>,
  participants: RenewalMoveActivities,
): Promise<RenewalReport> {
  const successor = await municipalities.getMouForEnrolment({ mouId: move.successorId, cities: 'ALL' });
  const report: RenewalReport = { moved: 0, leftBehind: 0, unused: [] };
  for (;;) {
    const page = await participants.renewalCandidates({ mouId: move.mouId, limit: move.pageSize ?? RENEWAL_PAGE_SIZE });
    if (page.length === 0) break;
    const next = page.map((candidate) => ({ ...candidate, successorEnrolmentId: uuid4() }));
    const places = await municipalities.reserveSuccessorPlaces({
      successorId: move.successorId,
      startsOn: successor.validFrom,
      reservations: next.map((c) => ({ participantId: c.successorEnrolmentId, enrolmentId: c.enrolmentId, occupationGroup: c.occupationGroup })),
      actor: move.actor,
    });
    const reserved = new Set(places.reserved);
    const refusals = new Map(places.refused.map((r) => [r.participantId, r]));
    const result = await participants.moveToSuccessor({
      mouId: move.mouId,
      lastCoveredDay: move.lastCoveredDay,
      successor: {
        mouId: successor.mouId,
        municipalityId: successor.municipalityId,
        regionCode: successor.regionCode,
        programs: successor.programs,
        validFrom: successor.validFrom,
        validTo: successor.validTo,
        // The successor's group rates set what the new enrolments state (absent in older histories).
        ...(successor.rates ? { rates: successor.rates } : {}),
      },
      moves: next.filter((c) => reserved.has(c.successorEnrolmentId)).map((c) => ({ enrolmentId: c.enrolmentId, successorEnrolmentId: c.successorEnrolmentId })),
      refused: next.flatMap((c) => {
        const refusal = refusals.get(c.successorEnrolmentId);
        return refusal ? [{ enrolmentId: c.enrolmentId, code: refusal.code, message: refusal.message }] : [];
      }),
      actor: move.actor,
    });
    // An enrolment that ended meanwhile did not move: its place on the successor goes back.
    for (const id of result.unused) await municipalities.releaseQuota({ participantId: id, lastCoveredDay: null, actor: move.actor });
    report.moved += result.moved;
    report.leftBehind += result.leftBehind;
    report.unused.push(...result.unused);
    // Nothing of the page was open any more: the rest is left to endEnrolmentsUnderMou.
    if (result.moved + result.leftBehind === 0) break;
  }
  return report;
}
