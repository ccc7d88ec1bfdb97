// Occupation groups cities fund (quota is often set per group). OTHER keeps odd city lists enrollable.
export const OCCUPATION_GROUPS = [
  'RT_RW_HEAD',
  'RELIGIOUS_TEACHER',
  'MOSQUE_CARETAKER',
  'CEMETERY_KEEPER',
  'POSYANDU_CADRE',
  'PARKING_ATTENDANT',
  'MARKET_PORTER',
  'HONORARY_STAFF',
  'OTHER',
] as const;
export type OccupationGroup = (typeof OCCUPATION_GROUPS)[number];

/** A participant is one enrolment: ACTIVE, INACTIVE (contributions in arrears) or ENDED (see enrolment-status.ts). */
export const PARTICIPANT_STATUSES = ['ACTIVE', 'INACTIVE', 'ENDED'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export const SEXES = ['M', 'F'] as const;
export type Sex = (typeof SEXES)[number];
