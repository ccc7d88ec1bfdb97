import type { ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Role } from '../../../../domain/access.js';
import { DomainError, ERROR_CODES } from '../../../../domain/errors.js';
import type { RequestContext } from '../../../kit/src/context.js';
import type { HttpRoute } from '../../../kit/src/http-server.js';
import { FileTooLargeError, type FileStorage } from '../../../kit/src/storage/storage.js';
import type { ImportService } from './import.service.js';

/** Largest city list accepted (the gateway enforces the same). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const IMPORT_ROLES: readonly Role[] = ['city_operator', 'admin'];

/**
 * The upload and the report of bulk enrolment, as plain HTTP behind the gateway (which streams
 * them through with the caller's signed identity):
 *   POST /imports/enrolment?mouId=…&fileName=…&dryRun=true   body: the CSV or XLSX file
 *   GET  /imports/enrolment/<batchId>/report.csv
 */
export function importRoutes(imports: ImportService, storage: FileStorage): HttpRoute[] {
  return [
    {
      method: 'POST',
      path: /^\/imports\/enrolment$/,
      handle: (req, res, ctx) =>
        answer(res, ctx, async () => {
          const url = new URL(req.url ?? '/', 'http://localhost');
          const mouId = url.searchParams.get('mouId') ?? '';
          const fileName = url.searchParams.get('fileName') || 'upload.csv';
          const dryRun = url.searchParams.get('dryRun') === 'true';
          // The first bytes tell XLSX (a ZIP) from CSV, whatever the file is called.
          const first: Buffer[] = [];
          const tap = new Transform({
            transform(chunk: Buffer, _encoding, done) {
              if (first.length === 0) first.push(chunk.subarray(0, 8));
              done(null, chunk);
            },
          });
          req.on('error', (error) => tap.destroy(error));
          const stored = await storage.put('enrolment-imports', req.pipe(tap), MAX_IMPORT_BYTES);
          const summary = await imports.start({ ...stored, fileName, firstBytes: first[0] ?? Buffer.alloc(0) }, mouId, dryRun, ctx);
          res.writeHead(summary.reused ? 200 : 202, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { enrolmentImport: summary } }));
        }),
    },
    {
      method: 'GET',
      path: /^\/imports\/enrolment\/([a-f0-9]{40})\/report\.csv$/,
      handle: (_req, res, ctx, match) =>
        answer(res, ctx, async () => {
          const report = await imports.report(match[1]!, ctx);
          res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="laporan-impor-${match[1]!.slice(0, 12)}.csv"` });
          await pipeline(report, res);
        }),
    },
  ];
}

async function answer(res: ServerResponse, ctx: RequestContext, work: () => Promise<void>): Promise<void> {
  try {
    if (!ctx.identity.roles.some((role) => IMPORT_ROLES.includes(role))) {
      throw new DomainError('FORBIDDEN', `Your role (${ctx.identity.roles.join(', ')}) may not import enrolment lists; it needs city_operator or admin.`);
    }
    await work();
  } catch (error) {
    if (res.headersSent) {
      res.destroy(error as Error);
      return;
    }
    const refusal = error instanceof DomainError ? error : error instanceof FileTooLargeError ? new DomainError('BAD_USER_INPUT', error.message, 'file') : null;
    if (!refusal) throw error;
    const status = error instanceof FileTooLargeError ? 413 : ERROR_CODES[refusal.code].status;
    const code = error instanceof FileTooLargeError ? 'REQUEST_TOO_LARGE' : refusal.code;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: refusal.message, extensions: { code, field: refusal.field } }] }));
  }
}
