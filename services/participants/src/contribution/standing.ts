import type { EntityManager } from 'typeorm';
import type { EnrolmentStandingActivities, StandingChange, StandingChanged } from '../../../../workflows/contracts/participants.activities.js';

/**
 * The people model's standing records (markInactive / reactivate: effective-dated periods, one
 * audit row per change) as billing calls them while it holds the account's lock. They commit in
 * their own transaction; both sides are idempotent, so a retried review converges.
 */
export interface EnrolmentStanding {
  markInactive(tx: EntityManager, change: StandingChange): Promise<StandingChanged>;
  reactivate(tx: EntityManager, change: StandingChange): Promise<StandingChanged>;
}

export function standingOf(records: EnrolmentStandingActivities): EnrolmentStanding {
  return {
    markInactive: (_tx, change) => records.markInactive(change),
    reactivate: (_tx, change) => records.reactivate(change),
  };
}
