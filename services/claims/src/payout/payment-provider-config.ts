import type { DataSource } from 'typeorm';
import { env, envInt } from '../../../kit/src/config.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import { BatchFileProvider } from './batch-file-provider.js';
import { HttpDisbursementProvider } from './http-provider.js';
import type { PaymentProvider } from './payment-provider.js';

/**
 * The provider payouts go through: the HTTP disbursement API at LINDUNG_PAYOUT_PROVIDER_URL when
 * set (`npm start` runs our fake provider there), else the bank-transfer batch file.
 */
export function paymentProviderFromEnv(dataSource: DataSource, cipher: FieldCipher): PaymentProvider {
  const url = process.env['LINDUNG_PAYOUT_PROVIDER_URL'];
  if (!url) return new BatchFileProvider(dataSource, cipher);
  return new HttpDisbursementProvider({
    baseUrl: url,
    apiKey: env('LINDUNG_PAYOUT_PROVIDER_KEY', 'lindung-dev-key'),
    // Under the payout activity's 10 s start-to-close, so a slow provider is a retry, not a lost attempt.
    timeoutMs: envInt('LINDUNG_PAYOUT_PROVIDER_TIMEOUT_MS', 5_000),
    callbackUrl: process.env['LINDUNG_PAYOUT_CALLBACK_URL'] || null,
  });
}

/** The fund's account the batch file debits (LINDUNG_FUND_BANK_ACCOUNT). */
export function fundBankAccount(): string {
  return env('LINDUNG_FUND_BANK_ACCOUNT', '0000000000');
}
