import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Role } from '../../../../domain/access.js';
import {
  assertFileMatchesType,
  documentContentType,
  documentFileName,
  DOCUMENT_CONTENT_TYPES,
  MAX_DOCUMENT_BYTES,
  SNIFF_BYTES,
  type DocumentContentType,
} from '../../../../domain/claims/document-files.js';
import { DomainError, ERROR_CODES } from '../../../../domain/errors.js';
import type { RequestContext } from '../../../kit/src/context.js';
import type { HttpRoute } from '../../../kit/src/http-server.js';
import { FileTooLargeError, type FileStorage } from '../../../kit/src/storage/storage.js';
import type { DocumentService } from './document.service.js';
import { NO_VIRUS_SCAN, type VirusScanner } from './virus-scan.js';

/** A child's school certificate for a scholarship year: uploaded here, recorded with verifySchoolCertificate. */
export const SCHOOL_CERTIFICATE = 'SCHOOL_CERTIFICATE';

export interface SchoolCertificateUploads {
  /** Refuses (with the GraphQL codes) an upload for a claim with no scholarship year awaiting a certificate. */
  assertCanReceive(claimId: string, caller: RequestContext): Promise<void>;
}

/** The storage area of claim documents (files named by their SHA-256 inside it). */
export const DOCUMENT_AREA = 'claim-documents';
// The same roles as the GraphQL document mutations (upload) and the claims inbox (download).
const UPLOAD_ROLES: readonly Role[] = ['caseworker', 'supervisor'];
const DOWNLOAD_ROLES: readonly Role[] = ['caseworker', 'supervisor', 'manager', 'admin'];
const PATH = /^\/claims\/([^/]+)\/documents\/([A-Za-z0-9_]+)$/;

/**
 * Claim document files, as plain HTTP behind the gateway (which streams them with the caller's
 * signed identity):
 *   POST /claims/<claimId>/documents/<documentType>?fileName=…   body: the PDF, JPEG or PNG
 *   GET  /claims/<claimId>/documents/<documentType>
 * Every refusal that can be known before the bytes arrive (role, city, claim, type, declared
 * size or content type) is made before anything is stored; a file whose bytes are not its
 * declared type, that is too large, or that the virus scan refuses is not kept.
 */
