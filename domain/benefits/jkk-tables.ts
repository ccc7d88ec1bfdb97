import type { EffectiveDated } from '../effective-dated.js';
import type { Rupiah } from '../money.js';

// JKK (work accident) rules as effective-dated data. Percentages are whole per-mille or
// per-cent integers so every amount stays integer rupiah. Sources: DOMAIN.md [R].

export const TRANSPORT_MODES = ['LAND', 'SEA', 'AIR'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

/** Temporary incapacity (STMB): from month `fromMonth` on, `percent` % of the monthly income. */
export type IncapacityStep = { fromMonth: number; percent: number };

export type JkkBenefitTable = EffectiveDated & {
  id: string;
  regulation: string;
  /** Ceiling per transport mode; medical care has no ceiling (paid against receipts). */
  transportCeilings: Readonly<Record<TransportMode, Rupiah>>;
  /** Rates by month of incapacity, ascending fromMonth, the first from month 1. */
  incapacitySteps: readonly IncapacityStep[];
  /** Months of income a 100% disability is worth (80); the table percentage applies to it. */
  disabilityMultiplier: number;
  /** Total permanent disability: percent of the multiplier (70% × 80 = 56 months) and a periodic benefit. */
  totalDisabilityPercent: number;
  totalDisabilityPeriodic: Rupiah;
  /** Work-accident death: percent of the multiplier (60% × 80 = 48 months), floor = JKM lump sum. */
  deathPercent: number;
  deathFloor: Rupiah;
  funeral: Rupiah;
  periodic: Rupiah;
  /** Months after the accident a claim may be filed (5 years since PP 82/2019). */
  expiryMonths: number;
};

/** Part of PP 44/2015 annex III (permanent partial disability, % of the 80-month multiplier). [R] */
export const PARTIAL_DISABILITY_TABLE: Readonly<Record<string, { label: string; percent: number }>> = {
  ARM_FROM_SHOULDER: { label: 'Arm from the shoulder', percent: 40 },
  ARM_ABOVE_ELBOW: { label: 'Arm above the elbow', percent: 35 },
  HAND: { label: 'Hand from the wrist', percent: 32 },
  THUMB: { label: 'Thumb', percent: 15 },
  INDEX_FINGER: { label: 'Index finger', percent: 9 },
  LEG_FROM_HIP: { label: 'Leg from the hip', percent: 40 },
  LEG_ABOVE_KNEE: { label: 'Leg above the knee', percent: 35 },
  FOOT: { label: 'Foot from the ankle', percent: 25 },
  ONE_EYE: { label: 'Sight of one eye', percent: 35 },
  HEARING_BOTH_EARS: { label: 'Hearing of both ears', percent: 40 },
  HEARING_ONE_EAR: { label: 'Hearing of one ear', percent: 20 },
};

export const JKK_BENEFIT_TABLES: readonly JkkBenefitTable[] = [
  {
    id: 'JKK/PP-44-2015',
    validFrom: '2015-07-01',
    validTo: '2019-12-01',
    regulation: 'PP 44/2015',
    transportCeilings: { LAND: 1_000_000n, SEA: 1_500_000n, AIR: 2_500_000n },
    incapacitySteps: [
      { fromMonth: 1, percent: 100 },
      { fromMonth: 7, percent: 75 },
      { fromMonth: 13, percent: 50 },
    ],
    disabilityMultiplier: 80,
    totalDisabilityPercent: 70,
    totalDisabilityPeriodic: 4_800_000n,
    deathPercent: 60,
    deathFloor: 16_200_000n,
    funeral: 3_000_000n,
    periodic: 4_800_000n,
    expiryMonths: 24,
  },
  {
    id: 'JKK/PP-82-2019',
    validFrom: '2019-12-02',
    regulation: 'PP 82/2019',
    transportCeilings: { LAND: 5_000_000n, SEA: 2_000_000n, AIR: 10_000_000n },
    incapacitySteps: [
      { fromMonth: 1, percent: 100 },
      { fromMonth: 13, percent: 50 },
    ],
    disabilityMultiplier: 80,
    totalDisabilityPercent: 70,
    totalDisabilityPeriodic: 12_000_000n,
    deathPercent: 60,
    deathFloor: 20_000_000n,
    funeral: 10_000_000n,
    periodic: 12_000_000n,
    expiryMonths: 60,
  },
];
