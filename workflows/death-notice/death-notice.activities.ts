import type { ClaimLeadOpened, DeathNotice } from './death-notice.messages.js';

/** The claims task queue's side of a death notice. Implemented by services/claims/src/activities.ts. */
export interface ClaimLeadActivities {
  /** Opens a claim lead in the claims inbox; idempotent per (person, date of death). */
  openClaimLead(notice: DeathNotice): Promise<ClaimLeadOpened>;
}
