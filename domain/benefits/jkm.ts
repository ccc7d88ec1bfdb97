import { addMonths, compareLocalDates, parseLocalDate, type LocalDate } from '../calendar.js';
import { tableInForce, type EffectiveDated } from '../effective-dated.js';
import { DomainError } from '../errors.js';
import type { Rupiah } from '../money.js';
import { breakdown, type BenefitBreakdown, type BenefitComponent } from './breakdown.js';

export type { BenefitBreakdown, BenefitComponentCode } from './breakdown.js';

// JKM (death not caused by work) cash benefits. Amounts change by regulation, so they are data
// with an effective period, and a claim is paid from the table in force on the date of death.
// Pure and Intl-free: the claim workflow calls this.

export const EDUCATION_LEVELS = ['TK_SD', 'SMP', 'SMA', 'UNIVERSITY'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export type ScholarshipRules = {
  /** Children who may receive it. */
  maxChildren: number;
  /** Months of membership the deceased needs (36 = 3 years). */
  minMembershipMonths: number;
  /** A child is entitled until this age (exclusive). */
  maxChildAge: number;
  /** Per level: yearly amount and the most years paid at that level. */
  levels: Readonly<Record<EducationLevel, { perYear: Rupiah; maxYears: number }>>;
};

export type JkmBenefitTable = EffectiveDated & {
  id: string;
  regulation: string;
  lumpSum: Rupiah;
  /** The 24 monthly periodic payments, paid at once. */
  periodic: Rupiah;
  funeral: Rupiah;
  scholarship: ScholarshipRules;
};

export const JKM_BENEFIT_TABLES: readonly JkmBenefitTable[] = [
  {
    id: 'JKM/PP-44-2015',
    validFrom: '2015-07-01',
    validTo: '2019-12-01',
    regulation: 'PP 44/2015',
    lumpSum: 16_200_000n,
    periodic: 4_800_000n, // 24 × Rp 200,000
    funeral: 3_000_000n,
    // One child, once, after 5 years of membership: modelled as one year at every level. [R]
    scholarship: {
      maxChildren: 1,
      minMembershipMonths: 60,
      maxChildAge: 23,
      levels: { TK_SD: { perYear: 12_000_000n, maxYears: 1 }, SMP: { perYear: 0n, maxYears: 0 }, SMA: { perYear: 0n, maxYears: 0 }, UNIVERSITY: { perYear: 0n, maxYears: 0 } },
    },
  },
  {
    id: 'JKM/PP-82-2019',
    validFrom: '2019-12-02',
    regulation: 'PP 82/2019',
    lumpSum: 20_000_000n,
    periodic: 12_000_000n, // 24 × Rp 500,000
    funeral: 10_000_000n,
    scholarship: {
      maxChildren: 2,
      minMembershipMonths: 36,
      maxChildAge: 23,
      levels: {
        TK_SD: { perYear: 1_500_000n, maxYears: 8 },
        SMP: { perYear: 2_000_000n, maxYears: 3 },
        SMA: { perYear: 3_000_000n, maxYears: 3 },
        UNIVERSITY: { perYear: 12_000_000n, maxYears: 5 },
      },
    },
  },
];

export function jkmTableFor(incidentDate: LocalDate, tables: readonly JkmBenefitTable[] = JKM_BENEFIT_TABLES): JkmBenefitTable {
  parseLocalDate(incidentDate, 'incidentDate');
  const table = tableInForce(tables, incidentDate);
  if (!table) {
    throw new DomainError('BAD_USER_INPUT', `No JKM benefit rules are on record for a death on ${incidentDate}; check the date of death.`, 'incidentDate');
  }
  return table;
}

/** The cash benefit: lump sum, periodic (24 months at once) and funeral costs. */
export function jkmBenefitFor(incidentDate: LocalDate, tables: readonly JkmBenefitTable[] = JKM_BENEFIT_TABLES): BenefitBreakdown {
  const table = jkmTableFor(incidentDate, tables);
  const components: BenefitComponent[] = [
    { code: 'LUMP_SUM', label: 'Lump sum (santunan sekaligus)', amount: table.lumpSum },
    { code: 'PERIODIC', label: 'Periodic benefit, 24 months paid at once (santunan berkala)', amount: table.periodic },
    { code: 'FUNERAL', label: 'Funeral costs (biaya pemakaman)', amount: table.funeral },
  ];
  return breakdown('JKM', table, components);
}

export type ScholarshipChild = { name: string; birthDate: LocalDate; level: EducationLevel; /** years already done at that level */ yearsDone?: number };

export type ScholarshipPayment = { child: string; schoolYear: number; level: EducationLevel; amount: Rupiah };

export type ScholarshipEntitlement = {
  entitled: boolean;
  /** Why not, when not entitled. */
  reason: string | null;
  ruleVersion: string;
  /** One line per child and school year, from the year of death on; paid year by year. */
  schedule: ScholarshipPayment[];
  total: Rupiah;
};

/**
 * The scholarship for up to `maxChildren` children when the deceased was a member for at least
 * `minMembershipMonths` (3 years: a death exactly 3 years after membership began qualifies). Each
 * child is paid year by year: the rest of their current level, then the next levels, while
 * under `maxChildAge` on the first day of the school year (1 July).
 */
export function jkmScholarshipFor(
  input: { incidentDate: LocalDate; membershipFrom: LocalDate; children: readonly ScholarshipChild[] },
  tables: readonly JkmBenefitTable[] = JKM_BENEFIT_TABLES,
): ScholarshipEntitlement {
  const table = jkmTableFor(input.incidentDate, tables);
  const rules = table.scholarship;
  parseLocalDate(input.membershipFrom, 'membershipFrom');
  const qualifiesOn = addMonths(input.membershipFrom, rules.minMembershipMonths);
  const none = (reason: string): ScholarshipEntitlement => ({ entitled: false, reason, ruleVersion: table.id, schedule: [], total: 0n });
  if (compareLocalDates(input.incidentDate, qualifiesOn) < 0) {
    return none(
      `Membership began on ${input.membershipFrom}; the scholarship needs ${rules.minMembershipMonths / 12} years (from ${qualifiesOn}), and the death was on ${input.incidentDate}.`,
    );
  }
  if (input.children.length === 0) return none('No child was named.');
  const firstYear = Number(input.incidentDate.slice(0, 4));
  const schedule: ScholarshipPayment[] = [];
  // The youngest children have the longest schooling ahead; the rule names no order, so the
  // eldest first (as the family card lists them) is taken, at most maxChildren.
  const children = [...input.children].sort((a, b) => compareLocalDates(a.birthDate, b.birthDate)).slice(0, rules.maxChildren);
  for (const child of children) {
    parseLocalDate(child.birthDate, 'children.birthDate');
    let year = firstYear;
    let done = child.yearsDone ?? 0;
    for (let level = EDUCATION_LEVELS.indexOf(child.level); level < EDUCATION_LEVELS.length; level++, done = 0) {
      const name = EDUCATION_LEVELS[level]!;
      const { perYear, maxYears } = rules.levels[name];
      for (let y = done; y < maxYears; y++, year++) {
        const age = ageOn(child.birthDate, `${year}-07-01`);
        if (age >= rules.maxChildAge) break;
        if (perYear > 0n) schedule.push({ child: child.name, schoolYear: year, level: name, amount: perYear });
      }
    }
  }
  return { entitled: true, reason: null, ruleVersion: table.id, schedule, total: schedule.reduce((sum, p) => sum + p.amount, 0n) };
}

function ageOn(birthDate: LocalDate, day: LocalDate): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
