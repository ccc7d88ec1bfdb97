import { parseLocalDate, type LocalDate } from '../calendar.js';
import { tableInForce } from '../effective-dated.js';
import { DomainError } from '../errors.js';
import { formatRupiah, type Rupiah } from '../money.js';
import { breakdown, share, type BenefitBreakdown, type BenefitComponent } from './breakdown.js';
import { JKK_BENEFIT_TABLES, PARTIAL_DISABILITY_TABLE, TRANSPORT_MODES, type JkkBenefitTable, type TransportMode } from './jkk-tables.js';

// JKK (work accident) benefits from the facts of one accident and the declared monthly income
// of the enrolment (the BPU basis, never a figure from the claim form). Pure and Intl-free.

export const JKK_OUTCOMES = ['RECOVERED', 'PARTIAL_DISABILITY', 'TOTAL_DISABILITY', 'DEATH'] as const;
export type JkkOutcome = (typeof JKK_OUTCOMES)[number];

export type JkkFacts = {
  incidentDate: LocalDate;
  /** From the enrolment (coverage contract). */
  declaredMonthlyIncome: Rupiah;
  outcome: JkkOutcome;
  /** Receipts for medical care, each in rupiah; no ceiling. */
  medicalReceipts?: readonly Rupiah[];
  /** Receipts for transport to care, reimbursed up to each mode's ceiling. */
  transportReceipts?: readonly { mode: TransportMode; amount: Rupiah }[];
  /** Whole months unable to work (STMB). */
  incapacityMonths?: number;
  /** Codes of PARTIAL_DISABILITY_TABLE, for a permanent partial disability. */
  disabilities?: readonly string[];
};

export function jkkTableFor(incidentDate: LocalDate, tables: readonly JkkBenefitTable[] = JKK_BENEFIT_TABLES): JkkBenefitTable {
  parseLocalDate(incidentDate, 'incidentDate');
  const table = tableInForce(tables, incidentDate);
  if (!table) throw new DomainError('BAD_USER_INPUT', `No JKK benefit rules are on record for an accident on ${incidentDate}; check the date.`, 'incidentDate');
  return table;
}

export function jkkBenefitFor(facts: JkkFacts, tables: readonly JkkBenefitTable[] = JKK_BENEFIT_TABLES): BenefitBreakdown {
  const table = jkkTableFor(facts.incidentDate, tables);
  const income = facts.declaredMonthlyIncome;
  if (income <= 0n)
    throw new DomainError('NOT_ELIGIBLE', 'The enrolment declares no monthly income, so JKK benefits cannot be computed; correct the enrolment first.', 'declaredMonthlyIncome');
  const components: BenefitComponent[] = [];

  const medical = (facts.medicalReceipts ?? []).reduce((sum, r) => sum + nonNegative(r, 'medicalReceipts'), 0n);
  if (medical > 0n)
    components.push({ code: 'MEDICAL', label: 'Medical care (perawatan), against receipts', amount: medical, basis: `${facts.medicalReceipts!.length} receipt(s), no ceiling` });

  for (const mode of TRANSPORT_MODES) {
    const claimed = (facts.transportReceipts ?? []).filter((t) => t.mode === mode).reduce((sum, t) => sum + nonNegative(t.amount, 'transportReceipts'), 0n);
    if (claimed === 0n) continue;
    const ceiling = table.transportCeilings[mode];
    const paid = claimed < ceiling ? claimed : ceiling;
    components.push({ code: 'TRANSPORT', label: `Transport (${mode.toLowerCase()})`, amount: paid, basis: `${formatRupiah(claimed)} claimed, ceiling ${formatRupiah(ceiling)}` });
  }

  const months = facts.incapacityMonths ?? 0;
  if (!Number.isSafeInteger(months) || months < 0 || months > 600)
    throw new DomainError('BAD_USER_INPUT', `incapacityMonths must be a whole number of months from 0 to 600; got ${months}.`, 'incapacityMonths');
  for (const part of incapacityParts(table, months)) {
    components.push({
      code: 'TEMPORARY_INCAPACITY',
      label: `Temporary incapacity (STMB), months ${part.from}–${part.to} at ${part.percent}%`,
      amount: share(income * BigInt(part.to - part.from + 1), BigInt(part.percent), 100n),
      basis: `${part.to - part.from + 1} × ${part.percent}% × ${formatRupiah(income)}`,
    });
  }

  const multiplier = BigInt(table.disabilityMultiplier);
  if (facts.outcome === 'PARTIAL_DISABILITY') {
    const codes = facts.disabilities ?? [];
    if (codes.length === 0)
      throw new DomainError('BAD_USER_INPUT', 'Name the disability (from the PP 44/2015 annex III table) for a permanent partial disability.', 'disabilities');
    let percent = 0;
    for (const code of codes) {
      const row = PARTIAL_DISABILITY_TABLE[code];
      if (!row)
        throw new DomainError('BAD_USER_INPUT', `"${code}" is not in the disability table; use one of ${Object.keys(PARTIAL_DISABILITY_TABLE).join(', ')}.`, 'disabilities');
      percent += row.percent;
    }
    percent = Math.min(percent, 100);
    components.push({
      code: 'PARTIAL_DISABILITY',
      label: `Permanent partial disability (${codes.join(', ')})`,
      amount: share(income * multiplier, BigInt(percent), 100n),
      basis: `${percent}% × ${table.disabilityMultiplier} × ${formatRupiah(income)}`,
    });
  }
  if (facts.outcome === 'TOTAL_DISABILITY') {
    components.push({
      code: 'TOTAL_DISABILITY',
      label: 'Total permanent disability',
      amount: share(income * multiplier, BigInt(table.totalDisabilityPercent), 100n),
      basis: `${table.totalDisabilityPercent}% × ${table.disabilityMultiplier} × ${formatRupiah(income)}`,
    });
    components.push({ code: 'PERIODIC', label: 'Periodic benefit, 24 months paid at once (santunan berkala)', amount: table.totalDisabilityPeriodic });
  }
  if (facts.outcome === 'DEATH') {
    const computed = share(income * multiplier, BigInt(table.deathPercent), 100n);
    const floored = computed < table.deathFloor;
    components.push({
      code: 'WORK_DEATH',
      label: 'Death from a work accident',
      amount: floored ? table.deathFloor : computed,
      basis: `${table.deathPercent}% × ${table.disabilityMultiplier} × ${formatRupiah(income)} = ${formatRupiah(computed)}${floored ? `, below the JKM lump sum: ${formatRupiah(table.deathFloor)} paid` : ''}`,
    });
    components.push({ code: 'FUNERAL', label: 'Funeral costs (biaya pemakaman)', amount: table.funeral });
    components.push({ code: 'PERIODIC', label: 'Periodic benefit, 24 months paid at once (santunan berkala)', amount: table.periodic });
  }
  return breakdown('JKK', table, components);
}

/** Months 1..n split by the table's rate steps. */
export function incapacityParts(table: Pick<JkkBenefitTable, 'incapacitySteps'>, months: number): { from: number; to: number; percent: number }[] {
  const parts: { from: number; to: number; percent: number }[] = [];
  table.incapacitySteps.forEach((step, i) => {
    const next = table.incapacitySteps[i + 1];
    const to = Math.min(months, next ? next.fromMonth - 1 : months);
    if (to >= step.fromMonth) parts.push({ from: step.fromMonth, to, percent: step.percent });
  });
  return parts;
}

function nonNegative(amount: Rupiah, field: string): Rupiah {
  if (amount < 0n) throw new DomainError('BAD_USER_INPUT', `${field} cannot hold a negative amount.`, field);
  return amount;
}
