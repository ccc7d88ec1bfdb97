import {
  allHandlersFinished,
  CancellationScope,
  condition,
  ContinueAsNew,
  continueAsNew,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { planEnrolment } from '../../domain/participants/enrolment.js';
import type { MouLookupActivities } from '../enrolment/enrolment.activities.js';
import { activityOptions } from '../shared/activity-options.js';
import { applyRule } from '../shared/rules.js';
import type { BulkQuotaActivities, ImportPage, ImportRecordActivities } from './enrolment-import.activities.js';
import { closeSignal, phaseQuery, reviewedSignal, type EnrolmentImportWorkflow, type ImportInput, type ImportOutcome, type ImportPhase } from './enrolment-import.messages.js';

/**
 * Pages by row number: the page travels as row-number runs and one character a row (participant
 * ids derive from the batch and the row), two activities a page (places; enrol + read the next
 * page in one transaction), and the run continues as new every few pages, so the history stays
 * small whatever the file's size. Histories recorded before it replay the claim/places/activate loop.
 */
export const PAGES_BY_ROW_PATCH = 'import-pages-by-row';

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
  const resume = input.resume;
  let phase: ImportPhase = resume ? 'ACTIVATING' : 'PARSING';
  let activated = resume?.activated ?? 0;
  let reviewed = resume?.reviewed ?? false;
  let closed = resume?.closed ?? false;
  /** The page whose places are being held and rows enrolled: on cancel, its rows not enrolled give their places back. */
  let inFlight: ImportPage | null = null;
  setHandler(phaseQuery, () => ({ phase, activated }));
  setHandler(reviewedSignal, () => void (reviewed = true));
  setHandler(closeSignal, () => void (closed = true));
  const enter = async (next: ImportPhase) => {
    phase = next;
    return records.markImport({ batchId: input.batchId, status: next });
  };

  try {
    let mou = resume?.mou;
    let coverage = resume?.coverage;
    if (!mou || !coverage) {
      mou = await municipalities.getMouForEnrolment({ mouId: input.mouId, cities: input.cities });
      const lookedUp = mou;
      coverage = applyRule(() => planEnrolment({ ...lookedUp, number: lookedUp.mouNumber }, lookedUp.today));
      await enter('PARSING');
      await long.parseImport({ batchId: input.batchId, mou });
      await enter('VALIDATING');
      await long.validateImport({ batchId: input.batchId });
      if (input.dryRun) {
        await enter('DONE');
        return { batchId: input.batchId, phase, activated };
      }
    }
    const limit = input.pageSize ?? 1000;
    const pagesPerRun = input.pagesPerRun ?? 10;
    let pagesThisRun = 0;
    const activateByRow = async (first: ImportPage | null) => {
      for (let page = first ?? (await long.nextImportPage({ batchId: input.batchId, after: 0, limit })); page;) {
        if (pagesThisRun >= pagesPerRun || workflowInfo().continueAsNewSuggested) {
          await condition(allHandlersFinished);
          await continueAsNew<EnrolmentImportWorkflow>({
            ...input,
            resume: { mou: mou!, coverage: coverage!, activated, next: page, run: (resume?.run ?? 1) + 1, reviewed, closed },
          });
        }
        inFlight = page;
        const { outcomes } = await municipalities.reserveImportPlaces({
          mouId: mou!.mouId,
          startsOn: coverage!.coverageFrom,
          page,
          batchId: input.batchId,
          cities: input.cities,
          actor: input.actor,
        });
        const done = await long.enrolImportPage({ batchId: input.batchId, mou: mou!, ...coverage!, page, outcomes, actor: input.actor, limit });
        inFlight = null;
        if (done.notInserted.length > 0) await municipalities.releaseQuotaPlaces({ participantIds: done.notInserted, actor: input.actor });
        activated += done.activated;
        pagesThisRun += 1;
        page = done.next;
      }
    };

    const activateAll = async () => {
      for (;;) {
        const places = await records.claimActivationPage({ batchId: input.batchId, limit });
        if (places.length === 0) return;
        const held = await municipalities.reserveQuotaPlaces({
          mouId: mou!.mouId,
          startsOn: coverage!.coverageFrom,
          places,
          batchId: input.batchId,
          cities: input.cities,
          actor: input.actor,
        });
        const page = await records.activateImportPage({ batchId: input.batchId, mou: mou!, ...coverage!, granted: held.granted, refused: held.refused, actor: input.actor });
        if (page.notInserted.length > 0) await municipalities.releaseQuotaPlaces({ participantIds: page.notInserted, actor: input.actor });
        activated += page.activated;
      }
    };
    let activate = activateAll;
    if (resume) {
      activate = () => activateByRow(null);
      await activateByRow(resume.next);
    } else {
      await enter('ACTIVATING');
      if (patched(PAGES_BY_ROW_PATCH)) activate = () => activateByRow(null);
      await activate();
    }
    for (;;) {
      const { review } = await enter('AWAITING_REVIEW');
      if (review === 0 || closed) break;
      await condition(() => reviewed || closed);
      if (reviewed) {
        reviewed = false;
        phase = 'ACTIVATING';
        await activate();
      }
    }
    await enter('DONE');
    return { batchId: input.batchId, phase, activated };
  } catch (error) {
    if (error instanceof ContinueAsNew) throw error;
    if (!isCancellation(error)) {
      await records.markImport({ batchId: input.batchId, status: 'FAILED', failure: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    // Cancelled: whatever page was in flight was enrolled whole or not at all; give back the places of rows not enrolled.
    await CancellationScope.nonCancellable(async () => {
      const unclaimed = await records.abandonImport({ batchId: input.batchId, ...(inFlight ? { page: inFlight } : {}) });
      if (unclaimed.length > 0) await municipalities.releaseQuotaPlaces({ participantIds: unclaimed, actor: input.actor });
      await records.markImport({ batchId: input.batchId, status: 'CANCELLED' });
    });
    phase = 'CANCELLED';
    throw error;
  }
}
