import { createHash } from 'node:crypto';
import type { Identity } from '../../kit/src/identity.js';

/**
 * Identities of user tokens already verified, by the token's SHA-256, so a client sending the
 * same bearer token on every request pays for one signature check, not one per request. An
 * entry lasts until the token's own expiry and at most `maxAgeMs` (so a key withdrawn from the
 * identity provider stops working within that time); an altered token hashes differently and is
 * verified afresh. Bounded: the oldest entries go first.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { identity: Identity; until: number }>();

  constructor(private readonly options: { maxEntries: number; maxAgeMs: number; now?: () => number } = { maxEntries: 10_000, maxAgeMs: 60_000 }) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  static key(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }

  /** The identity of a token verified before and not yet expired, else undefined. */
  get(token: string): Identity | undefined {
    const key = VerifiedTokens.key(token);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() >= entry.until) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.identity;
  }

  /** Remembers a verified token until `expiresAtSeconds` (its `exp`), at most maxAgeMs from now. */
  set(token: string, identity: Identity, expiresAtSeconds: number): void {
    const until = Math.min(expiresAtSeconds * 1000, this.now() + this.options.maxAgeMs);
    if (!(until > this.now())) return;
    if (this.entries.size >= this.options.maxEntries) {
      // Drop expired entries first, then the oldest.
      const now = this.now();
      for (const [k, e] of this.entries) if (now >= e.until) this.entries.delete(k);
      while (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(VerifiedTokens.key(token), { identity, until });
  }

  get size(): number {
    return this.entries.size;
  }
}
