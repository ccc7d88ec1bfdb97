import type { EntityManager } from 'typeorm';
import type { BudgetLine, GroupTerms, TermsVersion } from '../../../../domain/mou/mou-terms.js';
import type { OccupationGroup } from '../../../../domain/participants/occupation.js';
import type { Program } from '../../../../domain/programs.js';
import type { BudgetLineWire, GroupTermsWire } from '../../../../workflows/mou-lifecycle/mou-lifecycle.messages.js';
import type { SqlRow } from '../../../kit/src/sql-row.js';

/** Versions of many MoUs' terms in three queries, oldest first per MoU. */
export async function loadTermsVersions(db: Pick<EntityManager, 'query'>, mouIds: readonly string[]): Promise<Map<string, TermsVersion[]>> {
  const out = new Map<string, TermsVersion[]>(mouIds.map((id) => [id, []]));
  if (mouIds.length === 0) return out;
  // One after the other: inside a transaction they share one connection, and pg refuses to queue them in parallel there.
  const terms = (await db.query(
    `SELECT t.mou_id, t.version, t.effective_from, t.kind, t.reason, t.valid_from, t.valid_to, t.quota, m.programs, m.jht
       FROM municipalities.mou_terms t JOIN municipalities.mou m ON m.id = t.mou_id
      WHERE t.mou_id = ANY($1) ORDER BY t.mou_id, t.version`,
    [mouIds],
  )) as SqlRow[];
  const groups = (await db.query(
    `SELECT mou_id, version, occupation_group, quota, monthly_contribution::text FROM municipalities.mou_terms_group WHERE mou_id = ANY($1) ORDER BY occupation_group`,
    [mouIds],
  )) as SqlRow[];
  const lines = (await db.query(
    `SELECT mou_id, version, fiscal_year, amount::text, apbd_reference FROM municipalities.mou_budget_line WHERE mou_id = ANY($1) ORDER BY fiscal_year`,
    [mouIds],
  )) as SqlRow[];
  const key = (row: SqlRow) => `${row['mou_id']}/${row['version']}`;
  const groupsBy = new Map<string, GroupTerms[]>();
  for (const g of groups) {
    const list = groupsBy.get(key(g)) ?? [];
    list.push({ group: g['occupation_group'] as OccupationGroup, quota: g['quota'], monthlyContribution: BigInt(g['monthly_contribution']) });
    groupsBy.set(key(g), list);
  }
  const linesBy = new Map<string, BudgetLine[]>();
  for (const l of lines) {
    const list = linesBy.get(key(l)) ?? [];
    list.push({ fiscalYear: l['fiscal_year'], amount: BigInt(l['amount']), apbdReference: l['apbd_reference'] });
    linesBy.set(key(l), list);
  }
  for (const t of terms) {
    out.get(t['mou_id'])!.push({
      version: t['version'],
      effectiveFrom: t['effective_from'],
      kind: t['kind'],
      reason: t['reason'],
      validFrom: t['valid_from'],
      validTo: t['valid_to'],
      quota: t['quota'],
      programs: t['programs'] as Program[],
      jht: t['jht'],
      groups: groupsBy.get(key(t)) ?? [],
      budgetLines: linesBy.get(key(t)) ?? [],
    });
  }
  return out;
}

/** Appends one version of the terms (the tables are append-only). */
export async function insertTermsVersion(tx: Pick<EntityManager, 'query'>, mouId: string, terms: TermsVersion, recordedBy: string, signedOn: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO municipalities.mou_terms (mou_id, version, effective_from, kind, reason, signed_on, valid_from, valid_to, quota, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [mouId, terms.version, terms.effectiveFrom, terms.kind, terms.reason, signedOn, terms.validFrom, terms.validTo, terms.quota, recordedBy],
  );
  for (const g of terms.groups) {
    await tx.query(`INSERT INTO municipalities.mou_terms_group (mou_id, version, occupation_group, quota, monthly_contribution) VALUES ($1, $2, $3, $4, $5)`, [
      mouId,
      terms.version,
      g.group,
      g.quota,
      g.monthlyContribution.toString(),
    ]);
  }
  for (const b of terms.budgetLines) {
    await tx.query(`INSERT INTO municipalities.mou_budget_line (mou_id, version, fiscal_year, amount, apbd_reference) VALUES ($1, $2, $3, $4, $5)`, [
      mouId,
      terms.version,
      b.fiscalYear,
      b.amount.toString(),
      b.apbdReference,
    ]);
  }
}

export const groupsToWire = (groups: readonly GroupTerms[]): GroupTermsWire[] => groups.map((g) => ({ ...g, monthlyContribution: g.monthlyContribution.toString() }));
export const groupsFromWire = (groups: readonly GroupTermsWire[]): GroupTerms[] => groups.map((g) => ({ ...g, monthlyContribution: BigInt(g.monthlyContribution) }));
export const linesToWire = (lines: readonly BudgetLine[]): BudgetLineWire[] => lines.map((b) => ({ ...b, amount: b.amount.toString() }));
export const linesFromWire = (lines: readonly BudgetLineWire[]): BudgetLine[] => lines.map((b) => ({ ...b, amount: BigInt(b.amount) }));
