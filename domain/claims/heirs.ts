import { DomainError } from '../errors.js';

// Heir order (DOMAIN.md "Heir order"): rank 1 is paid before rank 2, and so on. A funeral
// arranger only receives the funeral cost when there is no heir at all.
export const HEIR_RELATIONSHIPS = [
  { code: 'SPOUSE', rank: 1 },
  { code: 'CHILD', rank: 1 },
  { code: 'PARENT', rank: 2 },
  { code: 'GRANDCHILD', rank: 2 },
  { code: 'GRANDPARENT', rank: 2 },
  { code: 'SIBLING', rank: 3 },
  { code: 'PARENT_IN_LAW', rank: 4 },
  { code: 'WILL_BENEFICIARY', rank: 5 },
  { code: 'FUNERAL_ARRANGER', rank: 6 },
] as const;
export type HeirRelationship = (typeof HEIR_RELATIONSHIPS)[number]['code'];
export const HEIR_RELATIONSHIP_CODES = HEIR_RELATIONSHIPS.map((h) => h.code);

export type Heir = { name: string; relationship: HeirRelationship; phone: string | null };

/** The heir named on a claim: a name, a known relationship, and a phone that looks dialable. */
export function validateHeir(heir: Heir): Heir {
  const name = heir.name.trim();
  if (!name) throw new DomainError('BAD_USER_INPUT', 'Fill in the heir’s full name as on their KTP.', 'heir.name');
  const phone = heir.phone?.replace(/[\s-]/g, '') || null;
  if (phone !== null && !/^(\+62|0)\d{8,13}$/.test(phone)) {
    throw new DomainError('BAD_USER_INPUT', `The heir’s phone number "${heir.phone}" does not look like an Indonesian number (08… or +62…).`, 'heir.phone');
  }
  return { name, relationship: heir.relationship, phone };
}
