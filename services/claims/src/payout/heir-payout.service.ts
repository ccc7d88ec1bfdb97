import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { DomainError } from '../../../../domain/errors.js';
import { maskAccountNumber, validateBankAccount } from '../../../../domain/payouts/payout-key.js';
import { claimWorkflowId, payoutAccountUpdate } from '../../../../workflows/claim-lifecycle/claim-lifecycle.messages.js';
import { domainErrorFromFailure } from '../../../../workflows/contracts/failures.js';
import type { Caller } from '../../../kit/src/context.js';
import { groupByKeys } from '../../../kit/src/batch.js';
import { acceptedPending, engineDidNotAnswer, mutationDeadlineMs, untilDeadline, workflowEngineAnswers } from '../../../kit/src/deadline.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import { idempotentId } from '../../../kit/src/idempotency.js';
import { rethrowAsDomainError } from '../../../kit/src/temporal.js';
import type { ClaimEntity } from '../claim/claim.entity.js';
import type { ClaimService } from '../claim/claim.service.js';
import { regionsFor } from '../ledger/ledger.service.js';
import type { BatchFileProvider } from './batch-file-provider.js';
import type { HeirPayout, PayoutAccount, PayoutBatchFile, SetPayoutAccountInput } from './payout.type.js';

const CLOSED = ['PAID', 'REJECTED'];

/** Heirs' payout accounts and transfers: entered through the claim's workflow, read from the tables. */
export class HeirPayoutService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly claims: ClaimService,
    private readonly cipher: FieldCipher,
    private readonly batchFiles: BatchFileProvider,
    private readonly fundAccount: string,
    /** Who the claim pays (the payout lines): an account can only be entered for one of them. */
    private readonly linesOf: (claimId: string) => Promise<{ heirId: string }[]>,
    private readonly deadlineMs: number = mutationDeadlineMs(),
  ) {}

  /** Enters or corrects an heir's account (an Update of the claim workflow); a refused payout is then sent again. */
  async setAccount(input: SetPayoutAccountInput, caller: Caller): Promise<ClaimEntity> {
    const deadline = Date.now() + this.deadlineMs;
    const claim = await this.claims.require(input.claimId, caller.scope);
    const closed = () => new DomainError('INVALID_TRANSITION', `Claim ${claim.number} is closed; its payout account can no longer be changed.`, 'claimId');
    if (CLOSED.includes(claim.status)) throw closed();
    const account = validateBankAccount({ bankCode: input.bankCode, accountNumber: input.accountNumber, holderName: input.holderName });
    if (!(await this.linesOf(claim.id)).some((line) => line.heirId === input.heirId)) {
      throw new DomainError('NOT_FOUND', `Claim ${claim.number} pays no heir with id ${input.heirId}; the heir named on the claim form has the claim's id.`, 'heirId');
    }
    const command = {
      actor: caller.identity.subject,
      roles: caller.identity.roles,
      cities: caller.identity.cities,
      requestId: caller.requestId,
      note: input.note ?? null,
      heirId: input.heirId,
      account,
    };
    const updateId = idempotentId(caller, 'setPayoutAccount', input);
    const workflowId = claimWorkflowId(claim.id);
    const step = await untilDeadline(this.temporal, deadline, () =>
      this.temporal.workflow.getHandle(workflowId).executeUpdate(payoutAccountUpdate, { args: [command], ...(updateId ? { updateId } : {}) }),
    ).catch(async (error: unknown) => {
      // The workflow ended between our read and the Update (the claim was paid meanwhile).
      if (!domainErrorFromFailure(error) && CLOSED.includes((await this.claims.require(claim.id, caller.scope)).status)) throw closed();
      return rethrowAsDomainError(error);
    });
    if (!step.finished) {
      if (!(await workflowEngineAnswers(this.temporal, workflowId))) throw engineDidNotAnswer(this.deadlineMs);
      throw acceptedPending(`The account was handed to claim ${claim.number}'s workflow, which has not answered yet; it is recorded once the workflow runs.`, {
        claimId: claim.id,
      });
    }
    return this.claims.require(claim.id, caller.scope);
  }

  async payoutsFor(claimIds: readonly string[]): Promise<HeirPayout[][]> {
    const rows = claimIds.length
      ? ((await this.dataSource.query(
          `SELECT id, claim_id, heir_id, instalment, amount, status, reference, attempt, provider, provider_reference, failure_code, failure_message, sent_at, confirmed_at
             FROM claims.payout WHERE claim_id = ANY($1::uuid[]) ORDER BY created_at, heir_id, instalment`,
          [[...claimIds]],
        )) as Record<string, unknown>[])
      : [];
    const payouts = rows.map((r) => ({
      claimId: r['claim_id'] as string,
      id: r['id'] as string,
      heirId: r['heir_id'] as string,
      instalment: r['instalment'] as number,
      amount: BigInt(r['amount'] as string),
      status: r['status'] as HeirPayout['status'],
      reference: r['reference'] as string,
      attempt: r['attempt'] as number,
      provider: r['provider'] as string | null,
      providerReference: r['provider_reference'] as string | null,
      failureCode: r['failure_code'] as string | null,
      failureMessage: r['failure_message'] as string | null,
      sentAt: r['sent_at'] as Date | null,
      confirmedAt: r['confirmed_at'] as Date | null,
    }));
    return groupByKeys(claimIds, payouts, (p) => p.claimId);
  }

  /** Supervisors see the whole number (to check it against the savings book); everyone else the last four digits. */
  async accountsFor(claimIds: readonly string[], caller: Caller): Promise<PayoutAccount[][]> {
    const rows = claimIds.length
      ? ((await this.dataSource.query(
          `SELECT claim_id, heir_id, bank_code, account_number_encrypted, account_last4, holder_name, updated_by, updated_at FROM claims.payout_account WHERE claim_id = ANY($1::uuid[]) ORDER BY updated_at`,
          [[...claimIds]],
        )) as {
          claim_id: string;
          heir_id: string;
          bank_code: string;
          account_number_encrypted: string;
          account_last4: string;
          holder_name: string;
          updated_by: string;
          updated_at: Date;
        }[])
      : [];
    const unmasked = caller.identity.roles.includes('supervisor');
    const accounts = rows.map((r) => ({
      claimId: r.claim_id,
      heirId: r.heir_id,
      bankCode: r.bank_code,
      accountNumber: unmasked ? this.cipher.decrypt(r.account_number_encrypted) : maskAccountNumber(`000000${r.account_last4}`),
      holderName: r.holder_name,
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    }));
    return groupByKeys(claimIds, accounts, (a) => a.claimId);
  }

  async batchFile(caller: Caller, regionCode: string, valueDate: string): Promise<PayoutBatchFile> {
    regionsFor(caller, regionCode);
    const file = await this.batchFiles.file(regionCode, valueDate, this.fundAccount);
    return { regionCode, valueDate, ...file };
  }
}
