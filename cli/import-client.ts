import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';

// What the importer CLI (and the tests and demo) say to the gateway: upload a city list, follow
// its import, fetch its report. Plain HTTP with the user's bearer token.

export interface ImportProgress {
  batchId: string;
  mouId: string;
  fileName: string;
  dryRun: boolean;
  status: string;
  failure: string | null;
  rowsRead: number;
  rowsValidated: number;
  rowsActivated: number;
  accepted: number;
  acceptedWithWarnings: number;
  needsReview: number;
  rejected: number;
  reportPath: string;
  reused?: boolean;
}

export class GatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const PROGRESS_FIELDS = 'batchId mouId fileName dryRun status failure rowsRead rowsValidated rowsActivated accepted acceptedWithWarnings needsReview rejected reportPath';
/** How long to wait before asking again when the system could not answer. */
const RETRY_UNAVAILABLE_MS = 3_000;
export const FINISHED = new Set(['DONE', 'AWAITING_REVIEW', 'CANCELLED', 'FAILED']);

/**
 * Nothing more happens without a person: done, stopped, or rows waiting for review. Once the last
 * row is reviewed the import still shows AWAITING_REVIEW until its workflow has enrolled the
 * accepted rows and marked it DONE, so that state only counts as settled while some row waits.
 */
export function isSettled(progress: Pick<ImportProgress, 'status' | 'needsReview'>): boolean {
  return FINISHED.has(progress.status) && (progress.status !== 'AWAITING_REVIEW' || progress.needsReview > 0);
}

export class ImportClient {
  /** `gateway`: the GraphQL URL (…/graphql); file routes sit beside it. */
  constructor(
    private readonly gateway: string,
    private readonly token: string,
  ) {}

  async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(this.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    const error = body.errors?.[0];
    if (error || !body.data) throw new GatewayError(error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR', error?.message ?? 'No data.', response.status);
    return body.data;
  }

  /** The MoU's id from its number (MOU/1872/2026/0001 → city 18.72), or the id itself. */
  async mouId(reference: string): Promise<string> {
    const number = /^MOU\/(\d{2})(\d{2})\/\d{4}\/\d{4}$/.exec(reference);
    if (!number) return reference;
    const data = await this.graphql<{ municipalityByCode: { mous: { id: string; number: string }[] } | null }>(
      'query MouByNumber($code: String!) { municipalityByCode(code: $code) { mous { id number } } }',
      { code: `${number[1]}.${number[2]}` },
    );
    const mou = data.municipalityByCode?.mous.find((m) => m.number === reference);
    if (!mou) throw new GatewayError('NOT_FOUND', `No MoU ${reference} in your cities.`, 404);
    return mou.id;
  }

  async upload(file: string | { name: string; bytes: Buffer }, options: { mouId: string; dryRun?: boolean }): Promise<ImportProgress> {
    const name = typeof file === 'string' ? basename(file) : file.name;
    const length = typeof file === 'string' ? (await stat(file)).size : file.bytes.length;
    const body = typeof file === 'string' ? (Readable.toWeb(createReadStream(file)) as ReadableStream) : file.bytes;
    const query = new URLSearchParams({ mouId: options.mouId, fileName: name, ...(options.dryRun ? { dryRun: 'true' } : {}) });
    const response = await fetch(new URL(`/imports/enrolment?${query}`, this.gateway), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.token}`,
        'content-type': name.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
        'content-length': String(length),
      },
      body,
      duplex: 'half',
    } as RequestInit);
    const answer = (await response.json()) as { data?: { enrolmentImport: ImportProgress }; errors?: { message: string; extensions?: { code?: string } }[] };
    if (!answer.data)
      throw new GatewayError(answer.errors?.[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR', answer.errors?.[0]?.message ?? `HTTP ${response.status}`, response.status);
    return answer.data.enrolmentImport;
  }

  async progress(batchId: string): Promise<ImportProgress> {
    const data = await this.graphql<{ enrolmentImport: ImportProgress | null }>(
      `query EnrolmentImport($batchId: ID!) { enrolmentImport(batchId: $batchId) { ${PROGRESS_FIELDS} } }`,
      { batchId },
    );
    if (!data.enrolmentImport) throw new GatewayError('NOT_FOUND', `No import ${batchId}.`, 404);
    return data.enrolmentImport;
  }

  /**
   * Polls until the import has done what it can on its own (DONE, AWAITING_REVIEW, CANCELLED or
   * FAILED). The import runs on in its workflow whatever happens to this client, so a read the
   * system cannot answer right now (`SERVICE_UNAVAILABLE`, no connection) is tried again later.
   */
  async wait(
    batchId: string,
    onProgress: (p: ImportProgress) => void = () => {},
    intervalMs = 250,
    timeoutMs = 30 * 60_000,
    onUnavailable: (reason: string) => void = () => {},
  ): Promise<ImportProgress> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      let progress: ImportProgress;
      try {
        progress = await this.progress(batchId);
      } catch (error) {
        const unavailable = error instanceof GatewayError ? error.code === 'SERVICE_UNAVAILABLE' : error instanceof TypeError;
        if (!unavailable || Date.now() > until) throw error;
        onUnavailable((error as Error).message);
        await new Promise((resolve) => setTimeout(resolve, RETRY_UNAVAILABLE_MS));
        continue;
      }
      onProgress(progress);
      if (isSettled(progress)) return progress;
      if (Date.now() > until) throw new Error(`The import ${batchId} is still ${progress.status} after ${timeoutMs / 1000} s.`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  async report(reportPath: string): Promise<string> {
    const response = await fetch(new URL(reportPath, this.gateway), { headers: { authorization: `Bearer ${this.token}` } });
    if (!response.ok) throw new GatewayError('NOT_FOUND', `The report could not be fetched (HTTP ${response.status}).`, response.status);
    return response.text();
  }
}
