import { DomainError } from '../errors.js';
import { formatRupiah, type Rupiah } from '../money.js';

/** Above this a claim needs a supervisor's approval; a caseworker may approve up to it. */
export const DEFAULT_SUPERVISOR_THRESHOLD: Rupiah = 20_000_000n;

/** Who may approve a claim of this size. The four-eyes rule (checkApprover) applies as well. */
export function checkApprovalAuthority(approver: { roles: readonly string[] }, total: Rupiah, threshold: Rupiah): void {
  if (approver.roles.includes('supervisor') || approver.roles.includes('admin')) return;
  if (approver.roles.includes('caseworker') && total <= threshold) return;
  throw new DomainError(
    'FORBIDDEN',
    total > threshold
      ? `Claims above ${formatRupiah(threshold)} need a supervisor's approval; this one is ${formatRupiah(total)}.`
      : 'Only caseworkers and supervisors approve claims.',
    'approver',
  );
}
