import type { DataSource } from 'typeorm';
import { DOCUMENT_TYPES, nextDocumentState, type DocumentState, type DocumentType } from '../../../../domain/claims/documents.js';
import { DomainError } from '../../../../domain/errors.js';
import { auditActorOf, recordAudit } from '../../../kit/src/audit.js';
import type { Caller } from '../../../kit/src/context.js';
import { isUuid } from '../../../kit/src/ids.js';

export type DocumentRow = {
  id: string;
  claim_id: string;
  type: DocumentType;
  required: boolean;
  state: DocumentState;
  storage_key: string | null;
  checksum: string | null;
  file_name: string | null;
  received_at: Date | null;
  received_by: string | null;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  rejection_reason: string | null;
  size_bytes: string | null;
  content_type: string | null;
};

/** What an uploaded file adds to the record: its size and checked content type. */
export type ReceivedFile = { type: string; storageKey: string; checksum: string; fileName: string | null; bytes?: number; contentType?: string };

/** A file recorded by reference: the key the upload endpoint answered and the file's SHA-256. */
export function assertFileReference(file: { storageKey: string; checksum: string }): void {
  if (!/^sha256:[0-9a-f]{64}$/.test(file.checksum)) throw new DomainError('BAD_USER_INPUT', 'checksum must be "sha256:" followed by 64 lowercase hex digits.', 'checksum');
  if (!/^[A-Za-z0-9][A-Za-z0-9/._-]{0,255}$/.test(file.storageKey) || file.storageKey.includes('..')) {
    throw new DomainError('BAD_USER_INPUT', 'storageKey must be the key the upload endpoint answered (letters, digits, / . _ -).', 'storageKey');
  }
}

/** Where documents may still change: before verification, or while more are requested. */
const OPEN_FOR_DOCUMENTS = ['AWAITING_VERIFICATION', 'DOCUMENTS_REQUESTED'];

/**
 * The claim's document checklist. Files are recorded by reference — the storage key the upload
 * endpoint answered and the file's SHA-256 — so the checksum can be checked when it is read back.
 * Each change is one transaction with its audit row and a claim event for the timeline.
 */
export class DocumentService {
  constructor(private readonly dataSource: DataSource) {}

  async forClaims(claimIds: readonly string[]): Promise<DocumentRow[][]> {
    const rows = claimIds.length
      ? ((await this.dataSource.query(`SELECT * FROM claims.claim_document WHERE claim_id = ANY($1) ORDER BY required DESC, type`, [[...claimIds]])) as DocumentRow[])
      : [];
    return claimIds.map((id) => rows.filter((r) => r.claim_id === id));
  }

  receive(claimId: string, input: ReceivedFile, caller: Caller): Promise<DocumentRow> {
    assertFileReference(input);
    return this.change(
      claimId,
      input.type,
      caller,
      'RECEIVE',
      `SET state = 'RECEIVED', storage_key = $3, checksum = $4, file_name = $5, received_at = now(), received_by = $6,
      reviewed_at = NULL, reviewed_by = NULL, rejection_reason = NULL, size_bytes = $7, content_type = $8`,
      [input.storageKey, input.checksum, input.fileName, caller.identity.subject, input.bytes ?? null, input.contentType ?? null],
    );
  }

  /** Refuses, before any byte is stored, an upload that `receive` would refuse (same codes). */
  async assertCanReceive(claimId: string, type: string, caller: Caller): Promise<void> {
    const { claim, doc } = await this.locate(this.dataSource, claimId, type, caller, false);
    if (!OPEN_FOR_DOCUMENTS.includes(claim.status)) throw this.closed(claim.status, 'RECEIVE');
    if (!doc) throw this.notOnChecklist(type);
  }

  /** The checklist item of one document of a claim in the caller's cities (for a download). */
  async documentOf(claimId: string, type: string, caller: Caller): Promise<DocumentRow & { region_code: string }> {
    const { claim, doc } = await this.locate(this.dataSource, claimId, type, caller, false);
    if (!doc) throw this.notOnChecklist(type);
    return { ...doc, region_code: claim.region_code };
  }

