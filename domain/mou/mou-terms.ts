import { addDays, compareLocalDates, parseLocalDate, type LocalDate } from '../calendar.js';
import { monthlyContribution } from '../contributions/bpu.js';
import { tableInForce, type EffectiveDated } from '../effective-dated.js';
import { DomainError } from '../errors.js';
import { sumRupiah, type Rupiah } from '../money.js';
import { OCCUPATION_GROUPS, type OccupationGroup } from '../participants/occupation.js';
import { assertPrograms, type Program } from '../programs.js';

// What an MoU says: its term, programs, budget per APBD fiscal year, quota in total and per
// occupation group with the monthly contribution the city pays per person in each group.
// Addenda change quota, budget or term from an effective date; every version is kept, so
// "what did the MoU say on date D" is termsAsOf(versions, D). Pure: services and workflows share it.

/** One APBD fiscal year's allocation (the Indonesian fiscal year is the calendar year). */
export type BudgetLine = { fiscalYear: number; amount: Rupiah; apbdReference: string | null };

/** Places and price for one occupation group. */
export type GroupTerms = { group: OccupationGroup; quota: number; monthlyContribution: Rupiah };

export type MouTerms = {
  validFrom: LocalDate;
  validTo: LocalDate;
  programs: readonly Program[];
  /** Whether the city also pays JHT (old-age savings) on top of JKK/JKM; priced into the group rates. */
  jht: boolean;
  /** Places at once across every group. */
  quota: number;
  groups: readonly GroupTerms[];
  budgetLines: readonly BudgetLine[];
};

/** A version of the terms: the original (version 1) or an addendum, in force from effectiveFrom. */
export type TermsVersion = MouTerms & {
  version: number;
  effectiveFrom: LocalDate;
  kind: 'ORIGINAL' | 'ADDENDUM';
  reason: string | null;
};

/** DOMAIN: JHT for BPU at the lowest declared income, Rp 20,000 a month [R]; effective-dated data. */
export const JHT_BPU_MONTHLY: readonly (EffectiveDated & { amount: Rupiah })[] = [{ validFrom: '2015-07-01', amount: 20_000n }];

/** Largest quota and rupiah amount accepted (a sanity bound, far above any city's figures). */
const MAX_QUOTA = 10_000_000;
const MAX_RUPIAH = 10n ** 15n;

/** The monthly contribution a group pays when the MoU names none: the BPU package for its programs. */
export function defaultMonthlyContribution(programs: readonly Program[], jht: boolean, date: LocalDate): Rupiah {
  const base = monthlyContribution(programs, date).total;
  if (!jht) return base;
  const row = tableInForce(JHT_BPU_MONTHLY, date);
  if (!row) throw new DomainError('BAD_USER_INPUT', `No JHT rate is on record for ${date}.`, 'jht');
  return base + row.amount;
}

export function budgetTotal(lines: readonly BudgetLine[]): Rupiah {
  return sumRupiah(lines.map((line) => line.amount));
}

export function fiscalYearsOf(validFrom: LocalDate, validTo: LocalDate): number[] {
  const years: number[] = [];
  for (let y = Number(validFrom.slice(0, 4)); y <= Number(validTo.slice(0, 4)); y++) years.push(y);
  return years;
}

function wholeAbove0(value: number, field: string, what: string): void {
  if (!Number.isSafeInteger(value) || value <= 0 || value > MAX_QUOTA) {
    throw new DomainError('BAD_USER_INPUT', `${what} must be a whole number of participants from 1 to ${MAX_QUOTA}; got ${value}.`, field);
  }
}

function rupiahAbove0(value: Rupiah, field: string, what: string): void {
  if (value <= 0n) throw new DomainError('BAD_USER_INPUT', `${what} must be more than Rp 0.`, field);
  if (value > MAX_RUPIAH) throw new DomainError('BAD_USER_INPUT', `${what} is implausibly large (over Rp 10^15).`, field);
}

/**
 * Checks a complete set of terms; the first problem is reported with the input field it concerns
 * (`groups[2].quota`, `budgetLines[0].fiscalYear`, …).
 */
