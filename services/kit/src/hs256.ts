import { createHmac, timingSafeEqual } from 'node:crypto';

// Compact JWS with HS256 (RFC 7515/7519) for the gateway-to-subgraph identity, on node:crypto's
// HMAC: the same tokens jose makes and reads, without its per-call WebCrypto key import and
// promise chain, which were a large part of the gateway's and every subgraph's CPU per request.

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');

export function signHs256(claims: Record<string, unknown>, key: Uint8Array): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = createHmac('sha256', key).update(`${HEADER}.${payload}`).digest('base64url');
  return `${HEADER}.${payload}.${signature}`;
}

/**
 * The claims of a token signed with `key` (alg HS256 only), issued by `issuer` for `audience`,
 * not expired and not used before its nbf; null otherwise (forged, altered, malformed, expired).
 */
export function verifyHs256(token: string, key: Uint8Array, expected: { issuer: string; audience: string; nowSeconds?: number }): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  const given = Buffer.from(signature, 'base64url');
  const wanted = createHmac('sha256', key).update(`${header}.${payload}`).digest();
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return null;
  try {
    const h = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (h['alg'] !== 'HS256' || h['crit'] !== undefined) return null;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null;
    const c = claims as Record<string, unknown>;
    const now = expected.nowSeconds ?? Math.floor(Date.now() / 1000);
    if (c['iss'] !== expected.issuer) return null;
    const aud = c['aud'];
    if (!(aud === expected.audience || (Array.isArray(aud) && aud.includes(expected.audience)))) return null;
    if (typeof c['exp'] !== 'number' || c['exp'] <= now) return null;
    if (c['nbf'] !== undefined && (typeof c['nbf'] !== 'number' || c['nbf'] > now)) return null;
    return c;
  } catch {
    return null;
  }
}
