import type { EnrolmentEndOutcome, EnrolmentEndRequest } from './enrolment-end.messages.js';

// ── participants queue ───────────────────────────────────────────────────────────────────

export interface EnrolmentEndRecordActivities {
  /** Ends an active enrolment: covered through lastCoveredDay. A repeat finds it done. */
  recordEnrolmentEnded(request: Omit<EnrolmentEndRequest, 'queues'>): Promise<EnrolmentEndOutcome>;
}

// ── municipalities queue: QuotaActivities.releaseQuota (workflows/enrolment/enrolment.activities.ts) ──
