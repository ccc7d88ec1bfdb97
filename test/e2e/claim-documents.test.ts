import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../services/kit/src/identity.js';
import { issueDevToken } from '../../services/kit/src/identity.js';
import { readSecrets } from '../../services/kit/src/secrets.js';
import { MAX_DOCUMENT_BYTES } from '../../domain/claims/document-files.js';
import { createServer } from 'node:http';
import { createRequestContext } from '../../services/kit/src/context.js';
import { closeServer, listen } from '../../services/kit/src/http-server.js';
import { LocalDiskStorage } from '../../services/kit/src/storage/storage.js';
import { documentRoutes } from '../../services/claims/src/document/document.http.js';
import { DocumentService } from '../../services/claims/src/document/document.service.js';
import type { VirusScanner } from '../../services/claims/src/document/virus-scan.js';
import { mustQuery } from '../harness/graphql.js';
import { startTestSystem, type TestSystem } from '../harness/system.js';
import { op } from '../fixtures/operations.js';
import { ACTORS } from '../fixtures/scenario.js';
import { claimAwaitingDocuments, fileRoute } from '../fixtures/claim-files.js';

// Claim documents as files through the gateway (issue 15 item 3), on real PostgreSQL and Temporal:
// the same sign-in, roles and city scope as GraphQL; stored by SHA-256; every refusal keeps nothing.
let system: TestSystem;
let storageDir: string;
let claimId: string;
const SORONG_CASEWORKER: Identity = { subject: 'caseworker.sorong', roles: ['caseworker'], cities: ['96.71'], clientId: null };
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('1 0 obj << /Type /Catalog >> endobj\n'.repeat(20)), Buffer.from('%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

function send(path: string, who: Identity, init: { method?: string; body?: Buffer; contentType?: string } = {}) {
  return fileRoute(system.gatewayUrl, path, who, init);
}

async function codeOf(response: Response): Promise<{ status: number; code: string; reason?: string; field?: string }> {
  const body = (await response.json()) as { errors: { extensions: { code: string; reason?: string; field?: string } }[] };
  return { status: response.status, ...body.errors[0]!.extensions };
}

async function storedFiles(): Promise<string[]> {
  return (await readdir(join(storageDir, 'claim-documents')).catch(() => [])).filter((f) => !f.startsWith('.'));
}

/** Partial uploads: the service removes one when its caller is cut off (after the gateway has answered). */
async function partialUploads(): Promise<string[]> {
  let partial: string[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    partial = (await readdir(join(storageDir, 'claim-documents'))).filter((f) => f.startsWith('.upload-'));
    if (partial.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return partial;
}

async function documentRow(type: string) {
  const [row] = (await system.services.claims.deps.dataSource.query(
    `SELECT state, storage_key, checksum, size_bytes::int AS size, content_type, received_by, file_name FROM claims.claim_document WHERE claim_id = $1 AND type = $2`,
    [claimId, type],
  )) as Record<string, unknown>[];
  return row!;
}

beforeAll(async () => {
  storageDir = await mkdtemp(join(tmpdir(), 'lindung-claim-files-'));
  process.env['LINDUNG_STORAGE_DIR'] = storageDir;
  system = await startTestSystem('claim-documents');
  claimId = await claimAwaitingDocuments(system.gatewayUrl, '1872014506800901', 'Peserta Dokumen');
});

afterAll(async () => {
  await system?.stop();
  await rm(storageDir, { recursive: true, force: true });
});

describe('claim document files through the gateway', () => {
  it('stores an uploaded PDF by its SHA-256, records it on the checklist with size and uploader, and audits it', async () => {
    const answer = await send(`/claims/${claimId}/documents/DEATH_CERTIFICATE?fileName=akta%20kematian.pdf`, ACTORS.caseworker, { body: PDF, contentType: 'application/pdf' });
    expect(answer.status).toBe(201);
    const sha = createHash('sha256').update(PDF).digest('hex');
    const { data } = (await answer.json()) as { data: { claimDocument: Record<string, unknown> } };
    expect(data.claimDocument).toMatchObject({ state: 'RECEIVED', checksum: `sha256:${sha}`, sizeBytes: PDF.length, contentType: 'application/pdf', receivedBy: 'caseworker.ani' });
    expect(await storedFiles()).toEqual([sha]);
    expect(await documentRow('DEATH_CERTIFICATE')).toEqual({
      state: 'RECEIVED',
      storage_key: `claim-documents/${sha}`,
      checksum: `sha256:${sha}`,
      size: PDF.length,
      content_type: 'application/pdf',
      received_by: 'caseworker.ani',
      file_name: 'akta kematian.pdf',
    });
    const [audit] = (await system.services.claims.deps.dataSource.query(
      `SELECT actor, after FROM claims.audit_event WHERE action = 'claim.document.receive' ORDER BY id DESC LIMIT 1`,
    )) as { actor: string; after: Record<string, unknown> }[];
    expect(audit).toMatchObject({ actor: 'caseworker.ani', after: { type: 'DEATH_CERTIFICATE', checksum: `sha256:${sha}`, contentType: 'application/pdf' } });
    const { claim } = await mustQuery(system.gatewayUrl, op('ClaimDetail'), { id: claimId }, ACTORS.caseworker);
    expect(claim.documents.find((d: any) => d.type === 'DEATH_CERTIFICATE')).toMatchObject({
      sizeBytes: PDF.length,
      receivedBy: 'caseworker.ani',
      downloadPath: `/claims/${claimId}/documents/DEATH_CERTIFICATE`,
    });
  });

  it('downloads the same bytes with its checksum, for the claim’s city only', async () => {
    const answer = await send(`/claims/${claimId}/documents/DEATH_CERTIFICATE`, ACTORS.manager, { method: 'GET' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(answer.headers.get('x-content-sha256')).toBe(createHash('sha256').update(PDF).digest('hex'));
    expect(Buffer.from(await answer.arrayBuffer()).equals(PDF)).toBe(true);
    expect(await codeOf(await send(`/claims/${claimId}/documents/DEATH_CERTIFICATE`, SORONG_CASEWORKER, { method: 'GET' }))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(await codeOf(await send(`/claims/${claimId}/documents/DEATH_CERTIFICATE`, ACTORS.partner, { method: 'GET' }))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await codeOf(await send(`/claims/${claimId}/documents/FAMILY_CARD`, ACTORS.caseworker, { method: 'GET' }))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('refuses without keeping anything: wrong role, other city, unknown claim, too large, wrong type, renamed file, not on the checklist', async () => {
    const before = await storedFiles();
    const familyCard = await documentRow('FAMILY_CARD');
    const path = `/claims/${claimId}/documents/FAMILY_CARD`;
    const refusals: [Promise<Response>, { status: number; code: string; reason?: string; field?: string }][] = [
      [send(path, ACTORS.manager, { body: PNG, contentType: 'image/png' }), { status: 403, code: 'FORBIDDEN' }],
      [send(path, SORONG_CASEWORKER, { body: PNG, contentType: 'image/png' }), { status: 404, code: 'NOT_FOUND' }],
      [send(`/claims/${randomUUID()}/documents/FAMILY_CARD`, ACTORS.caseworker, { body: PNG, contentType: 'image/png' }), { status: 404, code: 'NOT_FOUND' }],
      [send(`/claims/not-a-claim/documents/FAMILY_CARD`, ACTORS.caseworker, { body: PNG, contentType: 'image/png' }), { status: 404, code: 'NOT_FOUND' }],
      [send(path, ACTORS.caseworker, { body: Buffer.concat([PNG, Buffer.alloc(MAX_DOCUMENT_BYTES)]), contentType: 'image/png' }), { status: 413, code: 'REQUEST_TOO_LARGE' }],
      [
        send(path, ACTORS.caseworker, { body: Buffer.from('<html><script>x</script>'), contentType: 'text/html' }),
        { status: 415, code: 'BAD_USER_INPUT', reason: 'FILE_TYPE_NOT_ALLOWED' },
      ],
      [
        send(path, ACTORS.caseworker, { body: Buffer.from('MZ this is a program'), contentType: 'application/pdf' }),
        { status: 415, code: 'BAD_USER_INPUT', reason: 'FILE_TYPE_NOT_ALLOWED' },
      ],
      [send(path, ACTORS.caseworker, { body: Buffer.from('%PD'), contentType: 'application/pdf' }), { status: 415, code: 'BAD_USER_INPUT', reason: 'FILE_TYPE_NOT_ALLOWED' }],
      [send(`/claims/${claimId}/documents/RECEIPTS`, ACTORS.caseworker, { body: PNG, contentType: 'image/png' }), { status: 400, code: 'BAD_USER_INPUT', field: 'documentType' }],
      [send(`/claims/${claimId}/documents/PASSPORT`, ACTORS.caseworker, { body: PNG, contentType: 'image/png' }), { status: 400, code: 'BAD_USER_INPUT', field: 'documentType' }],
    ];
    for (const [answer, expected] of refusals) expect(await codeOf(await answer)).toMatchObject(expected);
    // Streamed without a declared length, the cap still holds as the bytes arrive.
    const chunks = [PNG, ...Array.from({ length: 11 }, () => Buffer.alloc(1024 * 1024, 1))];
    const streamed = await fetch(`${new URL(system.gatewayUrl).origin}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await issueDevToken(ACTORS.caseworker, readSecrets().jwtSecret!)}`, 'content-type': 'image/png' },
      body: new ReadableStream({ pull: (controller) => (chunks.length ? controller.enqueue(new Uint8Array(chunks.shift()!)) : controller.close()) }),
      duplex: 'half',
    } as RequestInit);
    expect(await codeOf(streamed)).toMatchObject({ status: 413, code: 'REQUEST_TOO_LARGE' });
    // Unsigned callers are refused at the gateway.
    const anonymous = await fetch(`${new URL(system.gatewayUrl).origin}${path}`, { method: 'POST', body: new Uint8Array(PNG), headers: { 'content-type': 'image/png' } });
    expect(await codeOf(anonymous)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await storedFiles()).toEqual(before);
    expect(await documentRow('FAMILY_CARD')).toEqual(familyCard);
    expect(await partialUploads()).toEqual([]);
  });

  it('replaces a rejected document with a new upload (a PNG photo)', async () => {
    await mustQuery(system.gatewayUrl, op('ReviewClaimDocument'), { claimId, type: 'DEATH_CERTIFICATE', verified: false, reason: 'Illegible' }, ACTORS.verifier);
    const answer = await send(`/claims/${claimId}/documents/DEATH_CERTIFICATE`, ACTORS.verifier, { body: PNG, contentType: 'image/png' });
    expect(answer.status).toBe(201);
    expect(await documentRow('DEATH_CERTIFICATE')).toMatchObject({
      state: 'RECEIVED',
      content_type: 'image/png',
      size: PNG.length,
      received_by: 'caseworker.budi',
      file_name: 'death_certificate.png',
    });
    expect((await storedFiles()).sort()).toHaveLength(2);
  });

  it('keeps nothing the virus-scan hook refuses, and records nothing', async () => {
    // The claims service's own route with a scanner that finds something, on the same database.
    const scanned: string[] = [];
    const scanner: VirusScanner = {
      scan: async (file, open) => {
        for await (const chunk of open()) scanned.push(String(chunk).slice(0, 4));
        return file.bytes > 0 ? { clean: false, finding: 'Test.Signature' } : { clean: true };
      },
    };
    const dir = await mkdtemp(join(tmpdir(), 'lindung-scan-'));
    const [upload] = documentRoutes(new DocumentService(system.services.claims.deps.dataSource), new LocalDiskStorage(dir), scanner);
    const server = createServer((req, res) => {
      const match = upload!.path.exec(new URL(req.url ?? '/', 'http://localhost').pathname)!;
      void upload!.handle(req, res, createRequestContext(ACTORS.caseworker, randomUUID()), match);
    });
    const url = await listen(server, 0, '127.0.0.1');
    try {
      const before = await documentRow('FAMILY_CARD');
      const answer = await fetch(new URL(`/claims/${claimId}/documents/FAMILY_CARD`, url), {
        method: 'POST',
        body: new Uint8Array(PDF),
        headers: { 'content-type': 'application/pdf' },
      });
      expect(await codeOf(answer)).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', reason: 'FILE_INFECTED' });
      expect(scanned[0]).toBe('%PDF');
      expect((await readdir(join(dir, 'claim-documents'))).filter((f) => !f.startsWith('.'))).toEqual([]);
      expect(await documentRow('FAMILY_CARD')).toEqual(before);
    } finally {
      await closeServer(server);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
