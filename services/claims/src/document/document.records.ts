import type { DataSource, EntityManager } from 'typeorm';
import { documentChecklist, missingDocuments, type DocumentState } from '../../../../domain/claims/documents.js';
import type { HeirRelationship } from '../../../../domain/claims/heirs.js';
import type { Program } from '../../../../domain/programs.js';

/** The claim's checklist, all PENDING, written with the claim. */
export async function insertChecklist(
  tx: Pick<EntityManager, 'query'>,
  claimId: string,
  program: Program,
  heirs: readonly { relationship: HeirRelationship }[],
  total: bigint,
  jkkDeath: boolean,
): Promise<void> {
  for (const item of documentChecklist(program, { heirs, total, jkkDeath })) {
    await tx.query(`INSERT INTO claims.claim_document (claim_id, type, required) VALUES ($1, $2, $3) ON CONFLICT (claim_id, type) DO NOTHING`, [claimId, item.type, item.required]);
  }
}

/** Required documents of a claim not yet verified (the claim workflow asks before verification). */
export async function missingDocumentsOf(db: Pick<DataSource, 'query'>, claimId: string): Promise<string[]> {
  const rows = (await db.query(`SELECT type, required, state FROM claims.claim_document WHERE claim_id = $1 ORDER BY required DESC, type`, [claimId])) as {
    type: string;
    required: boolean;
    state: DocumentState;
  }[];
  return missingDocuments(rows);
}
