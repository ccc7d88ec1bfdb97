import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { histories, startWorkflowTestBed, type WorkflowTestBed } from '../../test/harness/workflow-worker.js';
import type { ScholarshipActivities } from './scholarship.activities.js';
import {
  SCHOLARSHIP_WORKFLOW,
  scholarshipChangedSignal,
  scholarshipProgressQuery,
  scholarshipWorkflowId,
  type ScholarshipInput,
  type ScholarshipWorkflow,
} from './scholarship.messages.js';

// The scholarship workflow with fake activities on the real Temporal dev server. A school year
// lasts YEAR_MS here: the fakes' schedule is in instants, so years pass in a fraction of a second
// (the workflow sleeps until the next due instant the activity names, as on the service's clock).
const HISTORIES = new URL('./histories/', import.meta.url);
const YEAR_MS = 400;

type FakeInstalment = { heirId: string; instalment: number; amount: string; dueAtMs: number; needsCertificate: boolean; verified: boolean; status: 'OPEN' | 'PAID' | 'ENDED' };
const schedules = new Map<string, FakeInstalment[]>();
const sends = new Map<string, number>();
const refusing = new Set<string>();

const fakes: ScholarshipActivities = {
  async startScholarship() {
    return null;
  },
  async advanceScholarship({ claimId }) {
    const now = Date.now();
    const open = (schedules.get(claimId) ?? []).filter((i) => i.status === 'OPEN');
    const ready = open.filter((i) => i.dueAtMs <= now && (!i.needsCertificate || i.verified));
    const next = open.filter((i) => i.dueAtMs > now).map((i) => i.dueAtMs);
    return {
      ready: ready.map((i) => ({ claimId, heirId: i.heirId, instalment: i.instalment, amount: i.amount })),
      open: open.length,
      nextDueInMs: next.length ? Math.min(...next) - now : null,
    };
  },
  async payScholarshipInstalment(request) {
    if (refusing.has(request.heirId)) throw new DomainError('PAYOUT_REFUSED', 'The heir’s bank account is closed.', 'account');
    const slot = `${request.claimId}/${request.heirId}/${request.instalment}`;
    const instalment = schedules.get(request.claimId)!.find((i) => i.heirId === request.heirId && i.instalment === request.instalment)!;
    if (instalment.status !== 'PAID') sends.set(slot, (sends.get(slot) ?? 0) + 1);
    instalment.status = 'PAID';
    return { payoutId: slot, reference: `LDG-${slot}`, amount: request.amount };
  },
};

let bed: WorkflowTestBed;
beforeAll(async () => {
  bed = await startWorkflowTestBed('scholarship', fakes);
});
afterAll(async () => {
  await bed?.stop();
});

/** Two children: each paid its first year now, then one school year per YEAR_MS needing a certificate. */
function twoChildren(claimId: string, years = 3): FakeInstalment[] {
  const start = Date.now();
  return ['ayu', 'bima'].flatMap((child) =>
    Array.from({ length: years }, (_, y) => ({
      heirId: `${claimId.slice(0, 8)}-${child}`,
      instalment: y + 2,
      amount: child === 'ayu' ? '3000000' : '1500000',
      dueAtMs: start + y * YEAR_MS,
      needsCertificate: y > 0,
      verified: false,
      status: 'OPEN' as const,
    })),
  );
}

async function start(schedule: (claimId: string) => FakeInstalment[], recheckMs = 60_000) {
  const claimId = randomUUID();
  schedules.set(claimId, schedule(claimId));
  const input: ScholarshipInput = { claimId, queues: bed.queues, payoutRetry: { initialIntervalMs: 5, maximumIntervalMs: 20, pauseMs: 50 }, recheckMs };
  const handle = await bed.client.workflow.start<ScholarshipWorkflow>(SCHOLARSHIP_WORKFLOW, {
    workflowId: scholarshipWorkflowId(claimId),
    taskQueue: bed.queues.lifecycle,
    args: [input],
  });
  return Object.assign(handle, { claimId });
}

async function until(check: () => Promise<boolean> | boolean, tries = 200): Promise<void> {
  for (let i = 0; i < tries && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 25));
}

