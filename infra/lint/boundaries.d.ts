// Types of boundaries.js for the TypeScript code that uses it (its test).
import type { ESLint, Linter } from 'eslint';

export type ImportTarget = { kind: 'file'; path: string } | { kind: 'package'; name: string };
export interface BoundaryProblem {
  messageId: string;
  data: Record<string, string>;
}

export function resolveSpecifier(specifier: string, importingFile: string, root: string): ImportTarget;
export function checkImport(file: string, target: ImportTarget, specifier: string): BoundaryProblem | undefined;
export function boundariesConfig(root: string): Linter.Config;

declare const plugin: ESLint.Plugin;
export default plugin;
