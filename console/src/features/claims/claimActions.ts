// Which caseworker actions a claim allows this person now, and why the others are not offered.
// The same rules the claim workflow's Update validators apply (domain/claims), so the page offers
// only what the workflow would accept; the API still decides.
import type { Role } from '../../auth/session';

export type ClaimActionName = 'verify' | 'approve' | 'reject';
export type Reason = 'role' | 'status' | 'fourEyesSubmitted' | 'fourEyesVerified' | 'threshold';
/** Not offered: every reason that applies (an approval can be barred by four eyes and the threshold at once). */
export type ActionState = { allowed: true } | { allowed: false; reasons: Reason[] };

export interface ClaimFacts {
  status: string;
  submittedBy: string;
  verifiedBy: string | null;
  total: string;
}

export interface Person {
  subject: string;
  roles: readonly Role[];
}

const OPEN_FOR: Record<ClaimActionName, readonly string[]> = {
  verify: ['AWAITING_VERIFICATION'],
  approve: ['AWAITING_APPROVAL'],
  reject: ['AWAITING_VERIFICATION', 'AWAITING_APPROVAL'],
};

export function claimActions(claim: ClaimFacts, person: Person, supervisorThreshold: string): Record<ClaimActionName, ActionState> {
  const acts = person.roles.includes('caseworker') || person.roles.includes('supervisor');
  const state = (action: ClaimActionName): ActionState => {
    if (!acts) return { allowed: false, reasons: ['role'] };
    if (!OPEN_FOR[action].includes(claim.status)) return { allowed: false, reasons: ['status'] };
    if (action !== 'approve') return { allowed: true };
    const reasons: Reason[] = [];
    if (claim.submittedBy === person.subject) reasons.push('fourEyesSubmitted');
    if (claim.verifiedBy === person.subject) reasons.push('fourEyesVerified');
    if (!person.roles.includes('supervisor') && !person.roles.includes('admin') && BigInt(claim.total) > BigInt(supervisorThreshold)) reasons.push('threshold');
    return reasons.length === 0 ? { allowed: true } : { allowed: false, reasons };
  };
  return { verify: state('verify'), approve: state('approve'), reject: state('reject') };
}
