import type { CityScope } from '../../domain/access.js';
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
  status: string;
  validFrom: string;
  validTo: string;
  quota: number;
  programs: string[];
  /** Today's date in the city, so the workflow needs no clock or time-zone data. */
  today: string;
}

export interface MouLookupActivities {
  /** The MoU as the enrolling person may see it: outside their cities it does not exist. */
  getMouForEnrolment(input: { mouId: string; cities: CityScope }): Promise<MouForEnrolment>;
}

// ── participants queue ───────────────────────────────────────────────────────────────────

export interface EnrolmentRecordActivities {
  /** Writes the enrolment; idempotent on the participant id, quota-safe per MoU. */
  recordEnrolment(request: EnrolmentRequest, mou: MouForEnrolment): Promise<EnrolmentOutcome>;
}
