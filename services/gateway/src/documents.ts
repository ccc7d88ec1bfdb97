import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { ERROR_CODES, isErrorCode } from '../../../domain/errors.js';
import { IDENTITY_HEADER, signIdentity } from '../../kit/src/identity.js';
import type { Authenticate } from './auth.js';

// Downloads next to /graphql: GET /documents/invoices/<id>.pdf|.csv with the same bearer token.
// Authenticated exactly as GraphQL requests are (auth.ts), then forwarded to the participants
// service with the identity the gateway signs; the service city-scopes (another city's invoice
// is 404 NOT_FOUND). Kept apart from the upload endpoint: it only reads and only streams.

const DOCUMENT_PATH = /^\/documents\/invoices\/[0-9a-f-]{36}\.(pdf|csv)$/;

export function isDocumentRequest(req: IncomingMessage): boolean {
  return req.method === 'GET' && DOCUMENT_PATH.test(new URL(req.url ?? '/', 'http://localhost').pathname);
}

export function documentDownloads(options: { authenticate: Authenticate; internalSecret: string; participantsUrl: string | undefined }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refuse = (code: keyof typeof ERROR_CODES, message: string): void => {
      res.writeHead(ERROR_CODES[code].status, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
    };
    let identity;
    try {
      identity = await options.authenticate(typeof req.headers.authorization === 'string' ? req.headers.authorization : null);
    } catch (error) {
      const code = error instanceof GraphQLError ? error.extensions['code'] : undefined;
      return refuse(isErrorCode(code) ? code : 'UNAUTHENTICATED', error instanceof Error ? error.message : 'Sign in first.');
    }
    if (!options.participantsUrl) return refuse('SERVICE_UNAVAILABLE', 'Downloads are not available: the participants service is not configured.');
    const target = new URL(new URL(req.url ?? '/', 'http://localhost').pathname, options.participantsUrl);
    let upstream: Response;
    try {
      upstream = await fetch(target, { headers: { [IDENTITY_HEADER]: await signIdentity(identity, options.internalSecret, randomUUID()) } });
    } catch {
      res.setHeader('retry-after', '5');
      return refuse('SERVICE_UNAVAILABLE', 'The participants service is not answering; try again shortly.');
    }
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'content-disposition', 'content-length']) {
      const value = upstream.headers.get(name);
      if (value) headers[name] = value;
    }
    res.writeHead(upstream.status, headers);
    if (upstream.body) {
      const reader = upstream.body.getReader();
      for (let part = await reader.read(); !part.done; part = await reader.read()) res.write(part.value);
    }
    res.end();
  };
}