export function documentRoutes(
  documents: DocumentService,
  storage: FileStorage,
  scanner: VirusScanner = NO_VIRUS_SCAN,
  /** School certificates of a paid claim's scholarship: stored, then recorded per child and year by verifySchoolCertificate. */
  certificates: SchoolCertificateUploads | null = null,
): HttpRoute[] {
  return [
    {
      method: 'POST',
      path: PATH,
      handle: (req, res, ctx, match) =>
        answer(req, res, async () => {
          allow(ctx, UPLOAD_ROLES, 'upload claim documents');
          const [claimId, type] = [match[1]!, match[2]!];
          const contentType = documentContentType(req.headers['content-type']);
          if (Number(req.headers['content-length'] ?? 0) > MAX_DOCUMENT_BYTES) throw new FileTooLargeError(MAX_DOCUMENT_BYTES);
          const certificate = type === SCHOOL_CERTIFICATE && certificates !== null;
          await (certificate ? certificates.assertCanReceive(claimId, ctx) : documents.assertCanReceive(claimId, type, ctx));
          const stored = await storage.put(DOCUMENT_AREA, checkedBody(req, contentType), MAX_DOCUMENT_BYTES);
          const verdict = await scanner.scan({ ...stored, contentType }, () => storage.open(stored.key));
          if (!verdict.clean) {
            await storage.remove(stored.key);
            throw new DomainError('BAD_USER_INPUT', 'The virus scan refused this file; nothing was kept. Scan the paper again on a clean device.', 'file', {
              reason: 'FILE_INFECTED',
            });
          }
          const fileName = documentFileName(new URL(req.url ?? '/', 'http://localhost').searchParams.get('fileName'), contentType, type);
          if (certificate) {
            // One per child and school year, not one per claim: the caseworker names them with verifySchoolCertificate.
            const schoolCertificate = { claimId, type, storageKey: stored.key, checksum: `sha256:${stored.sha256}`, sizeBytes: stored.bytes, contentType, fileName };
            res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { schoolCertificate } }));
            return;
          }
          const row = await documents.receive(claimId, { type, storageKey: stored.key, checksum: `sha256:${stored.sha256}`, fileName, bytes: stored.bytes, contentType }, ctx);
          const claimDocument = { claimId, type, state: row.state, checksum: row.checksum, sizeBytes: stored.bytes, contentType, fileName, receivedBy: row.received_by };
          res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { claimDocument } }));
        }),
    },
    {
      method: 'GET',
      path: PATH,
      handle: (req, res, ctx, match) =>
        answer(req, res, async () => {
          allow(ctx, DOWNLOAD_ROLES, 'read claim documents');
          const doc = await documents.documentOf(match[1]!, match[2]!, ctx);
          const key = doc.storage_key;
          const uploaded = key?.startsWith(`${DOCUMENT_AREA}/`) && (await storage.exists(key));
          if (!uploaded || !doc.content_type || !Object.hasOwn(DOCUMENT_CONTENT_TYPES, doc.content_type)) {
            throw new DomainError('NOT_FOUND', 'No uploaded file for this document (none yet, or it was recorded by reference only).', 'documentType');
          }
          res.writeHead(200, {
            'content-type': doc.content_type,
            'content-disposition': `attachment; filename="${(doc.file_name ?? 'document').replace(/"/g, '')}"`,
            'x-content-sha256': doc.checksum!.slice('sha256:'.length),
            ...(doc.size_bytes ? { 'content-length': doc.size_bytes } : {}),
          });
          await pipeline(storage.open(key!), res);
        }),
    },
  ];
}

function allow(ctx: RequestContext, roles: readonly Role[], what: string): void {
  if (!ctx.identity.roles.some((role) => roles.includes(role))) {
    throw new DomainError('FORBIDDEN', `Your role (${ctx.identity.roles.join(', ')}) may not ${what}; it needs ${roles.join(' or ')}.`);
  }
}

/**
 * The request body, refused as it streams if its first bytes are not the declared type. The
 * request itself is left open on a refusal, so the rest can be read away and the answer sent.
 */
function checkedBody(req: IncomingMessage, contentType: DocumentContentType): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    let head = Buffer.alloc(0);
    for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      if (head.length < SNIFF_BYTES) {
        head = Buffer.concat([head, chunk]).subarray(0, SNIFF_BYTES);
        if (head.length >= SNIFF_BYTES) assertFileMatchesType(contentType, head);
      }
      yield chunk;
    }
    if (head.length < SNIFF_BYTES) assertFileMatchesType(contentType, head);
  }
  const body = Readable.from(chunks(), { objectMode: false });
  // A caller gone mid-upload (or cut off at the gateway's cap) ends the upload, and the partial file.
  req.on('close', () => {
    if (!req.complete) body.destroy(new Error('the upload was cut off'));
  });
  return body;
}

async function answer(req: IncomingMessage, res: ServerResponse, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (res.headersSent) {
      res.destroy(error as Error);
      return;
    }
    const tooLarge = error instanceof FileTooLargeError;
    const refusal = error instanceof DomainError ? error : tooLarge ? new DomainError('REQUEST_TOO_LARGE', error.message, 'file') : null;
    if (!refusal) throw error;
    const status = tooLarge ? 413 : refusal.details?.['reason'] === 'FILE_TYPE_NOT_ALLOWED' ? 415 : ERROR_CODES[refusal.code].status;
    // Read the rest of the body away, so the gateway gets this answer rather than a broken pipe.
    req.resume();
    res
      .writeHead(status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code, field: refusal.field, ...refusal.details } }] }));
  }
}
