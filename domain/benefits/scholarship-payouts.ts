import { DomainError } from '../errors.js';
import type { JournalEntryDraft } from '../ledger/journal.js';
import type { EducationLevel, ScholarshipPayment } from './jkm.js';

// The JKM scholarship as money owed: one instalment per child (an heir of the claim) and school
// year, paid by the payout machinery as the heir's instalments 2, 3, … (instalment 1 is the
// heir's share of the cash benefit). The first school year is paid with the claim; each later one
// falls due on 1 July of its school year and is paid once a caseworker has verified that year's
// school certificate. The entitlement ends at the age limit or the level caps (jkmScholarshipFor
// leaves those years out), or when a caseworker records why it ends (SCHOLARSHIP_END_REASONS).

/** Instalment 1 of every heir is the cash benefit; a child's scholarship years follow. */
export const FIRST_SCHOLARSHIP_INSTALMENT = 2;

export const SCHOLARSHIP_INSTALMENT_STATUSES = ['SCHEDULED', 'AWAITING_CERTIFICATE', 'READY', 'PAID', 'ENDED'] as const;
export type ScholarshipInstalmentStatus = (typeof SCHOLARSHIP_INSTALMENT_STATUSES)[number];

export const SCHOLARSHIP_END_REASONS = [
  { code: 'MARRIED', label: 'The child married.' },
  { code: 'WORKING', label: 'The child started work.' },
  { code: 'LEFT_SCHOOL', label: 'The child left school.' },
  { code: 'DECEASED', label: 'The child died.' },
] as const;
export type ScholarshipEndReason = (typeof SCHOLARSHIP_END_REASONS)[number]['code'];

export function assertScholarshipEndReason(code: string): ScholarshipEndReason {
  const reason = SCHOLARSHIP_END_REASONS.find((r) => r.code === code);
  if (!reason) {
    throw new DomainError('BAD_USER_INPUT', `"${code}" is not a reason a scholarship ends; use one of ${SCHOLARSHIP_END_REASONS.map((r) => r.code).join(', ')}.`, 'reason');
  }
  return reason.code;
}

export interface ScholarshipInstalmentPlan {
  heirId: string;
  childName: string;
  instalment: number;
  schoolYear: number;
  level: EducationLevel;
  amount: bigint;
  /** The day it falls due: the day the claim is paid for the first school year, else 1 July of its school year. */
  dueOn: string;
  /** Later years need the year's school certificate, verified by a caseworker. */
  needsCertificate: boolean;
}

/**
 * The instalments of a scholarship schedule, per child heir (matched by name, as the schedule
 * names the child). `paidOn` is the claim's payment day: the first school year falls due then.
 */
export function scholarshipInstalments(
  schedule: readonly (Omit<ScholarshipPayment, 'amount'> & { amount: bigint | string })[],
  children: readonly { heirId: string; name: string }[],
  paidOn: string,
): ScholarshipInstalmentPlan[] {
  const firstYear = Math.min(...schedule.map((p) => p.schoolYear));
  const next = new Map<string, number>();
  const plans: ScholarshipInstalmentPlan[] = [];
  for (const payment of [...schedule].sort((a, b) => a.schoolYear - b.schoolYear)) {
    const heir = children.find((c) => c.name === payment.child);
    if (!heir) throw new DomainError('NOT_FOUND', `The scholarship names ${payment.child}, who is not a child heir of this claim.`, 'children');
    const instalment = next.get(heir.heirId) ?? FIRST_SCHOLARSHIP_INSTALMENT;
    next.set(heir.heirId, instalment + 1);
    const first = payment.schoolYear === firstYear;
    plans.push({
      heirId: heir.heirId,
      childName: payment.child,
      instalment,
      schoolYear: payment.schoolYear,
      level: payment.level,
      amount: BigInt(payment.amount),
      dueOn: first ? paidOn : `${payment.schoolYear}-07-01`,
      needsCertificate: !first,
    });
  }
  return plans;
}

/** Where an instalment stands on `today`: due ones wait for their certificate unless it is verified (or not needed). */
export function instalmentStatusOn(
  instalment: { status: ScholarshipInstalmentStatus; dueOn: string; needsCertificate: boolean; certificateVerified: boolean },
  today: string,
): ScholarshipInstalmentStatus {
  if (instalment.status === 'PAID' || instalment.status === 'ENDED' || instalment.status === 'READY') return instalment.status;
  if (instalment.dueOn > today) return 'SCHEDULED';
  return !instalment.needsCertificate || instalment.certificateVerified ? 'READY' : 'AWAITING_CERTIFICATE';
}

/** A school year as caseworkers name it: 2027 for 2027/2028. */
export function assertSchoolYear(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new DomainError('BAD_USER_INPUT', `${year} is not a school year; name it by the year it starts (2027 for 2027/2028).`, 'schoolYear');
  }
  return year;
}

/** A certificate is for a school year that is still open: not paid, not ended. */
export function assertCertificateAccepted(instalment: { status: ScholarshipInstalmentStatus; needsCertificate: boolean; schoolYear: number; childName: string }): void {
  if (instalment.status === 'PAID') {
    throw new DomainError('INVALID_TRANSITION', `The ${instalment.schoolYear} scholarship of ${instalment.childName} is already paid.`, 'schoolYear');
  }
  if (instalment.status === 'ENDED') {
    throw new DomainError('INVALID_TRANSITION', `The scholarship of ${instalment.childName} has ended; no certificate is needed for ${instalment.schoolYear}.`, 'schoolYear');
  }
  if (!instalment.needsCertificate) {
    throw new DomainError('INVALID_TRANSITION', `The first scholarship year (${instalment.schoolYear}) is paid with the claim and needs no school certificate.`, 'schoolYear');
  }
}

/** When an instalment falls due (after a verified certificate where needed): the fund owes it to the child. */
export function scholarshipDueEntry(slot: { claimId: string; heirId: string; instalment: number }, claimNumber: string, schoolYear: number, amount: bigint): JournalEntryDraft {
  const lines: JournalEntryDraft['lines'] = [
    { account: 'BENEFIT_EXPENSE', side: 'DEBIT', amount },
    { account: 'BENEFITS_PAYABLE', side: 'CREDIT', amount },
  ];
  if (amount <= 0n) throw new DomainError('BAD_USER_INPUT', 'A scholarship instalment must be more than Rp 0.', 'amount');
  return {
    kind: 'BENEFIT_APPROVED',
    eventKey: `scholarship:${slot.claimId}/${slot.heirId}/${slot.instalment}`,
    memo: `Scholarship ${schoolYear} due, claim ${claimNumber}`,
    lines,
  };
}
