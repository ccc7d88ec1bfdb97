import { addMonths, parseLocalDate, type LocalDate } from '../calendar.js';
import { tableInForce, type EffectiveDated } from '../effective-dated.js';
import { DomainError } from '../errors.js';
import { sumRupiah, type Rupiah } from '../money.js';
import { assertPrograms, PROGRAM_LABELS, type Program } from '../programs.js';

// Monthly BPU contributions per participant, as effective-dated data. The city package pays JKK
// at the minimum declared-income basis (Rp 1,000,000 × 1%) plus the flat JKM rate.
// PP 50/2025's 50% discount does not apply to contributions paid from the APBD, so these
// tables carry no discount. Pure and Intl-free: the billing workflow calls this.

export type BpuRateTable = EffectiveDated & {
  regulation: string;
  rates: Readonly<Record<Program, Rupiah>>;
};

export const BPU_RATE_TABLES: readonly BpuRateTable[] = [{ validFrom: '2015-07-01', regulation: 'PP 44/2015', rates: { JKK: 10_000n, JKM: 6_800n } }];

export type ContributionBreakdown = {
  regulation: string;
  components: { program: Program; label: string; amount: Rupiah }[];
  total: Rupiah;
};

/** One participant's contribution for the month containing `date`. */
export function monthlyContribution(programs: readonly Program[], date: LocalDate, tables: readonly BpuRateTable[] = BPU_RATE_TABLES): ContributionBreakdown {
  assertPrograms(programs);
  parseLocalDate(date, 'date');
  const table = tableInForce(tables, date);
  if (!table) {
    throw new DomainError('BAD_USER_INPUT', `No contribution rates are on record for ${date}.`, 'date');
  }
  const components = programs.map((program) => ({ program, label: PROGRAM_LABELS[program], amount: table.rates[program] }));
  return { regulation: table.regulation, components, total: sumRupiah(components.map((c) => c.amount)) };
}

/**
 * What a city pays for `participants` people over `months` months starting with the month of
 * `firstMonth` (prepayment of 3, 6 or 12 months is allowed). Priced month by month, so a
 * period that crosses a rate change uses each month's own rate.
 */
export function contributionForPeriod(input: {
  programs: readonly Program[];
  firstMonth: LocalDate;
  months: number;
  participants: number;
  tables?: readonly BpuRateTable[];
}): Rupiah {
  const { programs, firstMonth, months, participants, tables = BPU_RATE_TABLES } = input;
  if (!Number.isSafeInteger(months) || months < 1) {
    throw new DomainError('BAD_USER_INPUT', `months must be a whole number from 1; got ${months}.`, 'months');
  }
  if (!Number.isSafeInteger(participants) || participants < 0) {
    throw new DomainError('BAD_USER_INPUT', `participants must be a whole number, 0 or more; got ${participants}.`, 'participants');
  }
  let perPerson = 0n;
  for (let i = 0; i < months; i++) perPerson += monthlyContribution(programs, addMonths(firstMonth, i), tables).total;
  return perPerson * BigInt(participants);
}
