import { DomainError } from './errors.js';

// The BPJS Ketenagakerjaan programs a city pays for here.
export const PROGRAMS = ['JKK', 'JKM'] as const;
export type Program = (typeof PROGRAMS)[number];

export const PROGRAM_LABELS: Readonly<Record<Program, string>> = {
  JKK: 'JKK (work accident)',
  JKM: 'JKM (death)',
};

export function isProgram(x: string): x is Program {
  return (PROGRAMS as readonly string[]).includes(x);
}

/** A non-empty list of known programs without duplicates. */
export function assertPrograms(programs: readonly string[], field = 'programs'): asserts programs is readonly Program[] {
  if (programs.length === 0) {
    throw new DomainError('BAD_USER_INPUT', `${field} must name at least one program (JKK or JKM).`, field);
  }
  const seen = new Set<string>();
  for (const p of programs) {
    if (!isProgram(p)) {
      throw new DomainError('BAD_USER_INPUT', `${field} contains "${p}", which is not a program; use JKK or JKM.`, field);
    }
    if (seen.has(p)) throw new DomainError('BAD_USER_INPUT', `${field} lists ${p} more than once.`, field);
    seen.add(p);
  }
}
