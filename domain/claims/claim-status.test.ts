import { describe, expect, it } from 'vitest';
import {
  assertRejectionReason,
  canApply,
  checkApprover,
  CLAIM_ACTIONS,
  CLAIM_STATUSES,
  isClosed,
  nextStatus,
  REJECTION_REASONS,
  rejectionReasonLabel,
  type ClaimStatus,
} from './claim-status.js';

describe('claim transitions', () => {
  it('walks the happy path from submission to payment', () => {
    let s: ClaimStatus = 'SUBMITTED';
    s = nextStatus(s, 'ACCEPT_INTAKE');
    expect(s).toBe('AWAITING_VERIFICATION');
    s = nextStatus(s, 'VERIFY_DOCUMENTS');
    expect(s).toBe('AWAITING_APPROVAL');
    s = nextStatus(s, 'APPROVE');
    expect(s).toBe('APPROVED');
    s = nextStatus(s, 'PAY');
    expect(s).toBe('PAID');
    expect(isClosed(s)).toBe(true);
  });

  it('allows rejection only while documents or approval are pending', () => {
    const rejectable = CLAIM_STATUSES.filter((s) => canApply(s, 'REJECT'));
    expect(rejectable).toEqual(['AWAITING_VERIFICATION', 'DOCUMENTS_REQUESTED', 'AWAITING_APPROVAL']);
    expect(nextStatus('AWAITING_APPROVAL', 'REJECT')).toBe('REJECTED');
  });

  it('has exactly the allowed moves, a refused payout and its retry included', () => {
    const allowed = CLAIM_STATUSES.flatMap((s) => CLAIM_ACTIONS.filter((a) => canApply(s, a)).map((a) => `${s}:${a}`));
    expect(allowed).toEqual([
      'SUBMITTED:ACCEPT_INTAKE',
      'AWAITING_VERIFICATION:VERIFY_DOCUMENTS',
      'AWAITING_VERIFICATION:REJECT',
      'AWAITING_VERIFICATION:REQUEST_DOCUMENTS',
      'AWAITING_VERIFICATION:CANCEL',
      'DOCUMENTS_REQUESTED:REJECT',
      'DOCUMENTS_REQUESTED:RESUBMIT_DOCUMENTS',
      'DOCUMENTS_REQUESTED:CANCEL',
      'AWAITING_APPROVAL:APPROVE',
      'AWAITING_APPROVAL:REJECT',
      'AWAITING_APPROVAL:REQUEST_DOCUMENTS',
      'AWAITING_APPROVAL:CANCEL',
      'APPROVED:PAY',
      'APPROVED:FAIL_PAYOUT',
      'REJECTED:REOPEN',
      'PAYOUT_FAILED:RETRY_PAYOUT',
    ]);
  });

  it('closes only paid, rejected and cancelled claims', () => {
    expect(CLAIM_STATUSES.filter(isClosed)).toEqual(['PAID', 'REJECTED', 'CANCELLED']);
  });

  it.each([
    ['AWAITING_APPROVAL', 'VERIFY_DOCUMENTS', 'This claim is awaiting approval; documents can no longer be verified.'],
    ['AWAITING_VERIFICATION', 'APPROVE', 'This claim is awaiting document verification; it cannot be approved yet.'],
    ['AWAITING_APPROVAL', 'PAY', 'This claim is awaiting approval; it cannot be paid yet.'],
    ['SUBMITTED', 'REJECT', 'This claim is waiting to be accepted for intake; it cannot be rejected yet.'],
    ['APPROVED', 'APPROVE', 'This claim is already approved; it cannot be approved again.'],
    ['APPROVED', 'REJECT', 'This claim is already approved; it can no longer be rejected.'],
    ['PAID', 'PAY', 'This claim has already been paid; it cannot be paid again.'],
    ['PAID', 'REJECT', 'This claim has already been paid; it can no longer be rejected.'],
    ['REJECTED', 'APPROVE', 'This claim was rejected; it is closed and cannot be approved (reopen it first).'],
    ['CANCELLED', 'REOPEN', 'This claim was cancelled; it is closed and cannot be reopened.'],
    ['DOCUMENTS_REQUESTED', 'VERIFY_DOCUMENTS', 'This claim is waiting for documents the heir was asked for; documents cannot be verified yet.'],
  ] as const)('refuses %s → %s with a plain message', (from, action, message) => {
    expect(canApply(from, action)).toBe(false);
    expect(() => nextStatus(from, action)).toThrow(message);
    try {
      nextStatus(from, action);
    } catch (e) {
      expect(e).toMatchObject({ code: 'INVALID_TRANSITION' });
    }
  });
});

describe('four eyes', () => {
  it('lets a third person approve', () => {
    expect(() => checkApprover({ approver: 'c', submitter: 'a', verifier: 'b' })).not.toThrow();
    expect(() => checkApprover({ approver: 'c', submitter: 'a', verifier: null })).not.toThrow();
  });

  it('refuses the verifier', () => {
    expect(() => checkApprover({ approver: 'b', submitter: 'a', verifier: 'b' })).toThrow('The person who verified the documents cannot also approve the claim.');
  });

  it('refuses someone who approved it before it was reopened', () => {
    expect(() => checkApprover({ approver: 'c', submitter: 'a', verifier: 'b', pastApprovers: ['c'] })).toThrow(/approved this claim before/);
  });

  it('refuses the submitter', () => {
    expect(() => checkApprover({ approver: 'a', submitter: 'a', verifier: 'b' })).toThrow('The person who submitted the claim cannot also approve it.');
    try {
      checkApprover({ approver: 'a', submitter: 'a' });
    } catch (e) {
      expect(e).toMatchObject({ code: 'FOUR_EYES', field: 'approver' });
    }
  });
});

describe('rejection reasons', () => {
  it('are unique codes with labels', () => {
    const codes = REJECTION_REASONS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(expect.arrayContaining(['NOT_COVERED', 'DOCUMENTS_INCOMPLETE', 'DOCUMENTS_INVALID', 'NOT_HEIR', 'DUPLICATE', 'FRAUD_SUSPECTED', 'OTHER']));
    expect(rejectionReasonLabel('NOT_HEIR')).toBe('The claimant is not the rightful heir.');
  });

  it('refuses an unknown code, listing the known ones', () => {
    expect(() => assertRejectionReason('NOT_COVERED')).not.toThrow();
    expect(() => assertRejectionReason('BECAUSE', 'rejection.reason')).toThrow(/"BECAUSE" is not a rejection reason; use one of NOT_COVERED, /);
  });
});