export function validateTerms(terms: MouTerms): void {
  const from = parseLocalDate(terms.validFrom, 'validFrom');
  const to = parseLocalDate(terms.validTo, 'validTo');
  if (compareLocalDates(to, from) <= 0) {
    throw new DomainError('BAD_USER_INPUT', `validTo (${to}) must be after validFrom (${from}).`, 'validTo');
  }
  assertPrograms(terms.programs, 'programs');
  wholeAbove0(terms.quota, 'quota', 'quota');

  if (terms.groups.length === 0) {
    throw new DomainError('BAD_USER_INPUT', 'Name at least one occupation group the MoU funds, with its quota.', 'groups');
  }
  const seenGroups = new Set<string>();
  let groupPlaces = 0;
  terms.groups.forEach((line, i) => {
    const field = `groups[${i}]`;
    if (!(OCCUPATION_GROUPS as readonly string[]).includes(line.group)) {
      throw new DomainError('BAD_USER_INPUT', `"${line.group}" is not an occupation group; use one of ${OCCUPATION_GROUPS.join(', ')}.`, `${field}.group`);
    }
    if (seenGroups.has(line.group)) throw new DomainError('BAD_USER_INPUT', `groups lists ${line.group} more than once.`, `${field}.group`);
    seenGroups.add(line.group);
    wholeAbove0(line.quota, `${field}.quota`, `The quota of ${line.group}`);
    rupiahAbove0(line.monthlyContribution, `${field}.monthlyContribution`, `The monthly contribution of ${line.group}`);
    groupPlaces += line.quota;
  });
  if (groupPlaces < terms.quota) {
    // Every place must belong to a group, or the total could never be reached.
    throw new DomainError('BAD_USER_INPUT', `The group quotas add up to ${groupPlaces}, fewer than the total quota of ${terms.quota}.`, 'quota');
  }

  if (terms.budgetLines.length === 0) {
    throw new DomainError('BAD_USER_INPUT', 'Give at least one budget line: the APBD fiscal year and its amount.', 'budgetLines');
  }
  const years = fiscalYearsOf(from, to);
  const seenYears = new Set<number>();
  terms.budgetLines.forEach((line, i) => {
    const field = `budgetLines[${i}]`;
    if (!Number.isInteger(line.fiscalYear) || !years.includes(line.fiscalYear)) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `Fiscal year ${line.fiscalYear} is outside the MoU's term (${from} to ${to}, fiscal years ${years[0]}–${years[years.length - 1]}).`,
        `${field}.fiscalYear`,
      );
    }
    if (seenYears.has(line.fiscalYear)) throw new DomainError('BAD_USER_INPUT', `budgetLines lists fiscal year ${line.fiscalYear} more than once.`, `${field}.fiscalYear`);
    seenYears.add(line.fiscalYear);
    rupiahAbove0(line.amount, `${field}.amount`, `The budget for fiscal year ${line.fiscalYear}`);
    if (line.apbdReference !== null && line.apbdReference.length > 200) {
      throw new DomainError('BAD_USER_INPUT', 'The APBD reference is longer than 200 characters.', `${field}.apbdReference`);
    }
  });
}

/** The terms in force on `date`: the latest version effective by then (a later version wins on the same day). */
export function termsAsOf<T extends Pick<TermsVersion, 'version' | 'effectiveFrom'>>(versions: readonly T[], date: LocalDate): T | undefined {
  parseLocalDate(date, 'date');
  let found: T | undefined;
  for (const v of versions) {
    if (compareLocalDates(v.effectiveFrom, date) > 0) continue;
    if (!found || compareLocalDates(v.effectiveFrom, found.effectiveFrom) > 0 || (v.effectiveFrom === found.effectiveFrom && v.version > found.version)) found = v;
  }
  return found;
}

/** The latest version, whatever its effective date (what the parties have signed up to so far). */
export function latestTerms<T extends Pick<TermsVersion, 'version'>>(versions: readonly T[]): T {
  const latest = versions.reduce<T | undefined>((best, v) => (!best || v.version > best.version ? v : best), undefined);
  if (!latest) throw new Error('an MoU always has its original terms');
  return latest;
}

