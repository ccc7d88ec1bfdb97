import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { planEnrolment } from '../../domain/participants/enrolment.js';
import { domainErrorFromFailure } from '../contracts/failures.js';
import { histories, startWorkflowTestBed, type WorkflowTestBed } from '../../test/harness/workflow-worker.js';
import type { EnrolmentPlaceActivities, EnrolmentRecordActivities, MouForEnrolment, MouLookupActivities, QuotaActivities } from './enrolment.activities.js';
import { ENROLMENT_WORKFLOW, enrolmentWorkflowId, type EnrolmentRequest, type EnrolmentWorkflow } from './enrolment.messages.js';

// The enrolment workflow on the real Temporal dev server with fake activities on its own queue.
const HISTORIES = new URL('./histories/', import.meta.url);
const MOU_ID = randomUUID();
const MISSING_MOU = randomUUID();

const recorded: { request: EnrolmentRequest; mou: MouForEnrolment }[] = [];
const attempts = new Map<string, number>();
/** While set, MoU lookups wait for it: an enrolment that is still running. */
let holdLookups: Promise<void> | null = null;

/** Places held per participant, and those given back. */
const held = new Set<string>();
const released: string[] = [];
/** Participants whose recording the fake refuses (the NIK is already covered). */
const refuseRecording = new Set<string>();

const fakes: MouLookupActivities & QuotaActivities & EnrolmentPlaceActivities & EnrolmentRecordActivities = {
  async getMouForEnrolment({ mouId }) {
    await holdLookups;
    if (mouId === MISSING_MOU) throw new DomainError('NOT_FOUND', `No MoU with id ${mouId}.`, 'mouId');
    return {
      mouId,
      mouNumber: 'MOU/1872/2026/0001',
      municipalityId: randomUUID(),
      regionCode: '18.72',
      timeZone: 'Asia/Jakarta',
      status: 'ACTIVE',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      programs: ['JKK', 'JKM'],
      today: '2026-03-14',
    };
  },
  async reserveQuota({ participantId, startsOn }) {
    expect(startsOn).toBe('2026-03-14');
    held.add(participantId);
    return { placesLeftInGroup: 10 };
  },
  async holdPlaceForEnrolment(place) {
    const mou = await fakes.getMouForEnrolment({ mouId: place.mouId, cities: place.cities });
    await fakes.reserveQuota({ ...place, startsOn: planEnrolment({ ...mou, number: mou.mouNumber }, mou.today).coverageFrom });
    return mou;
  },
  async releaseQuota({ participantId, lastCoveredDay }) {
    expect(lastCoveredDay).toBeNull();
    held.delete(participantId);
    released.push(participantId);
  },
  async recordEnrolment(request, mou) {
    attempts.set(request.participantId, (attempts.get(request.participantId) ?? 0) + 1);
    // What the pg driver throws for a NUL byte: PostgreSQL cannot store it, however often asked.
    if (request.fullName.includes('\u0000')) throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    if (refuseRecording.has(request.participantId)) throw new DomainError('CONFLICT', 'This NIK is already actively enrolled.', 'nik');
    recorded.push({ request, mou });
    return { participantId: request.participantId, warnings: [] };
  },
};

let bed: WorkflowTestBed;
beforeAll(async () => {
  bed = await startWorkflowTestBed('enrolment', fakes);
});
afterAll(async () => {
  await bed?.stop();
});

function request(mouId = MOU_ID): EnrolmentRequest {
  const actor = { subject: 'operator.metro', roles: ['city_operator' as const], cities: ['18.72'], clientId: null, requestId: null };
  return {
    participantId: randomUUID(),
    mouId,
    nikCiphertext: 'ciphertext',
    nikIndex: randomUUID(),
    fullName: 'Siti Aminah',
    birthDate: '1980-06-05',
    sex: 'F',
    motherMaidenName: 'Sumarni',
    address: 'Jl. Ahmad Yani 1',
    occupationGroup: 'RELIGIOUS_TEACHER',
    enrolledBy: actor.subject,
    cities: actor.cities,
    actor,
    queues: bed.queues,
  };
}

function start(req: EnrolmentRequest) {
  return bed.client.workflow.start<EnrolmentWorkflow>(ENROLMENT_WORKFLOW, {
    workflowId: enrolmentWorkflowId(req.mouId, req.nikIndex),
    taskQueue: bed.queues.lifecycle,
    args: [req],
  });
}

describe('enrolment workflow (fake activities)', () => {
  it('reads the MoU, then has participants record the enrolment under it', async () => {
    const req = request();
    const handle = await start(req);
    expect(await handle.result()).toEqual({ participantId: req.participantId, warnings: [] });
    expect(recorded.find((r) => r.request.participantId === req.participantId)?.mou).toMatchObject({ mouId: MOU_ID, status: 'ACTIVE' });
    expect(held.has(req.participantId)).toBe(true);
    await histories.keep(HISTORIES, 'enrolled-place-in-one-activity', await handle.fetchHistory());
  });

  it('gives the place back when recording is refused', async () => {
    const req = request();
    refuseRecording.add(req.participantId);
    const failure = await (await start(req)).result().catch((error: unknown) => error);
    expect(domainErrorFromFailure(failure)).toMatchObject({ code: 'CONFLICT', field: 'nik' });
    expect(released).toContain(req.participantId);
    expect(held.has(req.participantId)).toBe(false);
  });

  it('fails with the rule’s code when the MoU is not there, and records nothing', async () => {
    const req = request(MISSING_MOU);
    const handle = await start(req);
    const failure = await handle.result().catch((error: unknown) => error);
    expect(domainErrorFromFailure(failure)).toMatchObject({ code: 'NOT_FOUND', field: 'mouId' });
    expect(recorded.some((r) => r.request.participantId === req.participantId)).toBe(false);
    await histories.keep(HISTORIES, 'mou-not-found-place-in-one-activity', await handle.fetchHistory());
  });

  it('has Temporal refuse a second enrolment of the same person under the same MoU while the first runs', async () => {
    let release = () => {};
    holdLookups = new Promise((resolve) => (release = resolve));
    const first = request();
    const handle = await start(first);
    await expect(start({ ...first, participantId: randomUUID() })).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
    release();
    holdLookups = null;
    expect((await handle.result()).participantId).toBe(first.participantId);
    expect(recorded.filter((r) => r.request.nikIndex === first.nikIndex)).toHaveLength(1);
  });

  it('fails at once with BAD_USER_INPUT when the database cannot store a value, instead of retrying it as an outage', async () => {
    const req = { ...request(), fullName: 'Siti\u0000Aminah' };
    const t0 = Date.now();
    const error = await (await start(req)).result().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(domainErrorFromFailure(error)?.code).toBe('BAD_USER_INPUT');
    expect(attempts.get(req.participantId)).toBe(1);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('replays every recorded history', async () => {
    expect(await histories.replayAll(HISTORIES)).toEqual(expect.arrayContaining(['enrolled.json', 'mou-not-found.json']));
  });
});
