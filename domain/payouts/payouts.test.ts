import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { bankText, readBatchFile, readStatementFile, writeBatchFile } from './batch-file.js';
import { bankCodeOf, claimFormHeirId, maskAccountNumber, payoutIdempotencyKey, payoutReference, validateBankAccount } from './payout-key.js';

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? `${error.code} ${error.field}` : 'OTHER';
  }
  return undefined;
};

describe('payout keys', () => {
  it('derives the provider key from (claim, heir, instalment) and the attempt after a refusal', () => {
    const slot = { claimId: 'c', heirId: claimFormHeirId('c'), instalment: 1 };
    expect(payoutIdempotencyKey(slot, 1)).toBe('c.c.1.1');
    expect(payoutIdempotencyKey(slot, 2)).not.toBe(payoutIdempotencyKey(slot, 1));
    expect(fieldOf(() => payoutIdempotencyKey({ ...slot, instalment: 0 }, 1))).toBe('BAD_USER_INPUT instalment');
    expect(payoutReference(42)).toBe('LDG0000000042');
  });

  it('checks a bank account from the savings book and masks it', () => {
    expect(validateBankAccount({ bankCode: '009', accountNumber: '0123-456 789', holderName: '  Budi   Santoso ' })).toEqual({
      bankCode: '009',
      accountNumber: '0123456789',
      holderName: 'Budi Santoso',
    });
    expect(fieldOf(() => validateBankAccount({ bankCode: '9', accountNumber: '0123456789', holderName: 'Budi' }))).toBe('BAD_USER_INPUT account.bankCode');
    expect(fieldOf(() => validateBankAccount({ bankCode: '009', accountNumber: '12ab', holderName: 'Budi' }))).toBe('BAD_USER_INPUT account.accountNumber');
    expect(maskAccountNumber('0123456789')).toBe('••••••6789');
  });

  it('reads the bank an heir named on the claim form as its 3-digit code, or none', () => {
    expect(['BRI', 'Bank Mandiri', ' bni ', '014'].map(bankCodeOf)).toEqual(['002', '008', '009', '014']);
    expect([null, '', 'Bank Antah Berantah', '12'].map(bankCodeOf)).toEqual([null, null, null, null]);
  });
});

describe('the bulk-transfer batch file', () => {
  const transfers = [
    { bankCode: '009', accountNumber: '0123456789', holderName: 'Siti Aminah, S.Pd.', amount: 21_000_000n, reference: 'LDG0000000001', remark: 'JKM JKM/2026/000001' },
    { bankCode: '002', accountNumber: '9876543210', holderName: 'Bapak Ḥasan "Udin"', amount: 21_000_000n, reference: 'LDG0000000002', remark: 'JKM JKM/2026/000001' },
  ];

  it('writes header, detail rows and a trailer with count and control total, in the bank’s character set', () => {
    const file = writeBatchFile({ batchId: 'B-18.72-20261201', valueDate: '2026-12-01', debitAccount: '1234567890' }, transfers);
    expect(file.split('\r\n')).toEqual([
      'H,B-18.72-20261201,20261201,1234567890,2,42000000',
      'D,1,009,0123456789,SITI AMINAH S.PD.,21000000,IDR,LDG0000000001,JKM JKM/2026/000001',
      'D,2,002,9876543210,BAPAK HASAN UDIN,21000000,IDR,LDG0000000002,JKM JKM/2026/000001',
      'T,2,42000000',
      '',
    ]);
    expect(readBatchFile(file).transfers.map((t) => t.amount)).toEqual([21_000_000n, 21_000_000n]);
    expect(fieldOf(() => readBatchFile(file.replace('T,2,42000000', 'T,2,42000001')))).toBe('BAD_USER_INPUT file');
    expect(bankText('x'.repeat(50))).toHaveLength(35);
  });

  it('reads a statement file and names the line of a bad amount or date', () => {
    const header = 'posting_date,reference,description,debit,credit\n';
    expect(readStatementFile(`${header}2026-12-01,LDG0000000001,TRF,42000000.00,0\n\n`)).toEqual([
      { line: 2, postingDate: '2026-12-01', reference: 'LDG0000000001', description: 'TRF', debit: 42_000_000n, credit: 0n },
    ]);
    expect(fieldOf(() => readStatementFile(`${header}2026-12-01,X,TRF,42000000.50,0`))).toBe('BAD_USER_INPUT statement:2');
    expect(fieldOf(() => readStatementFile(`${header}2026-12-01,X,TRF,1,0\n01/12/2026,X,TRF,1,0`))).toBe('BAD_USER_INPUT statement:3');
    expect(fieldOf(() => readStatementFile('date;ref;amount'))).toBe('BAD_USER_INPUT statement:1');
  });
});
