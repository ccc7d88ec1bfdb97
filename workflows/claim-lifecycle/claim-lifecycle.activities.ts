import type { Actor, CityScope } from '../../domain/access.js';
import type { ClaimAction, ClaimStatus } from '../../domain/claims/claim-status.js';
import type { Heir, HeirRelationship } from '../../domain/claims/heirs.js';
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
  /** Rupiah as digits: the enrolment's declared monthly income (BPU basis). Absent from older participants builds. */
  declaredMonthlyIncome?: string | null;
  /** First day of the membership, for the scholarship's 3 years. */
  coverageFrom?: string | null;
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

/** An heir as the workflow carries it: the bank account is already encrypted (field cipher). */
export interface StoredHeir {
  name: string;
  relationship: HeirRelationship;
  phone: string | null;
  /** Basis points when given at filing (10000 = all); absent = equal shares. */
  share?: number | null;
  bankName?: string | null;
  bankAccountEncrypted?: string | null;
  bankAccountLast4?: string | null;
  accountHolder?: string | null;
  birthDate?: string | null;
  educationLevel?: string | null;
}

/** An heir with the share intake settled on. */
export interface SharedHeir extends StoredHeir {
  legalOrder: number;
  shareNumerator: number;
  shareDenominator: number;
}

export interface ClaimSubmission {
  claimId: string;
  participantId: string;
  municipalityId: string;
  regionCode: string;
  program: Program;
  incidentDate: string;
  heir: Heir;
  /** Every heir with the share intake settled (the first is `heir`). Absent in older histories. */
  heirs?: SharedHeir[];
  submittedBy: Actor;
  regulation: string;
  ruleVersion?: string;
  /** JKK facts the benefit was computed from (rupiah as digits), and the income used. */
  facts?: Record<string, unknown> | null;
  /** JKM scholarship entitlement with its yearly schedule (rupiah as digits), when children were named. */
  scholarship?: Record<string, unknown> | null;
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

export interface SlaClockStarted {
  dueOn: string;
  warnOn: string;
  /** Instants (ms since epoch, UTC) at which the city's warn day begins and the due day ends. */
  warnAtMs: number;
  breachAtMs: number;
}

export interface VerificationOutcome {
  /** Required documents not yet verified; when any, nothing was recorded. */
  missing: string[];
  /** The payment clock, started once the verification was recorded. */
  clock: SlaClockStarted | null;
}

export interface SlaAlert {
  claimId: string;
  step: string;
  kind: 'AT_RISK' | 'BREACHED';
}

/** The claims read model and payouts; every activity is idempotent (Temporal may run it again). */
export interface ClaimRecordActivities {
  /** Required documents not yet verified (types); empty when the documents are complete. */
  missingDocuments(claimId: string): Promise<string[]>;
  /**
   * The verification in one round trip: with the documents complete, records the transition and
   * starts the payment clock; otherwise records nothing and names the missing types. Idempotent.
   */
  recordVerification(step: ClaimTransition): Promise<VerificationOutcome>;
  /** Starts (or restarts) a step's clock on the city's working-day calendar, from today. */
  startSlaClock(request: { claimId: string; step: string }): Promise<SlaClockStarted>;
  /** Records an escalation or a breach and notifies the city's supervisors; idempotent. */
  raiseSlaAlert(alert: SlaAlert): Promise<void>;
  recordClaimSubmitted(claim: ClaimSubmission): Promise<void>;
  recordTransition(step: ClaimTransition): Promise<void>;
  /** Idempotent on (claim, instalment): however often it is retried, money leaves once. */
  payClaim(request: PayoutRequest): Promise<PayoutReceipt>;
}
