import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../domain/access.js';
import { DomainError } from '../../domain/errors.js';
import { histories, startWorkflowTestBed, type WorkflowTestBed } from '../../test/harness/workflow-worker.js';
import { domainErrorFromFailure } from '../contracts/failures.js';
import type { BillableMou, BillingRecordActivities, MouBillingActivities, MouForBilling } from './billing.activities.js';
import { BILLING_CYCLE_WORKFLOW, BILLING_RUN_WORKFLOW, billingRunWorkflowId, type BillingCycleWorkflow, type BillingRunWorkflow } from './billing.messages.js';

// The billing workflows on the real Temporal dev server with fake activities.
const HISTORIES = new URL('./histories/', import.meta.url);
const invoices = new Map<string, string>(); // mouId/month → invoice id
const steps: string[] = [];
let billable: BillableMou[] = [];

const mou = (mouId: string): MouForBilling => ({
  mouId,
  mouNumber: 'MOU/1872/2026/0001',
  municipalityId: randomUUID(),
  cityName: 'Kota Metro',
  regionCode: '18.72',
  timeZone: 'Asia/Jakarta',
  status: 'ACTIVE',
  validFrom: '2026-01-01',
  validTo: '2027-12-31',
  rates: [{ group: 'RT_RW_HEAD', monthlyRate: '16800', validFrom: '2026-01-01' }],
  budgetLines: [{ fiscalYear: 2026, amount: '1721000000' }],
  today: '2026-04-02',
});

const fakes: MouBillingActivities & BillingRecordActivities = {
  async getMouForBilling({ mouId }) {
    if (mouId === 'unknown') throw new DomainError('NOT_FOUND', 'No MoU with id unknown.', 'mouId');
    return mou(mouId);
  },
  async listBillableMous() {
    return billable;
  },
  async unbilledMonths({ mous }) {
    return mous.flatMap((m) =>
      ['2026-01', '2026-02', '2026-03', '2026-04']
        .filter((month) => month >= m.firstMonth && month <= m.lastMonth && !invoices.has(`${m.mouId}/${month}`))
        .map((month) => ({ mouId: m.mouId, month })),
    );
  },
  async issueInvoice({ mou: m, month }) {
    steps.push(`issue ${m.mouId}/${month}`);
    const key = `${m.mouId}/${month}`;
    const issued = !invoices.has(key);
    if (issued) invoices.set(key, randomUUID());
    return { invoiceId: invoices.get(key)!, invoiceNumber: `INV/1872/2026/${String(invoices.size).padStart(6, '0')}`, total: '168000', lines: 10, issued };
  },
  async applyAccountCredit({ mouId }) {
    steps.push(`credit ${mouId}`);
    return { applied: '16800' };
  },
  async reviewArrears({ mouId, today }) {
    steps.push(`arrears ${mouId} ${today}`);
    return { inactivated: 2, reactivated: 0 };
  },
};

let bed: WorkflowTestBed;
beforeAll(async () => {
  bed = await startWorkflowTestBed('billing', fakes);
});
afterAll(async () => {
  await bed?.stop();
});

const runBilling = (mouId: string, month: string) =>
  bed.client.workflow.start<BillingRunWorkflow>(BILLING_RUN_WORKFLOW, {
    workflowId: `${billingRunWorkflowId(mouId, month)}/${randomUUID()}`,
    taskQueue: bed.queues.lifecycle,
    args: [{ mouId, month, queues: bed.queues, actor: systemActor('test') }],
  });

describe('billing run (fake activities)', () => {
  it('reads the MoU, issues the invoice, applies credit, then reviews arrears as of the city’s today', async () => {
    const id = randomUUID();
    const handle = await runBilling(id, '2026-03');
    expect(await handle.result()).toMatchObject({ mouId: id, month: '2026-03', lines: 10, total: '168000', issued: true, creditApplied: '16800', inactivated: 2 });
    expect(steps.filter((s) => s.includes(id))).toEqual([`issue ${id}/2026-03`, `credit ${id}`, `arrears ${id} 2026-04-02`]);
    await histories.keep(HISTORIES, 'run', await handle.fetchHistory());
  });

  it('fails with the rule’s code when the MoU is unknown, and issues nothing', async () => {
    const failure = await (await runBilling('unknown', '2026-03')).result().catch((error: unknown) => error);
    expect(domainErrorFromFailure(failure)).toMatchObject({ code: 'NOT_FOUND', field: 'mouId' });
    expect(steps.some((s) => s.includes('unknown'))).toBe(false);
  });
});

describe('billing cycle (what the schedule starts)', () => {
  it('back-fills every month not yet invoiced, once: a second cycle starts nothing', async () => {
    const a = randomUUID();
    const b = randomUUID();
    invoices.set(`${a}/2026-01`, randomUUID()); // January of MoU a was billed before
    billable = [
      { mouId: a, firstMonth: '2026-01', lastMonth: '2026-03' },
      { mouId: b, firstMonth: '2026-03', lastMonth: '2026-04' },
    ];
    const cycle = () =>
      bed.client.workflow.execute<BillingCycleWorkflow>(BILLING_CYCLE_WORKFLOW, {
        workflowId: `billing-cycle/${randomUUID()}`,
        taskQueue: bed.queues.lifecycle,
        args: [{ queues: bed.queues, concurrency: 2 }],
      });
    const first = await cycle();
    expect([...first.started].sort()).toEqual([`${a}/2026-02`, `${a}/2026-03`, `${b}/2026-03`, `${b}/2026-04`].sort());
    // Months of one MoU run in order.
    expect(steps.filter((s) => s.startsWith(`issue ${a}`))).toEqual([`issue ${a}/2026-02`, `issue ${a}/2026-03`]);
    const second = await cycle();
    expect(second).toEqual({ started: [], alreadyStarted: [] });
    expect(steps.filter((s) => s.startsWith('issue') && (s.includes(a) || s.includes(b)))).toHaveLength(4);
  });

  it('replays every recorded history', async () => {
    expect(await histories.replayAll(HISTORIES)).toEqual(['run.json']);
  });
});
