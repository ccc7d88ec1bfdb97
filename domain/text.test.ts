import { describe, expect, it } from 'vitest';
import { assertText, DEFAULT_TEXT_RULE, NOTE_RULE, textProblem } from './text.js';

describe('free text', () => {
  it('accepts names, punctuation and Indonesian spelling', () => {
    for (const name of ['Siti Aminah', 'Ni Luh Putu Ayu', "Ma'ruf", 'Jl. Ahmad Yani No. 1, RT 02/RW 05', 'Ḥasan — Ust.', '👍']) {
      expect(textProblem(name, DEFAULT_TEXT_RULE)).toBeNull();
    }
  });

  it('refuses NUL and every other control character, naming where it is', () => {
    expect(textProblem('Budi\u0000', DEFAULT_TEXT_RULE)).toBe('contains the control character U+0000 at position 5; remove it (line breaks and tabs are not allowed here)');
    for (const bad of ['\u0007', '\u001b[31m', '\u007f', '\u0085', 'a\nb', 'a\tb']) expect(textProblem(bad, DEFAULT_TEXT_RULE)).not.toBeNull();
  });

  it('lets line breaks and tabs into multi-line text only, never NUL', () => {
    expect(textProblem('line one\r\nline two\tend', NOTE_RULE)).toBeNull();
    expect(textProblem('line one\u0000', NOTE_RULE)).toMatch(/U\+0000/);
  });

  it('refuses unpaired surrogates but keeps paired ones', () => {
    expect(textProblem('a\ud800b', DEFAULT_TEXT_RULE)).toMatch(/broken character/);
    expect(textProblem('a\udc00', DEFAULT_TEXT_RULE)).toMatch(/broken character/);
    expect(textProblem('a\ud83d\udc4d', DEFAULT_TEXT_RULE)).toBeNull();
  });

  it('holds each field to its length', () => {
    expect(textProblem('x'.repeat(200), DEFAULT_TEXT_RULE)).toBeNull();
    expect(textProblem('x'.repeat(201), DEFAULT_TEXT_RULE)).toBe('is 201 characters long; at most 200 are allowed');
    expect(() => assertText('x'.repeat(61_440), DEFAULT_TEXT_RULE, 'heir.name')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'heir.name' }));
  });
});
