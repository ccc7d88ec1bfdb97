import { randomUUID } from 'node:crypto';
import { activityInfo } from '@temporalio/activity';
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histories, startWorkflowTestBed, type WorkflowTestBed } from '../../test/harness/workflow-worker.js';
import type { MouLookupActivities } from '../enrolment/enrolment.activities.js';
import { importParticipantId, pageRows, toImportPage, type BulkQuotaActivities, type ImportPlace, type ImportRecordActivities } from './enrolment-import.activities.js';
import { ENROLMENT_IMPORT_WORKFLOW, enrolmentImportWorkflowId, reviewedSignal, type EnrolmentImportWorkflow, type ImportInput } from './enrolment-import.messages.js';

// The import workflow on the real Temporal dev server with fake activities: pages until no row is
// left, places held before rows are enrolled, reviewed rows enrolled after the signal.
const HISTORIES = new URL('./histories/', import.meta.url);
interface FakeBatch {
  accepted: number;
  review: number;
  claimed: ImportPlace[];
  enrolled: Set<string>;
  /** Pages by row number: rows 2 … accepted + 1 are the accepted ones; these are enrolled or refused. */
  decided: Set<number>;
  /** Row counts of the pages enrolled, and the run (continue-as-new) each was enrolled in. */
  pages: { rows: number; runId: string }[];
  statuses: string[];
  quotaLeft: number;
  holdParse?: Promise<void>;
  /** Holds the places call of the first page (a cancel then finds it in flight). */
  holdPlaces?: Promise<void>;
  placesAsked?: () => void;
}
const batches = new Map<string, FakeBatch>();
const released: string[] = [];

function pageAfter(b: FakeBatch, after: number, limit: number) {
  const rows: { rowNumber: number; occupationGroup: 'RT_RW_HEAD' }[] = [];
  for (let row = Math.max(2, after + 1); row <= b.accepted + 1 && rows.length < limit; row++) if (!b.decided.has(row)) rows.push({ rowNumber: row, occupationGroup: 'RT_RW_HEAD' });
  return rows.length === 0 ? null : toImportPage(rows);
}

const fakes: MouLookupActivities & BulkQuotaActivities & ImportRecordActivities = {
  async getMouForEnrolment({ mouId }) {
    return {
      mouId,
      mouNumber: 'MOU/1872/2026/0001',
      municipalityId: randomUUID(),
      regionCode: '18.72',
      timeZone: 'Asia/Jakarta',
      status: 'ACTIVE',
      validFrom: '2026-01-01',
      validTo: '2027-12-31',
      programs: ['JKK', 'JKM'],
      today: '2026-03-14',
    };
  },
  async parseImport({ batchId }) {
    await batches.get(batchId)!.holdParse;
    return { rows: batches.get(batchId)!.accepted };
  },
  async validateImport({ batchId }) {
    const b = batches.get(batchId)!;
    return { accepted: b.accepted, review: b.review, rejected: 0 };
  },
  async claimActivationPage({ batchId, limit }) {
    const b = batches.get(batchId)!;
    const waiting = b.claimed.filter((p) => !b.enrolled.has(p.participantId));
    while (waiting.length < limit && b.claimed.length < b.accepted) {
      const place: ImportPlace = { participantId: randomUUID(), occupationGroup: 'RT_RW_HEAD' };
      b.claimed.push(place);
      waiting.push(place);
    }
    return waiting.slice(0, limit);
  },
  async reserveQuotaPlaces({ batchId, places }) {
    const b = batches.get(batchId)!;
    const granted = places.slice(0, Math.max(0, b.quotaLeft)).map((p) => p.participantId);
    b.quotaLeft -= granted.length;
    return { granted, refused: places.slice(granted.length).map((p) => ({ participantId: p.participantId, reason: 'QUOTA_EXCEEDED' as const })) };
  },
  async activateImportPage({ batchId, granted, refused }) {
    const b = batches.get(batchId)!;
    for (const id of [...granted, ...refused.map((r) => r.participantId)]) b.enrolled.add(id); // refused rows leave the queue too
    return { activated: granted.length, notInserted: [] };
  },
  async nextImportPage({ batchId, after, limit }) {
    return pageAfter(batches.get(batchId)!, after, limit);
  },
  async reserveImportPlaces({ batchId, page }) {
    const b = batches.get(batchId)!;
    b.placesAsked?.();
    await b.holdPlaces;
    const rows = pageRows(page);
    const granted = Math.max(0, Math.min(rows.length, b.quotaLeft));
    b.quotaLeft -= granted;
    return { outcomes: 'G'.repeat(granted) + 'Q'.repeat(rows.length - granted) };
  },
  async enrolImportPage({ batchId, page, outcomes, limit }) {
    const b = batches.get(batchId)!;
    const rows = pageRows(page);
    let activated = 0;
    rows.forEach((row, i) => {
      if (!b.decided.has(row) && outcomes[i] === 'G') activated += 1;
      b.decided.add(row);
    });
    b.pages.push({ rows: rows.length, runId: activityInfo().workflowExecution?.runId ?? '' });
    return { activated, notInserted: [], next: pageAfter(b, rows[rows.length - 1]!, limit) };
  },
  async markImport({ batchId, status }) {
    const b = batches.get(batchId)!;
    b.statuses.push(status);
    return { review: b.review };
  },
  async abandonImport({ batchId, page }) {
    const b = batches.get(batchId)!;
    const inFlight = page ? pageRows(page).filter((row) => !b.decided.has(row)) : [];
    return [...b.claimed.filter((p) => !b.enrolled.has(p.participantId)).map((p) => p.participantId), ...inFlight.map((row) => importParticipantId(batchId, row))];
  },
  async releaseQuotaPlaces({ participantIds }) {
    released.push(...participantIds);
  },
};

