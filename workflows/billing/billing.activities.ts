import type { Actor } from '../../domain/access.js';
import type { LocalDate } from '../../domain/calendar.js';
import type { BillingMonth } from '../../domain/contributions/billing-month.js';
import type { OccupationGroup } from '../../domain/participants/occupation.js';

// Activity contracts of the billing workflows. Bulk data (lines, enrolment ids) never crosses
// them: activities work set-based in the database and return counts.

/** A group's monthly rate in force over a period (rupiah as digits). */
export interface GroupRateWire {
  group: OccupationGroup;
  monthlyRate: string;
  validFrom: LocalDate;
  validTo?: LocalDate;
}

/** What billing needs to know about an MoU, read from its owner (municipalities). */
export interface MouForBilling {
  mouId: string;
  mouNumber: string;
  municipalityId: string;
  cityName: string;
  regionCode: string;
  timeZone: string;
  status: string;
  validFrom: LocalDate;
  validTo: LocalDate;
  /** Rates per group from every version of the terms. */
  rates: GroupRateWire[];
  /** The latest terms' budget lines (rupiah as digits). */
  budgetLines: { fiscalYear: number; amount: string }[];
  /** The city's local date now. */
  today: LocalDate;
}

/** An MoU that may need billing: in force, with the months its term and the city's calendar allow. */
export interface BillableMou {
  mouId: string;
  /** The month of the term's first day. */
  firstMonth: BillingMonth;
  /** The earlier of the city's current month and the month of the term's last day. */
  lastMonth: BillingMonth;
}

// ── municipalities queue ─────────────────────────────────────────────────────────────────

export interface MouBillingActivities {
  /** One MoU's billing facts; NOT_FOUND for an unknown MoU. */
  getMouForBilling(input: { mouId: string }): Promise<MouForBilling>;
  /** Every MoU in force (ACTIVE, RENEWAL_DUE, RENEWED) whose term has begun. */
  listBillableMous(): Promise<BillableMou[]>;
}

// ── participants queue ───────────────────────────────────────────────────────────────────

export interface IssuedInvoice {
  invoiceId: string;
  invoiceNumber: string;
  total: string;
  lines: number;
  /** False when this month had been invoiced already. */
  issued: boolean;
}

export interface BillingRecordActivities {
  /** The months of these MoUs that have no invoice yet, oldest first. */
  unbilledMonths(input: { mous: BillableMou[] }): Promise<{ mouId: string; month: BillingMonth }[]>;
  /**
   * Issues the month's invoice: one line per enrolment covered on at least one day of the month,
   * at its group's rate for the month, written in one INSERT … SELECT. Idempotent per (MoU, month).
   * NOT_ELIGIBLE when the month is outside the term or not yet begun in the city.
   */
  issueInvoice(input: { mou: MouForBilling; month: BillingMonth; actor: Actor }): Promise<IssuedInvoice>;
  /** Settles open lines with credit on the MoU's account (over- and prepayments), oldest first. Rupiah as digits. */
  applyAccountCredit(input: { mouId: string; today: LocalDate; actor: Actor }): Promise<{ applied: string }>;
  /**
   * Three unpaid months make enrolments INACTIVE (from the day after the first unpaid month ends);
   * paid arrears make them ACTIVE again from today. Through the participants' standing records, audited.
   */
  reviewArrears(input: { mouId: string; today: LocalDate; actor: Actor }): Promise<{ inactivated: number; reactivated: number }>;
}
