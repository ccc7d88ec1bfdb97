import { DomainError } from './errors.js';

// What free text a person may type into Lindung: printable characters, within a length fit for
// the field. A NUL byte cannot be stored by PostgreSQL at all, and other control characters
// only ever come from broken or hostile clients, so they are refused rather than cleaned up.

export interface TextRule {
  /** Most characters (UTF-16 code units, as JavaScript and GraphQL count them). */
  maxLength: number;
  /** Tab and line breaks allowed (notes, addresses); elsewhere every control character is refused. */
  multiline?: boolean;
}

/** Single-line text without a rule of its own: names, codes, references. */
export const DEFAULT_TEXT_RULE: TextRule = { maxLength: 200 };
/** Identifiers (UUIDs and the like). */
export const ID_RULE: TextRule = { maxLength: 100 };
/** A caseworker's note on a step. */
export const NOTE_RULE: TextRule = { maxLength: 2000, multiline: true };

// C0 controls, DEL and C1 controls; tab, LF and CR are let through separately for multi-line text.
/* eslint-disable no-control-regex -- matching control characters is the point */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a text cannot be accepted, in words for the person who typed it; null when it can. */
export function textProblem(value: string, rule: TextRule): string | null {
  if (value.length > rule.maxLength) return `is ${value.length} characters long; at most ${rule.maxLength} are allowed`;
  const control = (rule.multiline ? CONTROL_EXCEPT_LINE_BREAKS : CONTROL).exec(value);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `contains the control character U+${code} at position ${control.index + 1}; remove it${rule.multiline ? '' : ' (line breaks and tabs are not allowed here)'}`;
  }
  if (LONE_SURROGATE.test(value)) return 'contains a broken character (an unpaired UTF-16 surrogate)';
  return null;
}

/** Refuses text that breaks its rule, naming the field. */
export function assertText(value: string, rule: TextRule, field: string): void {
  const problem = textProblem(value, rule);
  if (problem) throw new DomainError('BAD_USER_INPUT', `${field} ${problem}.`, field);
}