/** What an addendum changes; anything left out stays as it was. */
export type AddendumChange = {
  effectiveFrom: LocalDate;
  reason: string;
  validTo?: LocalDate;
  quota?: number;
  /** Lines replace the group's line, or add a group. */
  groups?: readonly GroupTerms[];
  /** Lines replace that fiscal year's line, or add one. */
  budgetLines?: readonly BudgetLine[];
};

/** Usage the addendum must respect: places taken now, in total and per group. */
export type PlacesInUse = { total: number; byGroup: Partial<Record<OccupationGroup, number>> };

/**
 * The terms version an addendum produces, checked: effective no earlier than today or the
 * version it amends, within the term; the new terms sound; no quota below places already taken;
 * the term not ended before today.
 */
export function applyAddendum(current: TermsVersion, change: AddendumChange, today: LocalDate, inUse: PlacesInUse): TermsVersion {
  const effectiveFrom = parseLocalDate(change.effectiveFrom, 'effectiveFrom');
  const reason = change.reason.trim();
  if (!reason) throw new DomainError('BAD_USER_INPUT', 'Say what the addendum changes and why (its title or article).', 'reason');
  if (reason.length > 500) throw new DomainError('BAD_USER_INPUT', 'The reason is longer than 500 characters.', 'reason');
  if (compareLocalDates(effectiveFrom, today) < 0) {
    throw new DomainError('BAD_USER_INPUT', `An addendum cannot take effect in the past (${effectiveFrom}); today is ${today}.`, 'effectiveFrom');
  }
  if (compareLocalDates(effectiveFrom, current.effectiveFrom) < 0) {
    throw new DomainError('BAD_USER_INPUT', `The terms it amends are in force from ${current.effectiveFrom}; the addendum cannot take effect before that.`, 'effectiveFrom');
  }
  if (compareLocalDates(effectiveFrom, current.validTo) > 0) {
    throw new DomainError('BAD_USER_INPUT', `The MoU ends on ${current.validTo}; an addendum effective ${effectiveFrom} would never apply.`, 'effectiveFrom');
  }
  if (change.validTo === undefined && change.quota === undefined && !change.groups?.length && !change.budgetLines?.length) {
    throw new DomainError('BAD_USER_INPUT', 'The addendum changes nothing: give a new term, quota, group lines or budget lines.', 'reason');
  }
  const merge = <T, K>(base: readonly T[], extra: readonly T[] | undefined, key: (t: T) => K): T[] => {
    const out = [...base];
    for (const line of extra ?? []) {
      const at = out.findIndex((b) => key(b) === key(line));
      if (at >= 0) out[at] = line;
      else out.push(line);
    }
    return out;
  };
  const next: TermsVersion = {
    ...current,
    version: current.version + 1,
    effectiveFrom,
    kind: 'ADDENDUM',
    reason,
    validTo: change.validTo ?? current.validTo,
    quota: change.quota ?? current.quota,
    groups: merge(current.groups, change.groups, (g) => g.group),
    budgetLines: merge(current.budgetLines, change.budgetLines, (b) => b.fiscalYear).sort((a, b) => a.fiscalYear - b.fiscalYear),
  };
  if (change.validTo !== undefined) {
    const to = parseLocalDate(change.validTo, 'validTo');
    if (compareLocalDates(to, today) < 0) throw new DomainError('BAD_USER_INPUT', `The new end date ${to} is already past; today is ${today}.`, 'validTo');
    if (compareLocalDates(to, addDays(effectiveFrom, -1)) < 0) {
      throw new DomainError('BAD_USER_INPUT', `The new end date ${to} is before the addendum takes effect (${effectiveFrom}).`, 'validTo');
    }
  }
  validateTerms(next);
  if (next.quota < inUse.total) {
    throw new DomainError('BAD_USER_INPUT', `${inUse.total} places are taken; the total quota cannot drop to ${next.quota}.`, 'quota');
  }
  next.groups.forEach((g, i) => {
    const used = inUse.byGroup[g.group] ?? 0;
    if (g.quota < used) throw new DomainError('BAD_USER_INPUT', `${used} ${g.group} places are taken; its quota cannot drop to ${g.quota}.`, `groups[${i}].quota`);
  });
  return next;
}
