import { describe, expect, it } from 'vitest';
import { checkApprovalAuthority, DEFAULT_SUPERVISOR_THRESHOLD } from './approval.js';

describe('approval authority', () => {
  it('lets a caseworker approve up to the threshold and needs a supervisor above it', () => {
    expect(() => checkApprovalAuthority({ roles: ['caseworker'] }, DEFAULT_SUPERVISOR_THRESHOLD, DEFAULT_SUPERVISOR_THRESHOLD)).not.toThrow();
    expect(() => checkApprovalAuthority({ roles: ['caseworker'] }, 42_000_000n, DEFAULT_SUPERVISOR_THRESHOLD)).toThrow(/supervisor's approval/);
    expect(() => checkApprovalAuthority({ roles: ['supervisor'] }, 42_000_000n, DEFAULT_SUPERVISOR_THRESHOLD)).not.toThrow();
  });

  it('refuses roles that do not approve claims at any amount', () => {
    expect(() => checkApprovalAuthority({ roles: ['manager'] }, 1n, DEFAULT_SUPERVISOR_THRESHOLD)).toThrow(/Only caseworkers and supervisors/);
  });
});
