import { ProviderUnavailable, type PaymentProvider, type TransferInstruction, type TransferOutcome } from './payment-provider.js';

/**
 * A disbursement API over HTTPS, in the shape Indonesian payment gateways offer (a POST per
 * transfer with an Idempotency-Key header, a lookup by that key, signed status callbacks):
 *
 *   POST {base}/v1/disbursements            Idempotency-Key: <key>     → 201/200 { id, status, failureCode? }
 *        { reference, amount: "<rupiah>", currency: "IDR", bankCode, accountNumber, holderName, remark, callbackUrl? }
 *                                                                       → 422 { failureCode, message }  refused for good
 *   GET  {base}/v1/disbursements?idempotency_key=<key>                  → 200 { id, status, … } | 404
 *
 * status PENDING or COMPLETED means accepted; FAILED means refused. Timeouts, 429 and 5xx are
 * ProviderUnavailable (the activity retries with the same key, which the provider answers with
 * the first outcome); a 409 (the key reused with another body) is a refusal a person must look at.
 */
export class HttpDisbursementProvider implements PaymentProvider {
  readonly name = 'http';

  constructor(private readonly options: { baseUrl: string; apiKey: string; timeoutMs?: number; callbackUrl?: string | null }) {}

  async send(instruction: TransferInstruction): Promise<TransferOutcome> {
    const body = JSON.stringify({
      reference: instruction.reference,
      amount: instruction.amount.toString(),
      currency: 'IDR',
      bankCode: instruction.account.bankCode,
      accountNumber: instruction.account.accountNumber,
      holderName: instruction.account.holderName,
      remark: instruction.remark,
      ...(this.options.callbackUrl ? { callbackUrl: this.options.callbackUrl } : {}),
    });
    const response = await this.request('POST', '/v1/disbursements', { 'idempotency-key': instruction.idempotencyKey, 'content-type': 'application/json' }, body);
    if (response.status === 409) return { outcome: 'REFUSED', code: 'REFUSED', message: 'The provider holds another transfer under this idempotency key.' };
    return this.outcomeOf(response);
  }

  async status(idempotencyKey: string): Promise<TransferOutcome | null> {
    const response = await this.request('GET', `/v1/disbursements?idempotency_key=${encodeURIComponent(idempotencyKey)}`, {});
    if (response.status === 404) return null;
    return this.outcomeOf(response);
  }

  private outcomeOf(response: { status: number; json: Record<string, unknown> }): TransferOutcome {
    const { status, json } = response;
    const text = (key: string): string | null => (typeof json[key] === 'string' ? json[key] : null);
    if (status === 422 || ((status === 200 || status === 201) && json['status'] === 'FAILED')) {
      return { outcome: 'REFUSED', code: text('failureCode') ?? 'REFUSED', message: text('message') ?? 'The provider refused the transfer.' };
    }
    if ((status === 200 || status === 201) && (json['status'] === 'PENDING' || json['status'] === 'COMPLETED') && typeof json['id'] === 'string') {
      return { outcome: 'ACCEPTED', providerReference: json['id'] };
    }
    throw new ProviderUnavailable(`the payment provider answered HTTP ${status}${text('message') ? `: ${text('message')}` : ''}`);
  }

  private async request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; json: Record<string, unknown> }> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.options.baseUrl), {
        method,
        headers: { ...headers, authorization: `Bearer ${this.options.apiKey}`, accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new ProviderUnavailable(timedOut ? 'the payment provider did not answer in time' : 'the payment provider could not be reached', { cause: error });
    }
    const text = await response.text().catch(() => '');
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      if (response.status < 500) throw new ProviderUnavailable(`the payment provider answered HTTP ${response.status} with a body that is not JSON`);
    }
    return { status: response.status, json };
  }
}