let bed: WorkflowTestBed;
beforeAll(async () => {
  bed = await startWorkflowTestBed('enrolment-import', fakes);
});
afterAll(async () => {
  await bed?.stop();
});

function start(batch: Partial<FakeBatch>, input: Partial<ImportInput> = {}) {
  const batchId = randomUUID().replace(/-/g, '').slice(0, 32);
  batches.set(batchId, { accepted: 0, review: 0, claimed: [], enrolled: new Set(), decided: new Set(), pages: [], statuses: [], quotaLeft: 1_000_000, ...batch });
  const actor = { subject: 'operator.metro', roles: ['city_operator' as const], cities: ['18.72'], clientId: null, requestId: null };
  const args: ImportInput = { batchId, mouId: randomUUID(), dryRun: false, cities: actor.cities, actor, queues: bed.queues, pageSize: 10, ...input };
  return {
    batchId,
    handle: bed.client.workflow.start<EnrolmentImportWorkflow>(ENROLMENT_IMPORT_WORKFLOW, {
      workflowId: enrolmentImportWorkflowId(batchId),
      taskQueue: bed.queues.lifecycle,
      args: [args],
    }),
  };
}

describe('enrolment-import workflow (fake activities)', () => {
  it('enrols page by page until every accepted row has a verdict, and records each phase', async () => {
    const { batchId, handle } = start({ accepted: 25, quotaLeft: 22 });
    const h = await handle;
    expect(await h.result()).toEqual({ batchId, phase: 'DONE', activated: 22 });
    expect(batches.get(batchId)!.statuses).toEqual(['PARSING', 'VALIDATING', 'ACTIVATING', 'AWAITING_REVIEW', 'DONE']);
    expect(batches.get(batchId)!.pages.map((p) => p.rows)).toEqual([10, 10, 5]);
    await histories.keep(HISTORIES, 'enrolled-in-pages-by-row', await h.fetchHistory());
  });

  it('continues as new every few pages, carrying the count enrolled and the next page, without parsing or validating again', async () => {
    const { batchId, handle } = start({ accepted: 45, quotaLeft: 40 }, { pagesPerRun: 2 });
    const h = await handle;
    expect(await h.result()).toEqual({ batchId, phase: 'DONE', activated: 40 });
    const b = batches.get(batchId)!;
    expect(b.pages.map((p) => p.rows)).toEqual([10, 10, 10, 10, 5]);
    // Two pages a run: three runs, each page enrolled once, the phases recorded once.
    expect(new Set(b.pages.map((p) => p.runId)).size).toBe(3);
    expect(b.pages[0]!.runId).toBe(b.pages[1]!.runId);
    expect(b.pages[1]!.runId).not.toBe(b.pages[2]!.runId);
    expect(b.decided.size).toBe(45);
    expect(b.statuses).toEqual(['PARSING', 'VALIDATING', 'ACTIVATING', 'AWAITING_REVIEW', 'DONE']);
    const last = await bed.client.workflow.getHandle(enrolmentImportWorkflowId(batchId)).describe();
    expect(last.runId).toBe(b.pages[4]!.runId);
  });

  it('enrols nobody on a dry run', async () => {
    const { batchId, handle } = start({ accepted: 5 }, { dryRun: true });
    expect(await (await handle).result()).toEqual({ batchId, phase: 'DONE', activated: 0 });
    expect(batches.get(batchId)!.claimed).toHaveLength(0);
  });

  it('waits for review decisions, then enrols the reviewed rows', async () => {
    const { batchId, handle } = start({ accepted: 3, review: 1 });
    const h = await handle;
    for (let i = 0; i < 100 && !batches.get(batchId)!.statuses.includes('AWAITING_REVIEW'); i++) await new Promise((r) => setTimeout(r, 50));
    const b = batches.get(batchId)!;
    b.review = 0;
    b.accepted = 4; // the reviewed row is now accepted
    await h.signal(reviewedSignal);
    expect(await h.result()).toEqual({ batchId, phase: 'DONE', activated: 4 });
  });

  it('gives back the places of rows claimed but not enrolled when cancelled', async () => {
    let release = () => {};
    const { batchId, handle } = start({ accepted: 3, holdParse: new Promise((r) => (release = r)) });
    const h = await handle;
    batches.get(batchId)!.claimed.push({ participantId: 'held-by-a-crashed-attempt', occupationGroup: 'RT_RW_HEAD' });
    await h.cancel();
    release();
    await expect(h.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    expect(released).toContain('held-by-a-crashed-attempt');
    expect(batches.get(batchId)!.statuses.at(-1)).toBe('CANCELLED');
  });

  it('gives back the places of the page in flight when cancelled while its places are held', async () => {
    let asked = () => {};
    let answer = () => {};
    const placesAsked = new Promise<void>((r) => (asked = r));
    const { batchId, handle } = start({ accepted: 15, holdPlaces: new Promise<void>((r) => (answer = r)), placesAsked: asked });
    const h = await handle;
    await placesAsked;
    await h.cancel();
    await expect(h.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    answer(); // the held activity ends (its answer is no longer wanted), so the worker can stop
    // The first page (rows 2-11) was in flight: its ids go back; nothing was enrolled.
    for (let row = 2; row <= 11; row++) expect(released).toContain(importParticipantId(batchId, row));
    expect(released).not.toContain(importParticipantId(batchId, 12));
    expect(batches.get(batchId)!.decided.size).toBe(0);
    expect(batches.get(batchId)!.statuses.at(-1)).toBe('CANCELLED');
  });

  it('derives a version-4-shaped UUID per batch and row (the SQL form, importParticipantIdSql, gives the same: checked against PostgreSQL by hand)', () => {
    const id = importParticipantId('6bb5ee0b7439734aa19d08f9dba5595c7e08c12a', 20_001);
    expect(id).toBe('6bb5ee0b-7439-4734-8aa1-000000004e21');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(pageRows(toImportPage([2, 3, 4, 9].map((rowNumber) => ({ rowNumber, occupationGroup: 'OTHER' as const }))))).toEqual([2, 3, 4, 9]);
  });

  it('replays every recorded history', async () => {
    expect(await histories.replayAll(HISTORIES)).toEqual(expect.arrayContaining(['enrolled-in-pages.json', 'enrolled-in-pages-by-row.json']));
  });
});
