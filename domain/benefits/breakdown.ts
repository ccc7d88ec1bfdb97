import type { Rupiah } from '../money.js';
import { sumRupiah } from '../money.js';

// What a benefit calculator answers: each component with the amount and how it was reached, the
// regulation and the rule version (table id) it came from, so a caseworker can explain the sum.

export type BenefitProgram = 'JKM' | 'JKK';

export type BenefitComponentCode =
  'LUMP_SUM' | 'PERIODIC' | 'FUNERAL' | 'SCHOLARSHIP' | 'MEDICAL' | 'TRANSPORT' | 'TEMPORARY_INCAPACITY' | 'PARTIAL_DISABILITY' | 'TOTAL_DISABILITY' | 'WORK_DEATH';

export type BenefitComponent = { code: BenefitComponentCode; label: string; amount: Rupiah; basis?: string };

export type BenefitBreakdown = {
  program: BenefitProgram;
  regulation: string;
  /** Id of the rule table the amounts come from, e.g. `JKM/PP-82-2019`. */
  ruleVersion: string;
  components: BenefitComponent[];
  total: Rupiah;
};

export function breakdown(program: BenefitProgram, table: { regulation: string; id: string }, components: BenefitComponent[]): BenefitBreakdown {
  return { program, regulation: table.regulation, ruleVersion: table.id, components, total: sumRupiah(components.map((c) => c.amount)) };
}

/** Whole rupiah of `amount × numerator / denominator`, rounded down (never pays a fraction more). */
export function share(amount: Rupiah, numerator: bigint, denominator: bigint): Rupiah {
  return (amount * numerator) / denominator;
}
