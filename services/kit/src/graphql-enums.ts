import { registerEnumType } from 'type-graphql';
import { PROGRAMS } from '../../../domain/programs.js';

/** Domain lists are `as const` string unions; type-graphql wants an enum-like object. */
export function enumFromList<const T extends readonly string[]>(values: T, name: string, description: string): { [K in T[number]]: K } {
  const object = Object.fromEntries(values.map((value) => [value, value])) as { [K in T[number]]: K };
  registerEnumType(object, { name, description });
  return object;
}

/** Shared by every subgraph that mentions a program; composition requires identical values. */
export const ProgramEnum = enumFromList(PROGRAMS, 'Program', 'BPJS Ketenagakerjaan program: JKK (work accident) or JKM (death).');
