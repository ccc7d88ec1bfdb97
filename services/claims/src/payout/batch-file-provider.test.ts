import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBatchFile } from '../../../../domain/payouts/batch-file.js';
import { mustQuery } from '../../../../test/harness/graphql.js';
import { startTestSystem, type TestSystem } from '../../../../test/harness/system.js';
import { op } from '../../../../test/fixtures/operations.js';
import { ACTORS, completeDocuments, enrol, enterPayoutAccount, jkmClaim, metroToday, metroWithActiveMou } from '../../../../test/fixtures/scenario.js';

// Without a provider URL payouts go into the treasury's bulk-transfer file: a claim paid that way
// is one D row of the city's file for the day, with the heir's account, and nothing else.
let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem('batch-file');
});
afterAll(async () => {
  await system?.stop();
});

describe('the bank-transfer batch file provider', () => {
  it('puts a paid claim into the day’s batch file of its city, once', async () => {
    const gateway = system.gatewayUrl;
    const { mouId } = await metroWithActiveMou(gateway);
    const { id } = await enrol(gateway, mouId);
    const { submitClaim } = await mustQuery(gateway, op('SubmitClaim'), { input: jkmClaim(id) }, ACTORS.caseworker);
    await completeDocuments(gateway, submitClaim.id);
    await mustQuery(gateway, op('VerifyClaimDocuments'), { claimId: submitClaim.id }, ACTORS.verifier);
    await enterPayoutAccount(gateway, submitClaim.id, '0987654321');
    await mustQuery(gateway, op('ApproveClaim'), { claimId: submitClaim.id }, ACTORS.supervisor);
    let claim: Record<string, any> = {};
    for (let i = 0; i < 100 && claim['status'] !== 'PAID'; i++) {
      claim = (await mustQuery(gateway, op('ClaimPayouts'), { id: submitClaim.id }, ACTORS.supervisor)).claim;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(claim.heirPayouts).toMatchObject([{ status: 'SENT', provider: 'batch-file', amount: '42000000' }]);
    const { payoutBatchFile } = await mustQuery(gateway, op('PayoutBatchFile'), { regionCode: '18.72', valueDate: metroToday() }, ACTORS.supervisor);
    expect(payoutBatchFile).toMatchObject({ count: 1, total: '42000000' });
    const { transfers } = readBatchFile(payoutBatchFile.text);
    expect(transfers).toEqual([
      { bankCode: '009', accountNumber: '0987654321', holderName: 'BUDI SANTOSO', amount: 42_000_000n, reference: claim.heirPayouts[0].reference, remark: `JKM ${claim.number}` },
    ]);
  });
});
