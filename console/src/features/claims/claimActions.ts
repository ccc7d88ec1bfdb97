// Which caseworker actions a claim allows this person now, and why the others are not offered.
// The API gives no list of allowed actions, so this mirrors the rules the claim workflow's Update
// validators apply, importing the pure ones from domain/ (transitions, four eyes, threshold,
// document checklist); the API still decides.
import { checkApprovalAuthority } from '../../../../domain/claims/approval';
import { canApply, isClaimStatus, isClosed, type ClaimAction } from '../../../../domain/claims/claim-status';
import { missingDocuments, type DocumentState } from '../../../../domain/claims/documents';
import type { Role } from '../../auth/session';

export type ClaimActionName = 'verify' | 'approve' | 'reject' | 'requestDocuments' | 'resubmitDocuments' | 'cancel' | 'reopen';
export type Reason = 'role' | 'status' | 'supervisorOnly' | 'fourEyesSubmitted' | 'fourEyesVerified' | 'fourEyesApprovedBefore' | 'threshold' | 'documentsIncomplete';
/** Not offered: every reason that applies (an approval can be barred by four eyes and the threshold at once). */
export type ActionState = { allowed: true } | { allowed: false; reasons: Reason[] };

export interface ClaimFacts {
  status: string;
  submittedBy: string;
  verifiedBy: string | null;
  total: string;
  /** The checklist; verification needs every required document VERIFIED. */
  documents?: readonly { type: string; required: boolean; state: DocumentState }[];
  /** Who approved it before a reopening (APPROVE events of the timeline). */
  pastApprovers?: readonly string[];
}

export interface Person {
  subject: string;
  roles: readonly Role[];
}

const WORKFLOW_ACTION: Record<ClaimActionName, ClaimAction> = {
  verify: 'VERIFY_DOCUMENTS',
  approve: 'APPROVE',
  reject: 'REJECT',
  requestDocuments: 'REQUEST_DOCUMENTS',
  resubmitDocuments: 'RESUBMIT_DOCUMENTS',
  cancel: 'CANCEL',
  reopen: 'REOPEN',
};
export const CLAIM_ACTION_NAMES = Object.keys(WORKFLOW_ACTION) as ClaimActionName[];

const actsOnClaims = (person: Person) => person.roles.includes('caseworker') || person.roles.includes('supervisor');

function approvalReasons(claim: ClaimFacts, person: Person, threshold: string): Reason[] {
  const reasons: Reason[] = [];
  if (claim.submittedBy === person.subject) reasons.push('fourEyesSubmitted');
  if (claim.verifiedBy === person.subject) reasons.push('fourEyesVerified');
  if (claim.pastApprovers?.includes(person.subject)) reasons.push('fourEyesApprovedBefore');
  try {
    checkApprovalAuthority(person, BigInt(claim.total), BigInt(threshold));
  } catch {
    reasons.push('threshold');
  }
  return reasons;
}

export function claimActions(claim: ClaimFacts, person: Person, supervisorThreshold: string): Record<ClaimActionName, ActionState> {
  const state = (action: ClaimActionName): ActionState => {
    if (!actsOnClaims(person)) return { allowed: false, reasons: ['role'] };
    if (!isClaimStatus(claim.status) || !canApply(claim.status, WORKFLOW_ACTION[action])) return { allowed: false, reasons: ['status'] };
    const reasons: Reason[] = [];
    if (action === 'reopen' && !person.roles.includes('supervisor')) reasons.push('supervisorOnly');
    if (action === 'approve') reasons.push(...approvalReasons(claim, person, supervisorThreshold));
    if (action === 'verify' && claim.documents && missingDocuments(claim.documents).length > 0) reasons.push('documentsIncomplete');
    return reasons.length === 0 ? { allowed: true } : { allowed: false, reasons };
  };
  return Object.fromEntries(CLAIM_ACTION_NAMES.map((name) => [name, state(name)])) as Record<ClaimActionName, ActionState>;
}

/** Documents change while the claim awaits verification or more documents (document.service.ts). */
const RECEIVES_DOCUMENTS = ['AWAITING_VERIFICATION', 'DOCUMENTS_REQUESTED'];
/** An heir's account may be entered or corrected until the claim is paid (workflows/claim-lifecycle/payout.ts). */
const TAKES_ACCOUNTS = ['AWAITING_VERIFICATION', 'DOCUMENTS_REQUESTED', 'AWAITING_APPROVAL', 'APPROVED', 'PAYOUT_FAILED'];

/** What may be done to one checklist document now: receive any time documents are open; review only a received one, before verification. */
export function documentActions(claimStatus: string, state: DocumentState, person: Person): { receive: boolean; review: boolean } {
  if (!actsOnClaims(person)) return { receive: false, review: false };
  return { receive: RECEIVES_DOCUMENTS.includes(claimStatus), review: claimStatus === 'AWAITING_VERIFICATION' && state === 'RECEIVED' };
}

export function canEnterPayoutAccount(claimStatus: string, person: Person): boolean {
  return actsOnClaims(person) && TAKES_ACCOUNTS.includes(claimStatus);
}

/** Taking a case: caseworkers only, an unassigned open case (inbox.service.ts assign). */
export function takeState(claim: { status: string; assignee: string | null }, person: Person): 'take' | 'mine' | 'taken' | 'closed' | 'notCaseworker' {
  if (isClaimStatus(claim.status) && isClosed(claim.status)) return 'closed';
  if (claim.assignee === person.subject) return 'mine';
  if (claim.assignee) return 'taken';
  return person.roles.includes('caseworker') ? 'take' : 'notCaseworker';
}

/** Assigning a case to someone (or to no one): supervisors only, an open case (inbox.service.ts assign). */
export function canAssign(claim: { status: string }, person: Person): boolean {
  return person.roles.includes('supervisor') && !(isClaimStatus(claim.status) && isClosed(claim.status));
}
