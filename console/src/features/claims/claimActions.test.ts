import { describe, expect, it } from 'vitest';
import { claimActions } from './claimActions.js';

const claim = { status: 'AWAITING_APPROVAL', submittedBy: 'caseworker.ani', verifiedBy: 'caseworker.budi', total: '42000000' };
const threshold = '20000000';

describe('the actions a claim page offers, and why not', () => {
  it('offers verification to a caseworker while documents await verification', () => {
    const actions = claimActions({ ...claim, status: 'AWAITING_VERIFICATION', verifiedBy: null }, { subject: 'caseworker.ani', roles: ['caseworker'] }, threshold);
    expect(actions.verify).toEqual({ allowed: true });
    expect(actions.approve).toEqual({ allowed: false, reasons: ['status'] });
    expect(actions.reject).toEqual({ allowed: true });
  });

  it('refuses approval to whoever filed or verified it (four eyes)', () => {
    expect(claimActions(claim, { subject: 'caseworker.ani', roles: ['supervisor'] }, threshold).approve).toEqual({ allowed: false, reasons: ['fourEyesSubmitted'] });
    expect(claimActions(claim, { subject: 'caseworker.budi', roles: ['supervisor'] }, threshold).approve).toEqual({ allowed: false, reasons: ['fourEyesVerified'] });
  });

  it('names every reason at once: the caseworker who filed and verified a large claim', () => {
    const mine = { ...claim, submittedBy: 'caseworker.ani', verifiedBy: 'caseworker.ani' };
    expect(claimActions(mine, { subject: 'caseworker.ani', roles: ['caseworker'] }, threshold).approve).toEqual({
      allowed: false,
      reasons: ['fourEyesSubmitted', 'fourEyesVerified', 'threshold'],
    });
  });

  it('needs a supervisor above the threshold, and lets a caseworker approve up to it', () => {
    expect(claimActions(claim, { subject: 'caseworker.citra', roles: ['caseworker'] }, threshold).approve).toEqual({ allowed: false, reasons: ['threshold'] });
    expect(claimActions({ ...claim, total: '20000000' }, { subject: 'caseworker.citra', roles: ['caseworker'] }, threshold).approve).toEqual({ allowed: true });
    expect(claimActions(claim, { subject: 'supervisor.citra', roles: ['supervisor'] }, threshold).approve).toEqual({ allowed: true });
  });

  it('offers nothing to other roles or on a closed claim', () => {
    expect(claimActions(claim, { subject: 'manager.dewi', roles: ['manager'] }, threshold).approve).toEqual({ allowed: false, reasons: ['role'] });
    const paid = claimActions({ ...claim, status: 'PAID' }, { subject: 'supervisor.citra', roles: ['supervisor'] }, threshold);
    expect(Object.values(paid).every((state) => !state.allowed)).toBe(true);
  });
});
