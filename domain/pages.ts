import { DomainError } from './errors.js';

// How many items one page of a list may hold. Pages are keyset pages; a bigger page would make
// one request cost what a hundred should.

/** Participants of a city or an MoU, claims and the like. */
export const MAX_PAGE_SIZE = 100;
/** How far a page's total is counted: beyond it a list says "10,000+" instead of counting every row. */
export const COUNT_CAP = 10_000;
/** Audit log entries (managers read them in bulk). */
export const MAX_AUDIT_PAGE_SIZE = 200;

/** Why a requested page size cannot be served, or null when it can. */
export function pageSizeProblem(first: unknown, max: number = MAX_PAGE_SIZE): string | null {
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > max) {
    return `Ask for between 1 and ${max} items per page; got ${String(first)}.`;
  }
  return null;
}

export function checkPageSize(first: number, max: number = MAX_PAGE_SIZE, field = 'first'): number {
  const problem = pageSizeProblem(first, max);
  if (problem) throw new DomainError('BAD_USER_INPUT', problem, field);
  return first;
}