const paidSlots = (claimId: string) => [...sends.entries()].filter(([slot]) => slot.startsWith(claimId));
const instalments = (claimId: string) => schedules.get(claimId)!;

describe('the scholarship workflow', () => {
  it('pays both children’s first year at once, waits for each later year’s certificate, and ends with the last year', async () => {
    const handle = await start((id) => twoChildren(id));
    await until(() => paidSlots(handle.claimId).length === 2);
    expect(paidSlots(handle.claimId).map(([slot]) => slot.split('/').slice(1).join('/'))).toEqual([`${handle.claimId.slice(0, 8)}-ayu/2`, `${handle.claimId.slice(0, 8)}-bima/2`]);

    // A year later the second year is due, but without a verified certificate nothing is paid.
    await new Promise((resolve) => setTimeout(resolve, YEAR_MS * 1.5));
    expect(paidSlots(handle.claimId)).toHaveLength(2);
    expect(await handle.query(scholarshipProgressQuery)).toMatchObject({ paid: 2, open: 4 });

    // Ayu's certificate verified: her second year is paid, Bima's still waits.
    instalments(handle.claimId).find((i) => i.heirId.endsWith('ayu') && i.instalment === 3)!.verified = true;
    await handle.signal(scholarshipChangedSignal, { reason: 'CERTIFICATE_VERIFIED' });
    await until(() => paidSlots(handle.claimId).length === 3);
    expect(paidSlots(handle.claimId).map(([slot]) => slot.split('/').slice(1).join('/'))).toContain(`${handle.claimId.slice(0, 8)}-ayu/3`);

    // Bima's entitlement ends (he started work); Ayu's last certificate arrives early and is paid when due.
    for (const i of instalments(handle.claimId).filter((i) => i.heirId.endsWith('bima') && i.status === 'OPEN')) i.status = 'ENDED';
    await handle.signal(scholarshipChangedSignal, { reason: 'ENTITLEMENT_ENDED' });
    instalments(handle.claimId).find((i) => i.heirId.endsWith('ayu') && i.instalment === 4)!.verified = true;
    await handle.signal(scholarshipChangedSignal, { reason: 'CERTIFICATE_VERIFIED' });

    expect(await handle.result()).toEqual({ paid: 4 });
    expect(paidSlots(handle.claimId).map(([, n]) => n)).toEqual([1, 1, 1, 1]);
    await histories.keep(HISTORIES, 'paid-two-children-with-certificates', await handle.fetchHistory());
  });

  it('keeps a refused instalment open and pays it once after the account is corrected', async () => {
    const handle = await start((id) => twoChildren(id, 1));
    const ayu = `${handle.claimId.slice(0, 8)}-ayu`;
    refusing.add(ayu);
    // Both first years are sent at once: wait for Bima's payment as well as Ayu's refusal.
    await until(async () => {
      const progress = await handle.query(scholarshipProgressQuery);
      return progress.refused === 1 && progress.paid === 1;
    });
    expect(await handle.query(scholarshipProgressQuery)).toMatchObject({ paid: 1, open: 1, refused: 1 });
    refusing.delete(ayu);
    await handle.signal(scholarshipChangedSignal, { reason: 'ACCOUNT_CORRECTED' });
    expect(await handle.result()).toEqual({ paid: 2 });
    expect(paidSlots(handle.claimId).map(([, n]) => n)).toEqual([1, 1]);
    await histories.keep(HISTORIES, 'refused-then-corrected', await handle.fetchHistory());
  });

  it('looks at its schedule again after recheckMs even without a signal (a certificate recorded while a signal was lost)', async () => {
    const handle = await start((id) => twoChildren(id, 2), 100);
    await until(() => paidSlots(handle.claimId).length === 2);
    await new Promise((resolve) => setTimeout(resolve, YEAR_MS * 1.2));
    for (const i of instalments(handle.claimId)) i.verified = true;
    expect(await handle.result()).toEqual({ paid: 4 });
  });

  it('replays the recorded histories of this file', async () => {
    expect(await histories.replayAll(HISTORIES)).toEqual(expect.arrayContaining(['paid-two-children-with-certificates.json', 'refused-then-corrected.json']));
  });
});
