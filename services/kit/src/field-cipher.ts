import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Personal data at rest (NIK, bank accounts): AES-256-GCM with a random nonce per value, and a
 * keyed blind index (HMAC-SHA256) so exact lookups and uniqueness work without decrypting.
 * Values read `v1:<base64 nonce|tag|ciphertext>` so the key can be rotated later.
 */
export class FieldCipher {
  private readonly dataKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(keys: { dataKey: string; blindIndexKey: string }) {
    this.dataKey = Buffer.from(keys.dataKey, 'base64');
    this.indexKey = Buffer.from(keys.blindIndexKey, 'base64');
    if (this.dataKey.length !== 32 || this.indexKey.length !== 32) throw new Error('Data and blind-index keys must be 32 bytes each.');
  }

  encrypt(plaintext: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.dataKey, nonce);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(stored: string): string {
    const [version, payload] = stored.split(':');
    if (version !== VERSION || !payload) throw new Error('Unknown encrypted value format.');
    const raw = Buffer.from(payload, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.dataKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Same input, same index; `purpose` keeps indexes of different fields apart. */
  blindIndex(purpose: string, value: string): string {
    return createHmac('sha256', this.indexKey).update(`${purpose}:${value}`).digest('hex');
  }
}
