import { createHmac, timingSafeEqual } from 'node:crypto';

// Provider callbacks are signed like webhooks: `x-payout-signature: t=<unix seconds>,v1=<hex>`,
// v1 = HMAC-SHA256(secret, "<t>.<raw body>"). A callback older than the tolerance is refused,
// so a captured one cannot be replayed later.

export const SIGNATURE_HEADER = 'x-payout-signature';
const TOLERANCE_SECONDS = 300;

export function signCallback(secret: string, body: string, now: Date = new Date()): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

export function verifyCallback(secret: string, body: string, header: string | undefined, now: Date = new Date()): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((part) => part.split('=', 2) as [string, string]));
  const t = Number(parts['t']);
  const given = parts['v1'];
  if (!Number.isInteger(t) || !given || Math.abs(now.getTime() / 1000 - t) > TOLERANCE_SECONDS) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const actual = Buffer.from(given, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
