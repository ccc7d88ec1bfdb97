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

export function heirRank(relationship: HeirRelationship): number {
  return HEIR_RELATIONSHIPS.find((h) => h.code === relationship)!.rank;
}

/** An heir as filed: the share is in basis points (10000 = all); absent = equal shares. */
export type ClaimHeir = Heir & { share?: number | null };

/**
 * Several heirs in legal order: they must all be of one rank (a parent inherits only when no
 * spouse or child does), and explicit shares must be given for all or none and sum to 100%.
 * Answers each heir's share as a fraction (equal shares are 1/n, so thirds split exactly). Refusals are NOT_ELIGIBLE with reason HEIR_ORDER,
 * or BAD_USER_INPUT for malformed shares.
 */
export function heirShares(heirs: readonly ClaimHeir[]): HeirShare[] {
  if (heirs.length === 0) throw new DomainError('BAD_USER_INPUT', 'Name at least one heir.', 'heirs');
  if (heirs.length > 20) throw new DomainError('BAD_USER_INPUT', 'A claim names at most 20 heirs.', 'heirs');
  const first = Math.min(...heirs.map((h) => heirRank(h.relationship)));
  const outOfOrder = heirs.find((h) => heirRank(h.relationship) !== first);
  if (outOfOrder) {
    const before = heirs.find((h) => heirRank(h.relationship) === first)!;
    throw new DomainError(
      'NOT_ELIGIBLE',
      `Heirs inherit in legal order: ${outOfOrder.name} (${outOfOrder.relationship.toLowerCase().replace(/_/g, ' ')}, order ${heirRank(outOfOrder.relationship)}) cannot share with ${before.name} (${before.relationship.toLowerCase().replace(/_/g, ' ')}, order ${first}). Leave later-order heirs out.`,
      'heirs',
      { reason: 'HEIR_ORDER' },
    );
  }
  const given = heirs.filter((h) => h.share != null);
  if (given.length === 0) return heirs.map(() => ({ numerator: 1, denominator: heirs.length }));
  if (given.length !== heirs.length) throw new DomainError('BAD_USER_INPUT', 'Give a share for every heir, or for none (equal shares).', 'heirs.share');
  for (const h of heirs) {
    if (!Number.isInteger(h.share) || h.share! <= 0 || h.share! > 10000) {
      throw new DomainError('BAD_USER_INPUT', `The share of ${h.name} must be a whole number of basis points from 1 to 10000 (10000 = 100%).`, 'heirs.share');
    }
  }
  const sum = heirs.reduce((s, h) => s + h.share!, 0);
  if (sum !== 10000) throw new DomainError('BAD_USER_INPUT', `The heirs' shares add up to ${sum / 100}%; they must add up to 100%.`, 'heirs.share');
  return heirs.map((h) => ({ numerator: h.share!, denominator: 10000 }));
}

/** One heir's part of the benefit: a fraction (1/3 for equal thirds, 5000/10000 when given). */
export type HeirShare = { numerator: number; denominator: number };

/**
 * Splits an amount by shares in whole rupiah; the rupiah lost to rounding go to
 * the first heir, so the lines always add up to the amount.
 */
export function splitByShares(amount: bigint, shares: readonly HeirShare[]): bigint[] {
  const parts = shares.map((s) => (amount * BigInt(s.numerator)) / BigInt(s.denominator));
  const rest = amount - parts.reduce((a, b) => a + b, 0n);
  if (parts.length > 0) parts[0] = parts[0]! + rest;
  return parts;
}

/** Only a funeral arranger (order 6): they receive the funeral cost, the rest stays in the fund. */
export function onlyFuneralArranger(heirs: readonly ClaimHeir[]): boolean {
  return heirs.length > 0 && heirs.every((h) => h.relationship === 'FUNERAL_ARRANGER');
}
