import { parseLocalDate, type LocalDate } from '../calendar.js';
import { tableInForce, type EffectiveDated } from '../effective-dated.js';
import { DomainError } from '../errors.js';
import type { Rupiah } from '../money.js';
import { assertPrograms, PROGRAM_LABELS, type Program } from '../programs.js';
import { monthlyContribution, type ContributionBreakdown } from './bpu.js';

// A BPU participant declares a monthly income; JKK is a percentage of the basis that income falls
// on (PP 44/2015 annex II), JKM is flat. The annex's basis runs from Rp 1,000,000 (JKK Rp 10,000, the
// city package) to Rp 20,700,000 (JKK Rp 207,000) (DOMAIN.md). Its bracket rows are not in our
// sources, so `brackets` is empty: the basis is the declared income held within that range. Put the
// annex's rows in (each: incomes from `from` use `basis`) once checked; the code needs no change.

export type IncomeBasisTable = EffectiveDated & {
  regulation: string;
  minBasis: Rupiah;
  maxBasis: Rupiah;
  /** JKK as basis points of the basis (100 = 1%). */
  jkkBasisPoints: bigint;
  /** Ascending by `from`; empty: the basis is the income itself, within min..max. */
  brackets: readonly { from: Rupiah; basis: Rupiah }[];
};

export const BPU_INCOME_BASIS_TABLES: readonly IncomeBasisTable[] = [
  { validFrom: '2015-07-01', regulation: 'PP 44/2015', minBasis: 1_000_000n, maxBasis: 20_700_000n, jkkBasisPoints: 100n, brackets: [] },
];

/** What a city enrols with when it declares nothing: the minimum basis, the standard package. */
export const DEFAULT_DECLARED_INCOME: Rupiah = 1_000_000n;

/** The basis a declared monthly income falls on. */
export function incomeBasis(declaredIncome: Rupiah, date: LocalDate, tables: readonly IncomeBasisTable[] = BPU_INCOME_BASIS_TABLES): Rupiah {
  if (declaredIncome <= 0n) throw new DomainError('BAD_USER_INPUT', `The declared monthly income must be more than Rp 0; got ${declaredIncome}.`, 'declaredMonthlyIncome');
  const table = tableFor(date, tables);
  let basis = declaredIncome;
  for (const bracket of table.brackets) if (declaredIncome >= bracket.from) basis = bracket.basis;
  if (basis < table.minBasis) return table.minBasis;
  return basis > table.maxBasis ? table.maxBasis : basis;
}

/**
 * One participant's monthly contribution implied by a declared income, in the month of `date`:
 * JKK at its percentage of the basis (whole rupiah, rounded down), JKM at the flat rate of bpu.ts.
 * At the default income this is the city package, Rp 16,800.
 */
export function contributionForIncome(
  programs: readonly Program[],
  declaredIncome: Rupiah,
  date: LocalDate,
  tables: readonly IncomeBasisTable[] = BPU_INCOME_BASIS_TABLES,
): ContributionBreakdown {
  assertPrograms(programs);
  const table = tableFor(date, tables);
  const flat = monthlyContribution(programs, date);
  const jkk = (incomeBasis(declaredIncome, date, tables) * table.jkkBasisPoints) / 10_000n;
  const components = flat.components.map((c) => (c.program === 'JKK' ? { program: c.program, label: PROGRAM_LABELS.JKK, amount: jkk } : c));
  return { regulation: table.regulation, components, total: components.reduce((sum, c) => sum + c.amount, 0n) };
}

function tableFor(date: LocalDate, tables: readonly IncomeBasisTable[]): IncomeBasisTable {
  parseLocalDate(date, 'date');
  const table = tableInForce(tables, date);
  if (!table) throw new DomainError('BAD_USER_INPUT', `No income basis table is on record for ${date}.`, 'date');
  return table;
}
