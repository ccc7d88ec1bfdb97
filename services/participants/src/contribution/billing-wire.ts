import type { GroupRate } from '../../../../domain/contributions/group-rates.js';
import type { GroupRateWire } from '../../../../workflows/billing/billing.activities.js';

export function ratesFromWire(rates: readonly GroupRateWire[]): GroupRate[] {
  return rates.map((r) => ({ group: r.group, monthlyRate: BigInt(r.monthlyRate), validFrom: r.validFrom, ...(r.validTo ? { validTo: r.validTo } : {}) }));
}
