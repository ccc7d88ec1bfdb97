import { describe, expect, it } from 'vitest';
import { EMPTY_SHA256, encodeSegment, signedHeaders } from './sigv4.js';

// AWS's worked example for S3 (GET Object with a Range header, in "Signature Calculations for the
// Authorization Header"): its published signature is the check that our canonical request,
// string to sign and signing key are right. gofakes3 does not check signatures, so this is where
// a signing mistake shows.
describe('Signature Version 4', () => {
  it('signs AWS’s GET Object example to its published signature', () => {
    const headers = signedHeaders({
      method: 'GET',
      host: 'examplebucket.s3.amazonaws.com',
      path: '/test.txt',
      headers: { Range: 'bytes=0-9' },
      payloadHash: EMPTY_SHA256,
      region: 'us-east-1',
      service: 's3',
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      now: new Date('2013-05-24T00:00:00Z'),
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
  });

  it('signs a session token too, and a changed payload hash changes the signature', () => {
    const base = {
      method: 'PUT',
      host: '127.0.0.1:9000',
      path: '/bucket/claim-documents/ab',
      region: 'us-east-1',
      service: 's3',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b', sessionToken: 'token' },
      now: new Date('2026-01-01T00:00:00Z'),
    };
    const one = signedHeaders({ ...base, payloadHash: 'a'.repeat(64) });
    const two = signedHeaders({ ...base, payloadHash: 'b'.repeat(64) });
    expect(one.authorization).toContain('SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,');
    expect(one['x-amz-security-token']).toBe('token');
    expect(one.authorization).not.toBe(two.authorization);
  });

  it('encodes path segments as RFC 3986 wants', () => {
    expect(encodeSegment("test$file (1)!*'.text")).toBe('test%24file%20%281%29%21%2A%27.text');
  });
});
