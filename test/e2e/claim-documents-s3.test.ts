import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '../../domain/claims/document-files.js';
import type { Identity } from '../../services/kit/src/identity.js';
import { fakeS3Unavailable, startFakeS3, type FakeS3 } from '../harness/fake-s3.js';
import { startTestSystem, type TestSystem } from '../harness/system.js';
import { ACTORS } from '../fixtures/scenario.js';
import { claimAwaitingDocuments, fileRoute } from '../fixtures/claim-files.js';

// The claim-document upload and download path once with LINDUNG_STORAGE=s3, against a real
// S3-compatible server process (gofakes3): the files land in the bucket by SHA-256, come back byte
// for byte, and a refused upload leaves the bucket as it was. claim-documents.test.ts covers the
// same route's every refusal on local disk.
const unavailable = await fakeS3Unavailable();
if (unavailable) console.warn(`claim-documents-s3.test.ts ${unavailable}`);

let system: TestSystem;
let s3: FakeS3;
let claimId: string;
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('1 0 obj << /Type /Catalog >> endobj\n'.repeat(2000)), Buffer.from('%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

const S3_ENV = {
  LINDUNG_STORAGE: 's3',
  LINDUNG_S3_REGION: 'ap-southeast-3',
  LINDUNG_S3_ACCESS_KEY_ID: 'lindung',
  LINDUNG_S3_SECRET_ACCESS_KEY: 'lindung-test-secret',
  LINDUNG_S3_PREFIX: 'e2e/',
};

function send(path: string, who: Identity, init: { method?: string; body?: Buffer; contentType?: string } = {}) {
  return fileRoute(system.gatewayUrl, path, who, init);
}

async function keysInBucket(): Promise<string[]> {
  const listing = await (await fetch(`${s3.endpoint}/${s3.bucket}?list-type=2`)).text();
  return [...listing.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]!).sort();
}

describe.skipIf(unavailable !== null)('claim document files through the gateway, stored in S3', () => {
  beforeAll(async () => {
    s3 = await startFakeS3('claim-files');
    Object.assign(process.env, S3_ENV, {
      LINDUNG_S3_ENDPOINT: s3.endpoint,
      LINDUNG_S3_BUCKET: s3.bucket,
    });
    system = await startTestSystem('claim-documents-s3');
    claimId = await claimAwaitingDocuments(system.gatewayUrl, '1872014506800902', 'Peserta Dokumen S3');
  });

  afterAll(async () => {
    await system?.stop();
    await s3?.stop();
    for (const name of [...Object.keys(S3_ENV), 'LINDUNG_S3_ENDPOINT', 'LINDUNG_S3_BUCKET']) delete process.env[name];
  });

  it('uploads into the bucket by SHA-256, downloads the same bytes, and keeps nothing it refuses', async () => {
    const sha = createHash('sha256').update(PDF).digest('hex');
    const answer = await send(`/claims/${claimId}/documents/DEATH_CERTIFICATE?fileName=akta.pdf`, ACTORS.caseworker, { body: PDF, contentType: 'application/pdf' });
    expect(answer.status).toBe(201);
    expect(((await answer.json()) as { data: { claimDocument: Record<string, unknown> } }).data.claimDocument).toMatchObject({
      state: 'RECEIVED',
      checksum: `sha256:${sha}`,
      sizeBytes: PDF.length,
    });
    expect(await keysInBucket()).toEqual([`e2e/claim-documents/${sha}`]);

    const download = await send(`/claims/${claimId}/documents/DEATH_CERTIFICATE`, ACTORS.manager, { method: 'GET' });
    expect(download.status).toBe(200);
    expect(download.headers.get('x-content-sha256')).toBe(sha);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    const tooLarge = await send(`/claims/${claimId}/documents/FAMILY_CARD`, ACTORS.caseworker, {
      body: Buffer.concat([PNG, Buffer.alloc(MAX_DOCUMENT_BYTES)]),
      contentType: 'image/png',
    });
    expect(tooLarge.status).toBe(413);
    const renamed = await send(`/claims/${claimId}/documents/FAMILY_CARD`, ACTORS.caseworker, { body: Buffer.from('MZ this is a program'), contentType: 'application/pdf' });
    expect(renamed.status).toBe(415);
    expect(await keysInBucket()).toEqual([`e2e/claim-documents/${sha}`]);

    const second = await send(`/claims/${claimId}/documents/FAMILY_CARD`, ACTORS.caseworker, { body: PNG, contentType: 'image/png' });
    expect(second.status).toBe(201);
    expect(await keysInBucket()).toEqual([`e2e/claim-documents/${createHash('sha256').update(PNG).digest('hex')}`, `e2e/claim-documents/${sha}`].sort());
  });
});
