import { createHash, createHmac } from 'node:crypto';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (STS) also carry a session token. */
  sessionToken?: string;
}

export interface SigningInput {
  method: string;
  /** The Host header: host, with `:port` when not the scheme's default. */
  host: string;
  /** The canonical (already URI-encoded) path, e.g. `/bucket/claim-documents/ab12…`. */
  path: string;
  /** Further headers to send and sign (e.g. range); names in any case. */
  headers?: Record<string, string>;
  /** Hex SHA-256 of the body (of the empty string for no body), or UNSIGNED-PAYLOAD. */
  payloadHash: string;
  region: string;
  service: string;
  credentials: AwsCredentials;
  now: Date;
}

export const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** RFC 3986 encoding of one path segment, as Signature Version 4 wants it (S3 encodes once). */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * AWS Signature Version 4 for a request without a query string: answers every header to send,
 * `authorization` included, with all of them signed. Checked against AWS's published examples
 * (sigv4.test.ts).
 */
export function signedHeaders(input: SigningInput): Record<string, string> {
  const amzDate = input.now.toISOString().replace(/[:-]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    host: input.host,
    'x-amz-content-sha256': input.payloadHash,
    'x-amz-date': amzDate,
    ...(input.credentials.sessionToken ? { 'x-amz-security-token': input.credentials.sessionToken } : {}),
  };
  for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((name) => `${name}:${headers[name]!.trim().replace(/\s+/g, ' ')}\n`).join('');
  const signed = names.join(';');
  const canonicalRequest = [input.method, input.path, '', canonicalHeaders, signed, input.payloadHash].join('\n');
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  let key: Buffer = createHmac('sha256', `AWS4${input.credentials.secretAccessKey}`).update(day).digest();
  for (const part of [input.region, input.service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope},SignedHeaders=${signed},Signature=${signature}`,
  };
}
