import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histories, startWorkflowTestBed, type WorkflowTestBed } from '../../test/harness/workflow-worker.js';
import type { ClaimLeadActivities } from './death-notice.activities.js';
import { DEATH_NOTICE_WORKFLOW, deathNoticeWorkflowId, type DeathNotice, type DeathNoticeRequest, type DeathNoticeWorkflow } from './death-notice.messages.js';

// A death notice on the real Temporal dev server with a fake claims activity.
const HISTORIES = new URL('./histories/', import.meta.url);
const leads = new Map<string, string>();
const received: DeathNotice[] = [];

const fakes: ClaimLeadActivities = {
  async openClaimLead(notice) {
    received.push(notice);
    const key = `${notice.personId}/${notice.dateOfDeath}`;
    const existing = leads.get(key);
    if (existing) return { leadId: existing, opened: false };
    const leadId = randomUUID();
    leads.set(key, leadId);
    return { leadId, opened: true };
  },
};

let bed: WorkflowTestBed;
beforeAll(async () => {
  bed = await startWorkflowTestBed('death-notice', fakes);
});
afterAll(async () => {
  await bed?.stop();
});

const actor = { subject: 'admin.bpjs', roles: ['admin' as const], cities: 'ALL' as const, clientId: null, requestId: null };
const run = (personId: string) => {
  const request: DeathNoticeRequest = {
    personId,
    participantId: randomUUID(),
    municipalityId: randomUUID(),
    regionCode: '18.72',
    dateOfDeath: '2026-03-14',
    source: 'registry-extract',
    actor,
    queues: bed.queues,
  };
  return bed.client.workflow.start<DeathNoticeWorkflow>(DEATH_NOTICE_WORKFLOW, {
    workflowId: `${deathNoticeWorkflowId(personId, request.dateOfDeath)}/${randomUUID()}`,
    taskQueue: bed.queues.lifecycle,
    args: [request],
  });
};

describe('a death notice (fake claims activity)', () => {
  it('opens a claim lead on the claims queue with the notice, without the task queues', async () => {
    const personId = randomUUID();
    const handle = await run(personId);
    const opened = await handle.result();
    expect(opened).toEqual({ leadId: leads.get(`${personId}/2026-03-14`), opened: true });
    expect(received.at(-1)).toMatchObject({ personId, regionCode: '18.72', source: 'registry-extract' });
    expect(received.at(-1)).not.toHaveProperty('queues');
    await histories.keep(HISTORIES, 'opened', await handle.fetchHistory());
  });

  it('answers the existing lead for a repeated notice', async () => {
    const personId = randomUUID();
    const first = await (await run(personId)).result();
    expect(await (await run(personId)).result()).toEqual({ leadId: first.leadId, opened: false });
  });

  it('replays every recorded history', async () => {
    expect(await histories.replayAll(HISTORIES)).toEqual(['opened.json']);
  });
});
