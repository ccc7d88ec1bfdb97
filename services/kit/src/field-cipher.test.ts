import { describe, expect, it } from 'vitest';
import { FieldCipher } from './field-cipher.js';
import { generateSecretEnv } from './secrets.js';

const keys = () => {
  const env = generateSecretEnv();
  return { dataKey: env['LINDUNG_DATA_KEY']!, blindIndexKey: env['LINDUNG_BLIND_INDEX_KEY']! };
};

describe('field cipher', () => {
  it('round-trips, never repeats a ciphertext, and hides the plaintext', () => {
    const cipher = new FieldCipher(keys());
    const a = cipher.encrypt('1872014506800001');
    const b = cipher.encrypt('1872014506800001');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1872014506800001');
    expect(cipher.decrypt(a)).toBe('1872014506800001');
  });

  it('refuses a tampered value and a value under another key', () => {
    const cipher = new FieldCipher(keys());
    const stored = cipher.encrypt('1872014506800001');
    const raw = Buffer.from(stored.slice(3), 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => cipher.decrypt(`v1:${raw.toString('base64')}`)).toThrow();
    expect(() => new FieldCipher(keys()).decrypt(stored)).toThrow();
  });

  it('gives a stable blind index per purpose and key', () => {
    const k = keys();
    const cipher = new FieldCipher(k);
    expect(cipher.blindIndex('nik', '1872014506800001')).toBe(new FieldCipher(k).blindIndex('nik', '1872014506800001'));
    expect(cipher.blindIndex('nik', '1872014506800001')).not.toBe(cipher.blindIndex('bank', '1872014506800001'));
    expect(new FieldCipher(keys()).blindIndex('nik', '1872014506800001')).not.toBe(cipher.blindIndex('nik', '1872014506800001'));
  });
});
