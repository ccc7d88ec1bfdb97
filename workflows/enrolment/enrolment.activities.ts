import type { Actor, CityScope } from '../../domain/access.js';
import type { MouStatus } from '../../domain/mou/mou-status.js';
import type { OccupationGroup } from '../../domain/participants/occupation.js';
import type { GroupRateWire } from '../billing/billing.activities.js';
import type { EnrolmentRequest, EnrolmentOutcome } from './enrolment.messages.js';

// The activities the enrolment workflow calls, per task queue.

// ── municipalities queue ─────────────────────────────────────────────────────────────────

/** What enrolment needs to know about an MoU. */
export interface MouForEnrolment {
  mouId: string;
  mouNumber: string;
  municipalityId: string;
  regionCode: string;
  timeZone: string;
  status: MouStatus;
  validFrom: string;
  validTo: string;
  programs: string[];
  /**
   * The MoU's monthly rate per group from every terms version (the one rate source billing uses
   * too); absent in results recorded before it was added.
   */
  rates?: GroupRateWire[];
  /** Today's date in the city, so the workflow needs no clock or time-zone data. */
  today: string;
}

export interface MouLookupActivities {
  /** The MoU as the enrolling person may see it: outside their cities it does not exist. */
  getMouForEnrolment(input: { mouId: string; cities: CityScope }): Promise<MouForEnrolment>;
}

export interface QuotaReservation {
  participantId: string;
  mouId: string;
  occupationGroup: OccupationGroup;
  /** First day covered: the enrolment's cost is counted from its month. */
  startsOn: string;
  cities: CityScope;
  actor: Actor;
}

export interface QuotaActivities {
  /**
   * Holds one place of the group under the MoU, atomically per (MoU, group) and for the MoU's
   * total: NOT_ELIGIBLE unless the MoU is in force and funds the group, QUOTA_EXCEEDED naming
   * the group when it is full. Idempotent on the participant id.
   */
  reserveQuota(reservation: QuotaReservation): Promise<{ placesLeftInGroup: number }>;
  /**
   * Gives the place back. `lastCoveredDay` null: the enrolment never happened (the reservation is
   * dropped); otherwise it ended after that day. Idempotent.
   */
  releaseQuota(input: { participantId: string; lastCoveredDay: string | null; actor: Actor }): Promise<void>;
}

export interface EnrolmentPlaceActivities {
  /**
   * getMouForEnrolment, the enrolment rules and reserveQuota (from the first day covered) in one
   * round trip: the enrolment workflow's first step. The MoU as getMouForEnrolment answers it.
   */
  holdPlaceForEnrolment(input: Omit<QuotaReservation, 'startsOn'>): Promise<MouForEnrolment>;
}

// ── participants queue ───────────────────────────────────────────────────────────────────

export interface EnrolmentRecordActivities {
  /** Writes the enrolment; idempotent on the participant id, quota-safe per MoU. */
  recordEnrolment(request: EnrolmentRequest, mou: MouForEnrolment): Promise<EnrolmentOutcome>;
}
