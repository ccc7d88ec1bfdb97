import { describe, expect, it } from 'vitest';
import { isKpj, kpjFromSequence, luhnDigit } from './kpj.js';

describe('KPJ participant numbers', () => {
  it('are 11 digits: the sequence value and its Luhn check digit', () => {
    expect(luhnDigit('7992739871')).toBe(3);
    expect(kpjFromSequence(1_000_000_000)).toMatch(/^1000000000[0-9]$/);
    expect(kpjFromSequence(1_000_000_001)).toHaveLength(11);
    expect(isKpj(kpjFromSequence(1_234_567_890))).toBe(true);
  });

  it('catch one mistyped digit and two swapped neighbours', () => {
    const kpj = kpjFromSequence(1_234_567_890);
    const typo = `${kpj.slice(0, 3)}${(Number(kpj[3]) + 1) % 10}${kpj.slice(4)}`;
    const swapped = `${kpj.slice(0, 1)}${kpj[2]}${kpj[1]}${kpj.slice(3)}`;
    expect(isKpj(typo)).toBe(false);
    expect(isKpj(swapped)).toBe(false);
    expect(isKpj('0123456789')).toBe(false);
  });

  it('refuse values outside the sequence', () => {
    expect(() => kpjFromSequence(999_999_999)).toThrow('outside the KPJ sequence');
    expect(() => kpjFromSequence(10_000_000_000)).toThrow('outside the KPJ sequence');
  });
});
