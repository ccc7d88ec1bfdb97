import { describe, expect, it } from 'vitest';
import { canAssign, canEnterPayoutAccount, claimActions, documentActions, takeState } from './claimActions.js';

const claim = { status: 'AWAITING_APPROVAL', submittedBy: 'caseworker.ani', verifiedBy: 'caseworker.budi', total: '42000000' };
const threshold = '20000000';
const ani = { subject: 'caseworker.ani', roles: ['caseworker'] as const };
const citra = { subject: 'supervisor.citra', roles: ['supervisor'] as const };

describe('the actions a claim page offers, and why not', () => {
  it('offers verification to a caseworker while documents await verification', () => {
    const actions = claimActions({ ...claim, status: 'AWAITING_VERIFICATION', verifiedBy: null }, ani, threshold);
    expect(actions.verify).toEqual({ allowed: true });
    expect(actions.approve).toEqual({ allowed: false, reasons: ['status'] });
    expect(actions.reject).toEqual({ allowed: true });
    expect(actions.requestDocuments).toEqual({ allowed: true });
    expect(actions.cancel).toEqual({ allowed: true });
  });

  it('refuses verification while a required document is not verified (DOCUMENTS_INCOMPLETE)', () => {
    const documents = [
      { type: 'DEATH_CERTIFICATE', required: true, state: 'RECEIVED' as const },
      { type: 'NPWP', required: false, state: 'PENDING' as const },
    ];
    const open = { ...claim, status: 'AWAITING_VERIFICATION', verifiedBy: null };
    expect(claimActions({ ...open, documents }, ani, threshold).verify).toEqual({ allowed: false, reasons: ['documentsIncomplete'] });
    const verified = documents.map((d) => (d.required ? { ...d, state: 'VERIFIED' as const } : d));
    expect(claimActions({ ...open, documents: verified }, ani, threshold).verify).toEqual({ allowed: true });
  });

  it('refuses approval to whoever filed or verified it, or approved it before a reopening (four eyes)', () => {
    expect(claimActions(claim, { subject: 'caseworker.ani', roles: ['supervisor'] }, threshold).approve).toEqual({ allowed: false, reasons: ['fourEyesSubmitted'] });
    expect(claimActions(claim, { subject: 'caseworker.budi', roles: ['supervisor'] }, threshold).approve).toEqual({ allowed: false, reasons: ['fourEyesVerified'] });
    expect(claimActions({ ...claim, pastApprovers: ['supervisor.citra'] }, citra, threshold).approve).toEqual({ allowed: false, reasons: ['fourEyesApprovedBefore'] });
  });

  it('names every reason at once: the caseworker who filed and verified a large claim', () => {
    const mine = { ...claim, submittedBy: 'caseworker.ani', verifiedBy: 'caseworker.ani' };
    expect(claimActions(mine, ani, threshold).approve).toEqual({ allowed: false, reasons: ['fourEyesSubmitted', 'fourEyesVerified', 'threshold'] });
  });

  it('needs a supervisor above the threshold, and lets a caseworker approve up to it', () => {
    expect(claimActions(claim, { subject: 'caseworker.citra', roles: ['caseworker'] }, threshold).approve).toEqual({ allowed: false, reasons: ['threshold'] });
    expect(claimActions({ ...claim, total: '20000000' }, { subject: 'caseworker.citra', roles: ['caseworker'] }, threshold).approve).toEqual({ allowed: true });
    expect(claimActions(claim, citra, threshold).approve).toEqual({ allowed: true });
  });

  it('lets only a supervisor reopen a rejected claim', () => {
    const rejected = { ...claim, status: 'REJECTED' };
    expect(claimActions(rejected, ani, threshold).reopen).toEqual({ allowed: false, reasons: ['supervisorOnly'] });
    expect(claimActions(rejected, citra, threshold).reopen).toEqual({ allowed: true });
    expect(claimActions(rejected, citra, threshold).approve).toEqual({ allowed: false, reasons: ['status'] });
  });

  it('offers nothing to other roles or on a closed claim', () => {
    expect(claimActions(claim, { subject: 'manager.dewi', roles: ['manager'] }, threshold).approve).toEqual({ allowed: false, reasons: ['role'] });
    const paid = claimActions({ ...claim, status: 'PAID' }, citra, threshold);
    expect(Object.values(paid).every((state) => !state.allowed)).toBe(true);
  });
});

describe('documents, payout accounts and taking a case', () => {
  it('receives documents while they are open and reviews only a received one before verification', () => {
    expect(documentActions('AWAITING_VERIFICATION', 'PENDING', ani)).toEqual({ receive: true, review: false });
    expect(documentActions('AWAITING_VERIFICATION', 'RECEIVED', ani)).toEqual({ receive: true, review: true });
    expect(documentActions('DOCUMENTS_REQUESTED', 'RECEIVED', ani)).toEqual({ receive: true, review: false });
    expect(documentActions('AWAITING_APPROVAL', 'VERIFIED', ani)).toEqual({ receive: false, review: false });
    expect(documentActions('AWAITING_VERIFICATION', 'RECEIVED', { subject: 'm', roles: ['manager'] })).toEqual({ receive: false, review: false });
  });

  it('takes payout accounts until the claim is paid, and again after a refused payout', () => {
    expect(canEnterPayoutAccount('AWAITING_APPROVAL', ani)).toBe(true);
    expect(canEnterPayoutAccount('PAYOUT_FAILED', citra)).toBe(true);
    expect(canEnterPayoutAccount('PAID', ani)).toBe(false);
  });

  it('lets a caseworker take an unassigned open case only', () => {
    expect(takeState({ status: 'AWAITING_VERIFICATION', assignee: null }, ani)).toBe('take');
    expect(takeState({ status: 'AWAITING_VERIFICATION', assignee: 'caseworker.ani' }, ani)).toBe('mine');
    expect(takeState({ status: 'AWAITING_VERIFICATION', assignee: 'caseworker.budi' }, ani)).toBe('taken');
    expect(takeState({ status: 'AWAITING_VERIFICATION', assignee: null }, citra)).toBe('notCaseworker');
    expect(takeState({ status: 'PAID', assignee: null }, ani)).toBe('closed');
  });

  it('lets only a supervisor assign an open case, taken or not', () => {
    expect(canAssign({ status: 'AWAITING_VERIFICATION' }, citra)).toBe(true);
    expect(canAssign({ status: 'PAYOUT_FAILED' }, citra)).toBe(true);
    expect(canAssign({ status: 'AWAITING_VERIFICATION' }, ani)).toBe(false);
    expect(canAssign({ status: 'PAID' }, citra)).toBe(false);
    expect(canAssign({ status: 'CANCELLED' }, citra)).toBe(false);
  });
});