  review(claimId: string, type: string, verdict: 'VERIFIED' | 'REJECTED', reason: string | null, caller: Caller): Promise<DocumentRow> {
    if (verdict === 'REJECTED' && !reason?.trim()) throw new DomainError('BAD_USER_INPUT', 'Say why the document is rejected (reason), so the heir knows what to bring.', 'reason');
    return this.change(claimId, type, caller, verdict === 'VERIFIED' ? 'VERIFY' : 'REJECT', `SET state = $3, reviewed_at = now(), reviewed_by = $4, rejection_reason = $5`, [
      verdict,
      caller.identity.subject,
      verdict === 'REJECTED' ? reason!.trim() : null,
    ]);
  }

  private async change(claimId: string, type: string, caller: Caller, action: 'RECEIVE' | 'VERIFY' | 'REJECT', setSql: string, params: unknown[]): Promise<DocumentRow> {
    return this.dataSource.transaction(async (tx) => {
      const { claim, doc } = await this.locate(tx, claimId, type, caller, true);
      const allowed = action === 'RECEIVE' ? OPEN_FOR_DOCUMENTS : ['AWAITING_VERIFICATION'];
      if (!allowed.includes(claim.status)) throw this.closed(claim.status, action);
      if (!doc) throw this.notOnChecklist(type);
      nextDocumentState(doc.state, action);
      const [[updated]] = (await tx.query(`UPDATE claims.claim_document ${setSql}, version = version + 1 WHERE claim_id = $1 AND type = $2 RETURNING *`, [
        claimId,
        type,
        ...params,
      ])) as [DocumentRow[], number];
      await tx.query(`INSERT INTO claims.claim_event (claim_id, action, from_status, to_status, actor, reason_code, note) VALUES ($1, $2, $3, $3, $4, $5, $6)`, [
        claimId,
        `DOCUMENT_${action}`,
        claim.status,
        caller.identity.subject,
        type,
        updated!.rejection_reason,
      ]);
      await recordAudit(tx, 'claims', {
        actor: auditActorOf(caller),
        action: `claim.document.${action.toLowerCase()}`,
        entityType: 'ClaimDocument',
        entityId: updated!.id,
        regionCode: claim.region_code,
        before: { state: doc.state },
        after: {
          state: updated!.state,
          type,
          checksum: updated!.checksum,
          sizeBytes: updated!.size_bytes,
          contentType: updated!.content_type,
          rejectionReason: updated!.rejection_reason,
        },
      });
      return updated!;
    });
  }

  /** The claim (in the caller's cities) and its checklist item for `type`, locked when `lock`. */
  private async locate(db: Pick<DataSource, 'query'>, claimId: string, type: string, caller: Caller, lock: boolean) {
    if (!(type in DOCUMENT_TYPES))
      throw new DomainError('BAD_USER_INPUT', `"${type}" is not a document type; use one of ${Object.keys(DOCUMENT_TYPES).join(', ')}.`, 'documentType');
    if (!isUuid(claimId)) throw new DomainError('NOT_FOUND', `No claim with id ${claimId}.`, 'claimId');
    const forUpdate = lock ? 'FOR UPDATE' : '';
    const [claim] = (await db.query(`SELECT status, region_code FROM claims.claim WHERE id = $1 AND ($2::text[] IS NULL OR region_code = ANY($2)) ${forUpdate}`, [
      claimId,
      caller.scope.asSqlArray(),
    ])) as { status: string; region_code: string }[];
    if (!claim) throw new DomainError('NOT_FOUND', `No claim with id ${claimId}.`, 'claimId');
    const [doc] = (await db.query(`SELECT * FROM claims.claim_document WHERE claim_id = $1 AND type = $2 ${forUpdate}`, [claimId, type])) as DocumentRow[];
    return { claim, doc };
  }

  private closed(status: string, action: 'RECEIVE' | 'VERIFY' | 'REJECT'): DomainError {
    return new DomainError(
      'INVALID_TRANSITION',
      `This claim is ${status.toLowerCase().replace(/_/g, ' ')}; its documents can no longer be ${action === 'RECEIVE' ? 'received' : 'reviewed'}.`,
      'claimId',
    );
  }

  private notOnChecklist(type: string): DomainError {
    return new DomainError('BAD_USER_INPUT', `${DOCUMENT_TYPES[type as DocumentType]} is not on this claim's checklist.`, 'documentType');
  }
}
