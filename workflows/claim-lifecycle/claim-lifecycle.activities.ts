import type { Actor, CityScope } from '../../domain/access.js';
import type { ClaimAction, ClaimStatus } from '../../domain/claims/claim-status.js';
import type { Heir } from '../../domain/claims/heirs.js';
import type { CoverageDecision } from '../../domain/eligibility/coverage.js';
import type { Program } from '../../domain/programs.js';

// The activities the claim workflow calls, per task queue. The services implement these
// interfaces; the workflow knows nothing else about them.

// ── participants queue ───────────────────────────────────────────────────────────────────

export interface CoverageQuery {
  participantId: string;
  program: Program;
  incidentDate: string;
  /** The submitter's cities: a participant elsewhere is as good as unknown. */
  cities: CityScope;
}

export interface CoverageCheck {
  found: boolean;
  municipalityId: string | null;
  regionCode: string | null;
  decision: CoverageDecision;
}

export interface CoverageActivities {
  /** Was this person covered for this program on the incident date? */
  checkCoverage(query: CoverageQuery): Promise<CoverageCheck>;
}

// ── claims queue ─────────────────────────────────────────────────────────────────────────

export interface StoredBenefitComponent {
  code: string;
  label: string;
  /** Rupiah as digits. */
  amount: string;
}

export interface ClaimSubmission {
  claimId: string;
  participantId: string;
  municipalityId: string;
  regionCode: string;
  program: Program;
  incidentDate: string;
  heir: Heir;
  submittedBy: Actor;
  regulation: string;
  components: StoredBenefitComponent[];
  /** Rupiah as digits. */
  total: string;
}

export interface ClaimTransition {
  claimId: string;
  action: ClaimAction;
  from: ClaimStatus;
  to: ClaimStatus;
  actor: Actor;
  reasonCode: string | null;
  note: string | null;
}

export interface PayoutRequest {
  claimId: string;
  instalment: number;
}

export interface PayoutReceipt {
  reference: string;
  /** Rupiah as digits. */
  amount: string;
}

/** The claims read model and payouts; every activity is idempotent (Temporal may run it again). */
export interface ClaimRecordActivities {
  recordClaimSubmitted(claim: ClaimSubmission): Promise<void>;
  recordTransition(step: ClaimTransition): Promise<void>;
  /** Idempotent on (claim, instalment): however often it is retried, money leaves once. */
  payClaim(request: PayoutRequest): Promise<PayoutReceipt>;
}
