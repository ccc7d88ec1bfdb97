import { CancellationScope, condition, isCancellation, proxyActivities, setHandler } from '@temporalio/workflow';
import { planEnrolment } from '../../domain/participants/enrolment.js';
import type { MouLookupActivities } from '../enrolment/enrolment.activities.js';
import { activityOptions } from '../shared/activity-options.js';
import { applyRule } from '../shared/rules.js';
import type { BulkQuotaActivities, ImportRecordActivities } from './enrolment-import.activities.js';
import { closeSignal, phaseQuery, reviewedSignal, type ImportInput, type ImportOutcome, type ImportPhase } from './enrolment-import.messages.js';

/**
 * One city list under one MoU (workflow id `enrolment-import/<batch id>`): the participants
 * service streams the stored file into staging and judges every row; then, page by page, the
 * municipalities service holds places of each row's group and the participants service enrols
 * exactly the rows that got one, in one transaction per page. Rows needing review wait for an
 * operator's decision (signal `reviewed`) and are enrolled the same way. Cancelling gives back the
 * places of a page that was not enrolled; every row is enrolled fully or not at all.
 */
export async function enrolmentImport(input: ImportInput): Promise<ImportOutcome> {
  const long = proxyActivities<ImportRecordActivities>({
    taskQueue: input.queues.participants,
    startToCloseTimeout: '2 hours',
    heartbeatTimeout: '60s',
    retry: { initialInterval: '1s', maximumInterval: '30s', backoffCoefficient: 2, maximumAttempts: 20 },
  });
  const records = proxyActivities<ImportRecordActivities>({ ...activityOptions(input.queues.participants), startToCloseTimeout: '2 minutes' });
  const municipalities = proxyActivities<MouLookupActivities & BulkQuotaActivities>({ ...activityOptions(input.queues.municipalities), startToCloseTimeout: '2 minutes' });
  let phase: ImportPhase = 'PARSING';
  let activated = 0;
  let reviewed = false;
  let closed = false;
  setHandler(phaseQuery, () => ({ phase, activated }));
  setHandler(reviewedSignal, () => void (reviewed = true));
  setHandler(closeSignal, () => void (closed = true));
  const enter = async (next: ImportPhase) => {
    phase = next;
    return records.markImport({ batchId: input.batchId, status: next });
  };

  try {
    const mou = await municipalities.getMouForEnrolment({ mouId: input.mouId, cities: input.cities });
    const coverage = applyRule(() => planEnrolment({ ...mou, number: mou.mouNumber }, mou.today));
    await enter('PARSING');
    await long.parseImport({ batchId: input.batchId, mou });
    await enter('VALIDATING');
    await long.validateImport({ batchId: input.batchId });
    if (input.dryRun) {
      await enter('DONE');
      return { batchId: input.batchId, phase, activated };
    }

    const activateAll = async () => {
      for (;;) {
        const places = await records.claimActivationPage({ batchId: input.batchId, limit: input.pageSize ?? 1000 });
        if (places.length === 0) return;
        const held = await municipalities.reserveQuotaPlaces({
          mouId: mou.mouId,
          startsOn: coverage.coverageFrom,
          places,
          batchId: input.batchId,
          cities: input.cities,
          actor: input.actor,
        });
        const page = await records.activateImportPage({ batchId: input.batchId, mou, ...coverage, granted: held.granted, refused: held.refused, actor: input.actor });
        if (page.notInserted.length > 0) await municipalities.releaseQuotaPlaces({ participantIds: page.notInserted, actor: input.actor });
        activated += page.activated;
      }
    };
    await enter('ACTIVATING');
    await activateAll();
    for (;;) {
      const { review } = await enter('AWAITING_REVIEW');
      if (review === 0 || closed) break;
      await condition(() => reviewed || closed);
      if (reviewed) {
        reviewed = false;
        phase = 'ACTIVATING';
        await activateAll();
      }
    }
    await enter('DONE');
    return { batchId: input.batchId, phase, activated };
  } catch (error) {
    if (!isCancellation(error)) {
      await records.markImport({ batchId: input.batchId, status: 'FAILED', failure: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    // Cancelled: whatever page was in flight was enrolled whole or not at all; give back the places of rows not enrolled.
    await CancellationScope.nonCancellable(async () => {
      const unclaimed = await records.abandonImport({ batchId: input.batchId });
      if (unclaimed.length > 0) await municipalities.releaseQuotaPlaces({ participantIds: unclaimed, actor: input.actor });
      await records.markImport({ batchId: input.batchId, status: 'CANCELLED' });
    });
    phase = 'CANCELLED';
    throw error;
  }
}
