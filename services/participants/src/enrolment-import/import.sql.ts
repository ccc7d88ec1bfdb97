import { issue, type ImportField, type ImportIssueCode } from '../../../../domain/participants/import-issues.js';

/**
 * The verdict of a staged row from its issues, in SQL: the same rule as verdictOf() in
 * domain/participants/import-issues.ts (any error rejects, review holds, warnings only warn).
 */
export const VERDICT_SQL = `CASE WHEN issues @> '[{"severity":"error"}]' THEN 'REJECTED'
  WHEN issues @> '[{"severity":"review"}]' THEN 'NEEDS_REVIEW'
  WHEN jsonb_array_length(issues) > 0 THEN 'ACCEPTED_WITH_WARNINGS' ELSE 'ACCEPTED' END`;

/** An issue as a one-element JSON array, for `issues || $n::jsonb`. */
export function issueJson(code: ImportIssueCode, field: ImportField, detail = ''): string {
  return JSON.stringify([issue(code, field, detail)]);
}

/** An issue whose detail SQL fills in: `%s` in both messages is replaced by the expression. */
export function issueSqlTemplate(code: ImportIssueCode, field: ImportField, detailSql: string, param: number): string {
  return `jsonb_build_array(jsonb_set(jsonb_set(($${param}::jsonb)->0, '{messageId}', to_jsonb(replace(($${param}::jsonb)->0->>'messageId', '%s', ${detailSql}))),
    '{messageEn}', to_jsonb(replace(($${param}::jsonb)->0->>'messageEn', '%s', ${detailSql}))))`;
}

export function issueTemplate(code: ImportIssueCode, field: ImportField): string {
  return issueJson(code, field, '%s');
}
