import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listen } from '../../../../kit/src/http-server.js';
import { signCallback, SIGNATURE_HEADER } from '../callback-signature.js';

/**
 * Our stand-in for a disbursement provider (HttpDisbursementProvider's API), for tests and
 * `npm start`. It keeps transfers in memory, executes each idempotency key once, and refuses as a
 * bank would: an unknown bank code (INVALID_BANK), an account number ending in 0000
 * (ACCOUNT_CLOSED) or in 9999 (ACCOUNT_NOT_FOUND). Tests can make it fail (HTTP 500), answer too
 * late (after executing, so the client times out on an accepted transfer) and run a hook between
 * accepting a transfer and answering. With a callback secret it posts a signed COMPLETED callback.
 */
export const KNOWN_BANKS = ['002', '008', '009', '011', '013', '014', '022', '111', '200', '451'];

export interface FakeTransfer {
  id: string;
  idempotencyKey: string;
  reference: string;
  amount: string;
  bankCode: string;
  accountNumber: string;
  holderName: string;
  status: 'PENDING' | 'COMPLETED' | 'FAILED';
  failureCode: string | null;
  message: string | null;
  bodyHash: string;
}

export interface FakeProvider {
  url: string;
  /** Every transfer it took on, refused ones included. */
  records(): FakeTransfer[];
  /** Transfers that move money (accepted): the figure tests count. */
  executed(): FakeTransfer[];
  /** The next `count` requests answer HTTP 500 without doing anything. */
  failNext(count: number): void;
  /** The next `count` disbursement requests are carried out, and answered only after `delayMs`. */
  answerLate(count: number, delayMs: number): void;
  /** Runs after a transfer is accepted and before the answer leaves (a test kills the client here). */
  onAccepted: ((transfer: FakeTransfer) => Promise<void> | void) | null;
  requests: number;
  /** Status lookups by idempotency key (what a client asks after a crash before sending again). */
  statusQueries: number;
  close(): Promise<void>;
}

export async function startFakeProvider(options: { port?: number; host?: string; apiKey?: string; callbackSecret?: string } = {}): Promise<FakeProvider> {
  const byKey = new Map<string, FakeTransfer>();
  let failures = 0;
  let late = { count: 0, delayMs: 0 };
  const send = (res: ServerResponse, status: number, body: unknown) => {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const view = (t: FakeTransfer) => ({ id: t.id, reference: t.reference, status: t.status, failureCode: t.failureCode, message: t.message });

  const disburse = async (req: IncomingMessage, res: ServerResponse, body: string) => {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length < 8) return send(res, 400, { message: 'Idempotency-Key header required' });
    const bodyHash = createHash('sha256').update(body).digest('hex');
    const existing = byKey.get(key);
    if (existing) return existing.bodyHash === bodyHash ? send(res, 200, view(existing)) : send(res, 409, { message: 'idempotency key reused with another request' });
    let input: Record<string, string>;
    try {
      input = JSON.parse(body) as Record<string, string>;
    } catch {
      return send(res, 400, { message: 'body is not JSON' });
    }
    if (!/^\d+$/.test(input['amount'] ?? '') || input['currency'] !== 'IDR') return send(res, 400, { message: 'amount must be rupiah digits in IDR' });
    const accountNumber = input['accountNumber'] ?? '';
    const failureCode = !KNOWN_BANKS.includes(input['bankCode'] ?? '')
      ? 'INVALID_BANK'
      : accountNumber.endsWith('0000')
        ? 'ACCOUNT_CLOSED'
        : accountNumber.endsWith('9999')
          ? 'ACCOUNT_NOT_FOUND'
          : null;
    const transfer: FakeTransfer = {
      id: `dsb_${randomUUID()}`,
      idempotencyKey: key,
      reference: input['reference'] ?? '',
      amount: input['amount']!,
      bankCode: input['bankCode'] ?? '',
      accountNumber,
      holderName: input['holderName'] ?? '',
      status: failureCode ? 'FAILED' : 'PENDING',
      failureCode,
      message: failureCode === 'INVALID_BANK' ? 'Unknown bank code.' : failureCode ? 'The destination account cannot receive transfers.' : null,
      bodyHash,
    };
    byKey.set(key, transfer);
    if (failureCode) return send(res, 422, { failureCode, message: transfer.message });
    if (provider.onAccepted) await provider.onAccepted(transfer);
    if (late.count > 0) {
      late.count--;
      await new Promise((resolve) => setTimeout(resolve, late.delayMs));
    }
    send(res, 201, view(transfer));
    if (input['callbackUrl'] && options.callbackSecret) void complete(transfer, input['callbackUrl'], options.callbackSecret);
  };

  const complete = async (transfer: FakeTransfer, url: string, secret: string) => {
    transfer.status = 'COMPLETED';
    const body = JSON.stringify({ event: 'disbursement.completed', id: transfer.id, idempotencyKey: transfer.idempotencyKey, reference: transfer.reference, status: 'COMPLETED' });
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signCallback(secret, body) },
      body,
      signal: AbortSignal.timeout(5_000),
    }).catch(() => undefined);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      provider.requests++;
      const url = new URL(req.url ?? '/', 'http://fake');
      if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
      if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) return send(res, 401, { message: 'bad api key' });
      if (failures > 0) {
        failures--;
        return send(res, 500, { message: 'internal error (injected)' });
      }
      if (req.method === 'POST' && url.pathname === '/v1/disbursements') return void disburse(req, res, Buffer.concat(chunks).toString('utf8'));
      if (req.method === 'GET' && url.pathname === '/v1/disbursements') {
        provider.statusQueries++;
        const found = byKey.get(url.searchParams.get('idempotency_key') ?? '');
        return found ? send(res, 200, view(found)) : send(res, 404, { message: 'no such disbursement' });
      }
      send(res, 404, { message: 'not found' });
    });
  });
  const url = await listen(server, options.port ?? 0, options.host);
  const provider: FakeProvider = {
    url: url.replace(/\/graphql$/, ''),
    records: () => [...byKey.values()],
    executed: () => [...byKey.values()].filter((t) => t.status !== 'FAILED'),
    failNext: (count) => void (failures = count),
    answerLate: (count, delayMs) => void (late = { count, delayMs }),
    onAccepted: null,
    requests: 0,
    statusQueries: 0,
    close: () => closeServer(server),
  };
  return provider;
}
