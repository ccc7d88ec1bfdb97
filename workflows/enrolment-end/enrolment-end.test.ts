import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { domainErrorFromFailure } from '../contracts/failures.js';
import { histories, startWorkflowTestBed, type WorkflowTestBed } from '../../test/harness/workflow-worker.js';
import type { QuotaActivities } from '../enrolment/enrolment.activities.js';
import type { EnrolmentEndRecordActivities } from './enrolment-end.activities.js';
import { ENROLMENT_END_WORKFLOW, enrolmentEndWorkflowId, type EnrolmentEndRequest, type EnrolmentEndWorkflow } from './enrolment-end.messages.js';

// Ending an enrolment on the real Temporal dev server with fake activities.
const HISTORIES = new URL('./histories/', import.meta.url);
const ended = new Map<string, string>();
const released = new Map<string, string | null>();
const MOU = randomUUID();

const fakes: EnrolmentEndRecordActivities & Pick<QuotaActivities, 'releaseQuota'> = {
  async recordEnrolmentEnded({ participantId, lastCoveredDay }) {
    if (ended.has(participantId)) throw new DomainError('INVALID_TRANSITION', 'This enrolment has already ended.', 'participantId');
    ended.set(participantId, lastCoveredDay);
    return { participantId, mouId: MOU, lastCoveredDay };
  },
  async releaseQuota({ participantId, lastCoveredDay }) {
    released.set(participantId, lastCoveredDay);
  },
};

let bed: WorkflowTestBed;
beforeAll(async () => {
  bed = await startWorkflowTestBed('enrolment-end', fakes);
});
afterAll(async () => {
  await bed?.stop();
});

const actor = { subject: 'operator.metro', roles: ['city_operator' as const], cities: ['18.72'], clientId: null, requestId: null };
const run = (participantId: string) => {
  const request: EnrolmentEndRequest = { participantId, lastCoveredDay: '2026-06-30', reason: 'moved away', cities: ['18.72'], actor, queues: bed.queues };
  return bed.client.workflow.start<EnrolmentEndWorkflow>(ENROLMENT_END_WORKFLOW, {
    workflowId: `${enrolmentEndWorkflowId(participantId)}/${randomUUID()}`,
    taskQueue: bed.queues.lifecycle,
    args: [request],
  });
};

describe('ending an enrolment (fake activities)', () => {
  it('records the end, then gives the place back with the last covered day', async () => {
    const id = randomUUID();
    const handle = await run(id);
    expect(await handle.result()).toEqual({ participantId: id, mouId: MOU, lastCoveredDay: '2026-06-30' });
    expect(released.get(id)).toBe('2026-06-30');
    await histories.keep(HISTORIES, 'ended', await handle.fetchHistory());
  });

  it('gives nothing back when the end is refused', async () => {
    const id = randomUUID();
    ended.set(id, '2026-01-01');
    const failure = await (await run(id)).result().catch((error: unknown) => error);
    expect(domainErrorFromFailure(failure)).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(released.has(id)).toBe(false);
  });

  it('replays every recorded history', async () => {
    expect(await histories.replayAll(HISTORIES)).toEqual(['ended.json']);
  });
});
