import type { SlaClockStarted } from './claim-lifecycle.activities.js';
import type { ClaimProgress } from './claim-lifecycle.messages.js';

/** What the claim workflow knows while it runs; the Updates read and change it. */
export interface ClaimState {
  progress: ClaimProgress;
  /** Rupiah; set once intake has computed the benefit. */
  benefitTotal: bigint;
  /** Who approved this claim in an earlier round (before a reopening). */
  pastApprovers: string[];
  /** SLA clocks started, per step; a watcher raises the alerts. */
  clocks: Record<string, SlaClockStarted>;
}

export function newClaimState(): ClaimState {
  return { progress: { status: 'SUBMITTED', verifiedBy: null, approvedBy: null }, benefitTotal: 0n, pastApprovers: [], clocks: {} };
}
