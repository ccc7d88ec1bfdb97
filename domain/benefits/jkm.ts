import { parseLocalDate, type LocalDate } from '../calendar.js';
import { tableInForce, type EffectiveDated } from '../effective-dated.js';
import { DomainError } from '../errors.js';
import { sumRupiah, type Rupiah } from '../money.js';

// JKM (death not caused by work) cash benefits. Amounts change by regulation, so they are data
// with an effective period, and a claim is paid from the table in force on the date of death.
// Pure and Intl-free: the claim workflow calls this.

export type JkmBenefitTable = EffectiveDated & {
  regulation: string;
  lumpSum: Rupiah;
  /** The 24 monthly periodic payments, paid at once. */
  periodic: Rupiah;
  funeral: Rupiah;
};

export type BenefitComponentCode = 'LUMP_SUM' | 'PERIODIC' | 'FUNERAL';

export type BenefitBreakdown = {
  program: 'JKM';
  regulation: string;
  components: { code: BenefitComponentCode; label: string; amount: Rupiah }[];
  total: Rupiah;
};

export const JKM_BENEFIT_TABLES: readonly JkmBenefitTable[] = [
  {
    validFrom: '2015-07-01',
    validTo: '2019-12-01',
    regulation: 'PP 44/2015',
    lumpSum: 16_200_000n,
    periodic: 4_800_000n, // 24 × Rp 200,000
    funeral: 3_000_000n,
  },
  {
    validFrom: '2019-12-02',
    regulation: 'PP 82/2019',
    lumpSum: 20_000_000n,
    periodic: 12_000_000n, // 24 × Rp 500,000
    funeral: 10_000_000n,
  },
];

export function jkmBenefitFor(incidentDate: LocalDate, tables: readonly JkmBenefitTable[] = JKM_BENEFIT_TABLES): BenefitBreakdown {
  parseLocalDate(incidentDate, 'incidentDate');
  const table = tableInForce(tables, incidentDate);
  if (!table) {
    throw new DomainError('BAD_USER_INPUT', `No JKM benefit rules are on record for a death on ${incidentDate}; check the date of death.`, 'incidentDate');
  }
  const components: BenefitBreakdown['components'] = [
    { code: 'LUMP_SUM', label: 'Lump sum (santunan sekaligus)', amount: table.lumpSum },
    { code: 'PERIODIC', label: 'Periodic benefit, 24 months paid at once (santunan berkala)', amount: table.periodic },
    { code: 'FUNERAL', label: 'Funeral costs (biaya pemakaman)', amount: table.funeral },
  ];
  return { program: 'JKM', regulation: table.regulation, components, total: sumRupiah(components.map((c) => c.amount)) };
}
