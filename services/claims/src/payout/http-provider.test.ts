import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen } from '../../../kit/src/http-server.js';
import { verifyCallback, SIGNATURE_HEADER } from './callback-signature.js';
import { startFakeProvider, type FakeProvider } from './fake-provider/fake-provider.js';
import { HttpDisbursementProvider } from './http-provider.js';
import { ProviderUnavailable, type TransferInstruction } from './payment-provider.js';

// Our HTTP provider client against our fake provider, over real HTTP on free ports.
const SECRET = 'callback-secret-for-tests-only-0123456789';
let fake: FakeProvider;
let provider: HttpDisbursementProvider;
const callbacks: { body: string; valid: boolean }[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString('utf8')));
  req.on('end', () => {
    callbacks.push({ body, valid: verifyCallback(SECRET, body, req.headers[SIGNATURE_HEADER] as string | undefined) });
    res.writeHead(204).end();
  });
});

beforeAll(async () => {
  const callbackUrl = (await listen(receiver, 0)).replace(/\/graphql$/, '/payout-callbacks');
  fake = await startFakeProvider({ apiKey: 'test-key', callbackSecret: SECRET });
  provider = new HttpDisbursementProvider({ baseUrl: fake.url, apiKey: 'test-key', timeoutMs: 3_000, callbackUrl });
});
afterAll(async () => {
  await fake?.close();
  await closeServer(receiver);
});

let n = 0;
const instruction = (accountNumber = '0123456781', bankCode = '009'): TransferInstruction => {
  n++;
  return {
    idempotencyKey: `claim.heir.1.${n}-${Date.now()}`,
    reference: `LDG${String(n).padStart(10, '0')}`,
    amount: 42_000_000n,
    account: { bankCode, accountNumber, holderName: 'Budi Santoso' },
    remark: 'JKM JKM/2026/000001',
    regionCode: '18.72',
  };
};

describe('the HTTP disbursement provider against the fake provider', () => {
  it('sends once per idempotency key: a repeat gets the first transfer back and moves no more money', async () => {
    const transfer = instruction();
    const first = await provider.send(transfer);
    expect(first).toMatchObject({ outcome: 'ACCEPTED', providerReference: expect.stringMatching(/^dsb_/) });
    expect(await provider.send(transfer)).toEqual(first);
    expect(await provider.status(transfer.idempotencyKey)).toEqual(first);
    expect(fake.executed().filter((t) => t.idempotencyKey === transfer.idempotencyKey)).toHaveLength(1);
    expect(await provider.status('never-sent-key')).toBeNull();
  });

  it('reports a closed account and an unknown bank as refusals with the bank’s code', async () => {
    expect(await provider.send(instruction('0123450000'))).toMatchObject({ outcome: 'REFUSED', code: 'ACCOUNT_CLOSED' });
    const unknownBank = instruction('0123456781', '999');
    expect(await provider.send(unknownBank)).toMatchObject({ outcome: 'REFUSED', code: 'INVALID_BANK' });
    expect(await provider.status(unknownBank.idempotencyKey)).toMatchObject({ outcome: 'REFUSED', code: 'INVALID_BANK' });
  });

  it('treats HTTP 500 as unavailable (retry), and the retry with the same key succeeds once', async () => {
    const transfer = instruction();
    fake.failNext(1);
    await expect(provider.send(transfer)).rejects.toBeInstanceOf(ProviderUnavailable);
    expect(await provider.send(transfer)).toMatchObject({ outcome: 'ACCEPTED' });
    expect(fake.executed().filter((t) => t.idempotencyKey === transfer.idempotencyKey)).toHaveLength(1);
  });

  it('times out on a provider that accepted but answers late; the status query then finds the transfer, and a resend does not repeat it', async () => {
    const transfer = instruction();
    fake.answerLate(1, 8_000);
    await expect(provider.send(transfer)).rejects.toThrow(/did not answer in time/);
    expect(await provider.status(transfer.idempotencyKey)).toMatchObject({ outcome: 'ACCEPTED' });
    expect(await provider.send(transfer)).toMatchObject({ outcome: 'ACCEPTED' });
    expect(fake.executed().filter((t) => t.idempotencyKey === transfer.idempotencyKey)).toHaveLength(1);
  });

  it('refuses to talk without the API key, and calls back signed; a tampered callback does not verify', async () => {
    const stranger = new HttpDisbursementProvider({ baseUrl: fake.url, apiKey: 'wrong', timeoutMs: 3_000 });
    await expect(stranger.send(instruction())).rejects.toBeInstanceOf(ProviderUnavailable);
    const transfer = instruction();
    await provider.send(transfer);
    for (let i = 0; i < 100 && !callbacks.some((c) => c.body.includes(transfer.reference)); i++) await new Promise((r) => setTimeout(r, 20));
    const callback = callbacks.find((c) => c.body.includes(transfer.reference));
    expect(callback).toMatchObject({ valid: true });
    expect(JSON.parse(callback!.body)).toMatchObject({ event: 'disbursement.completed', status: 'COMPLETED', idempotencyKey: transfer.idempotencyKey });
    expect(verifyCallback(SECRET, callback!.body.replace('COMPLETED', 'FAILED'), `t=${Math.floor(Date.now() / 1000)},v1=00`)).toBe(false);
  });
});
