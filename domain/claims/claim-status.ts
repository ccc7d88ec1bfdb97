import { DomainError } from '../errors.js';

// The claim state machine. The claims subgraph uses it to validate requests and the claim
// workflow uses it in its Update validators, so both refuse the same things with the same words.

// Stages of issue 15: SUBMITTED → eligibility (intake) → documents (AWAITING_VERIFICATION, or
// DOCUMENTS_REQUESTED until the heir re-submits) → assessed and awaiting APPROVAL
// (AWAITING_APPROVAL) → APPROVED (payout under way) → PAID; REJECTED (reopenable), CANCELLED;
// PAYOUT_FAILED when a provider refuses a transfer for good, until RETRY_PAYOUT.
export const CLAIM_STATUSES = [
  'SUBMITTED',
  'AWAITING_VERIFICATION',
  'DOCUMENTS_REQUESTED',
  'AWAITING_APPROVAL',
  'APPROVED',
  'PAID',
  'REJECTED',
  'CANCELLED',
  'PAYOUT_FAILED',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_ACTIONS = [
  'ACCEPT_INTAKE',
  'VERIFY_DOCUMENTS',
  'APPROVE',
  'PAY',
  'REJECT',
  'REQUEST_DOCUMENTS',
  'RESUBMIT_DOCUMENTS',
  'CANCEL',
  'REOPEN',
  'FAIL_PAYOUT',
  'RETRY_PAYOUT',
] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

export const CLAIM_TRANSITIONS: Readonly<Record<ClaimStatus, Readonly<Partial<Record<ClaimAction, ClaimStatus>>>>> = {
  SUBMITTED: { ACCEPT_INTAKE: 'AWAITING_VERIFICATION' },
  AWAITING_VERIFICATION: { VERIFY_DOCUMENTS: 'AWAITING_APPROVAL', REJECT: 'REJECTED', REQUEST_DOCUMENTS: 'DOCUMENTS_REQUESTED', CANCEL: 'CANCELLED' },
  DOCUMENTS_REQUESTED: { RESUBMIT_DOCUMENTS: 'AWAITING_VERIFICATION', REJECT: 'REJECTED', CANCEL: 'CANCELLED' },
  AWAITING_APPROVAL: { APPROVE: 'APPROVED', REJECT: 'REJECTED', REQUEST_DOCUMENTS: 'DOCUMENTS_REQUESTED', CANCEL: 'CANCELLED' },
  APPROVED: { PAY: 'PAID', FAIL_PAYOUT: 'PAYOUT_FAILED' },
  PAID: {},
  REJECTED: { REOPEN: 'AWAITING_VERIFICATION' },
  CANCELLED: {},
  // A provider refused a transfer for good (closed account, unknown bank): a caseworker corrects
  // the heir's account and the payout is retried (workflows/claim-lifecycle/payout.ts).
  PAYOUT_FAILED: { RETRY_PAYOUT: 'APPROVED' },
};

export function isClaimStatus(x: string): x is ClaimStatus {
  return (CLAIM_STATUSES as readonly string[]).includes(x);
}

export function canApply(from: ClaimStatus, action: ClaimAction): boolean {
  return CLAIM_TRANSITIONS[from][action] !== undefined;
}

export function isClosed(status: ClaimStatus): boolean {
  return status === 'PAID' || status === 'REJECTED' || status === 'CANCELLED';
}

// Wording for refusals: "<where the claim is>; <what cannot happen and why>."
const STATUS_PHRASES: Record<ClaimStatus, string> = {
  SUBMITTED: 'This claim is waiting to be accepted for intake',
  AWAITING_VERIFICATION: 'This claim is awaiting document verification',
  DOCUMENTS_REQUESTED: 'This claim is waiting for documents the heir was asked for',
  AWAITING_APPROVAL: 'This claim is awaiting approval',
  APPROVED: 'This claim is already approved',
  PAID: 'This claim has already been paid',
  REJECTED: 'This claim was rejected',
  PAYOUT_FAILED: 'The payout of this claim was refused by the bank',
  CANCELLED: 'This claim was cancelled',
};
const ACTION_PHRASES: Record<ClaimAction, { subject: string; verb: string }> = {
  ACCEPT_INTAKE: { subject: 'it', verb: 'accepted for intake' },
  VERIFY_DOCUMENTS: { subject: 'documents', verb: 'verified' },
  APPROVE: { subject: 'it', verb: 'approved' },
  PAY: { subject: 'it', verb: 'paid' },
  REJECT: { subject: 'it', verb: 'rejected' },
  FAIL_PAYOUT: { subject: 'its payout', verb: 'marked failed' },
  RETRY_PAYOUT: { subject: 'its payout', verb: 'retried' },
  REQUEST_DOCUMENTS: { subject: 'documents', verb: 'requested' },
  RESUBMIT_DOCUMENTS: { subject: 'documents', verb: 're-submitted' },
  CANCEL: { subject: 'it', verb: 'cancelled' },
  REOPEN: { subject: 'it', verb: 'reopened' },
};
// Position on the happy path, to tell "too late" from "not yet".
const STEP: Record<ClaimStatus, number> = {
  SUBMITTED: 0,
  AWAITING_VERIFICATION: 1,
  DOCUMENTS_REQUESTED: 1,
  AWAITING_APPROVAL: 2,
  APPROVED: 3,
  PAID: 4,
  REJECTED: 5,
  PAYOUT_FAILED: 3,
  CANCELLED: 5,
};

// Repeating the step that produced the status reads better as "again".
const ALREADY_DONE: Partial<Record<ClaimStatus, ClaimAction>> = { APPROVED: 'APPROVE', PAID: 'PAY' };

function refusal(from: ClaimStatus, action: ClaimAction): string {
  const { subject, verb } = ACTION_PHRASES[action];
  const where = STATUS_PHRASES[from];
  if (from === 'REJECTED' || from === 'CANCELLED') return `${where}; it is closed and cannot be ${verb}${from === 'REJECTED' ? ' (reopen it first)' : ''}.`;
  if (ALREADY_DONE[from] === action) return `${where}; ${subject} cannot be ${verb} again.`;
  const sources = CLAIM_STATUSES.filter((s) => canApply(s, action));
  const tooLate = STEP[from] > Math.max(...sources.map((s) => STEP[s]));
  return tooLate ? `${where}; ${subject} can no longer be ${verb}.` : `${where}; ${subject} cannot be ${verb} yet.`;
}

export function nextStatus(from: ClaimStatus, action: ClaimAction): ClaimStatus {
  const to = CLAIM_TRANSITIONS[from][action];
  if (to === undefined) throw new DomainError('INVALID_TRANSITION', refusal(from, action), 'status');
  return to;
}

/** Four-eyes rule: the approver must be neither the submitter nor the verifier, nor have approved this claim before (a reopened claim). */
export function checkApprover(people: { approver: string; submitter: string; verifier?: string | null; pastApprovers?: readonly string[] }): void {
  if (people.pastApprovers?.includes(people.approver)) {
    throw new DomainError('FOUR_EYES', 'You approved this claim before it was reopened; another person must approve it now.', 'approver');
  }
  if (people.verifier != null && people.approver === people.verifier) {
    throw new DomainError('FOUR_EYES', 'The person who verified the documents cannot also approve the claim.', 'approver');
  }
  if (people.approver === people.submitter) {
    throw new DomainError('FOUR_EYES', 'The person who submitted the claim cannot also approve it.', 'approver');
  }
}

export const REJECTION_REASONS = [
  { code: 'NOT_COVERED', label: 'The participant was not covered on the date of the incident.' },
  { code: 'DOCUMENTS_INCOMPLETE', label: 'Required documents are missing.' },
  { code: 'DOCUMENTS_INVALID', label: 'Documents are invalid, illegible or do not match the participant.' },
  { code: 'NOT_HEIR', label: 'The claimant is not the rightful heir.' },
  { code: 'DUPLICATE', label: 'This incident has already been claimed.' },
  { code: 'FRAUD_SUSPECTED', label: 'Suspected fraud; referred for investigation.' },
  { code: 'ARREARS', label: 'The membership was inactive for unpaid contributions on the date of the incident.' },
  { code: 'PROGRAM_NOT_IN_MOU', label: 'The MoU does not include this program.' },
  { code: 'CLAIM_EXPIRED', label: 'The claim was filed after its expiry (JKK: 5 years after the accident).' },
  { code: 'OTHER', label: 'Other reason (explained in the note).' },
] as const;
export type RejectionReasonCode = (typeof REJECTION_REASONS)[number]['code'];

export function rejectionReasonLabel(code: RejectionReasonCode): string {
  return REJECTION_REASONS.find((r) => r.code === code)!.label;
}

export function assertRejectionReason(code: string, field = 'reason'): asserts code is RejectionReasonCode {
  if (!REJECTION_REASONS.some((r) => r.code === code)) {
    const known = REJECTION_REASONS.map((r) => r.code).join(', ');
    throw new DomainError('BAD_USER_INPUT', `"${code}" is not a rejection reason; use one of ${known}.`, field);
  }
}
