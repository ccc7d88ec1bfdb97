import { createHash } from 'node:crypto';
import type { Caller } from './context.js';

/**
 * The id a request's work gets when the client sent an Idempotency-Key: the same person, the
 * same operation, the same key and the same input always give the same id (UUID-shaped), so a
 * retry lands on the first attempt's workflow, update or row instead of starting anew. Another
 * person's key, or the same key with other input, gives another id. Null without a key.
 */
export function idempotentId(caller: Caller, operation: string, input: unknown): string | null {
  if (!caller.idempotencyKey) return null;
  const digest = createHash('sha256')
    .update(JSON.stringify([caller.identity.subject, operation, caller.idempotencyKey, input], (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)))
    .digest('hex');
  // Version 4 and RFC 4122 variant bits, so it passes for the UUID it stands in for.
  const variant = ((parseInt(digest[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-4${digest.slice(13, 16)}-${variant}${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
}
