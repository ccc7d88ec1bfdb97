import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { addDays } from '../../../domain/calendar.js';
import { MOU_LIFECYCLE_WORKFLOW, type MouLifecycleInput, type MouLifecycleWorkflow } from '../../../workflows/mou-lifecycle/mou-lifecycle.messages.js';
import { mustQuery } from '../../../test/harness/graphql.js';
import { startTestSystem, type TestSystem } from '../../../test/harness/system.js';
import { op } from '../../../test/fixtures/operations.js';
import { ACTORS, cityWithActiveMou, enrol, metroToday, signBoth, SITI } from '../../../test/fixtures/scenario.js';

// A RENEWED MoU's term ends: its participants move to the successor as far as the successor's
// quota goes. Real services, real database, the real MoU workflow code on the Temporal dev server;
// only the calendar is moved on: a run of the workflow whose clock says the term has just ended.
let system: TestSystem;
let db: pg.Client;
let client: Awaited<ReturnType<typeof import('@temporalio/client').Connection.connect>>;

beforeAll(async () => {
  system = await startTestSystem('renewal');
  db = new pg.Client({ connectionString: system.db.url });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await client?.close();
  await system?.stop();
});

const person = (n: number, occupationGroup: string) => ({
  ...SITI,
  nik: `18720101019${String(n).padStart(5, '0')}`,
  fullName: `Warga ${n}`,
  birthDate: '1990-01-01',
  sex: 'M',
  occupationGroup,
});
const history = async (id: string, on: string) => (await mustQuery(system.gatewayUrl, op('ParticipantHistory'), { id, on }, ACTORS.caseworker)).participant;

describe('renewal moves participants to the successor', () => {
  it('ends each enrolment with MOU_RENEWED at validTo and starts it again on the successor; who does not fit stays ended and is reported', async () => {
    const groups = [
      { group: 'RT_RW_HEAD', quota: 5 },
      { group: 'RELIGIOUS_TEACHER', quota: 5 },
    ];
    const a = await cityWithActiveMou(system.gatewayUrl, '18.72', { quota: 10, groups });
    const teachers = [];
    for (const n of [1, 2, 3]) teachers.push(await enrol(system.gatewayUrl, a.mouId, person(n, 'RELIGIOUS_TEACHER')));
    const head = await enrol(system.gatewayUrl, a.mouId, person(4, 'RT_RW_HEAD'));
    const leaver = await enrol(system.gatewayUrl, a.mouId, person(5, 'RT_RW_HEAD'));
    await mustQuery(system.gatewayUrl, op('EndEnrolment'), { input: { participantId: leaver.id, lastCoveredDay: metroToday(), reason: 'withdrawn' } }, ACTORS.operator);
    // The successor funds one religious teacher only.
    const successor = (
      await mustQuery(system.gatewayUrl, op('RenewMou'), { input: { mouId: a.mouId, quota: 6, groups: [{ group: 'RELIGIOUS_TEACHER', quota: 1 }] } }, ACTORS.manager)
    ).renewMou;
    expect((await signBoth(system.gatewayUrl, successor.id)).status).toBe('SIGNED');
    const validTo = addDays(successor.validFrom, -1);

    // The end of the term, as the MoU workflow reaches it (a run of its code whose calendar is there).
    const { Connection, Client } = await import('@temporalio/client');
    client = await Connection.connect({ address: system.temporal.address });
    const temporal = new Client({ connection: client, namespace: system.temporal.namespace });
    const input: MouLifecycleInput = {
      mouId: a.mouId,
      number: a.mouNumber,
      settings: {
        clock: { originDate: successor.validFrom, originAtMs: Date.now(), msPerDay: 86_400_000 },
        reminderOffsetsDays: [90, 60, 30, 7],
        escalationDaysBefore: 30,
        budgetCheckEveryDays: 7,
        continueAsNewAfterEvents: 2000,
        renewalPageSize: 2,
      },
      state: {
        status: 'RENEWED',
        signed: ['CITY', 'BPJS'],
        validFrom: `${metroToday().slice(0, 4)}-01-01`,
        validTo,
        remindersSent: [90, 60, 30, 7],
        escalated: true,
        lastBudgetCheck: null,
        successorId: successor.id,
        ended: false,
      },
      queues: system.queues,
    };
    const result = await temporal.workflow.execute<MouLifecycleWorkflow>(MOU_LIFECYCLE_WORKFLOW, {
      workflowId: `mou/${a.mouId}/term-end-test`,
      taskQueue: system.queues.lifecycle,
      args: [input],
    });
    expect(result).toMatchObject({ status: 'RENEWED', successorId: successor.id });

    const moved = [teachers[0]!, head];
    for (const old of moved) {
      const seen = await history(old.id, successor.validFrom);
      expect(seen).toMatchObject({ status: 'ENDED', endReason: 'MOU_RENEWED', coverageTo: validTo });
      const next = seen.person.enrolments.find((e: { mou: { id: string } }) => e.mou.id === successor.id);
      expect(next).toMatchObject({ status: 'ACTIVE', coverageFrom: successor.validFrom, coverageTo: successor.validTo });
      expect(seen.coverageOn).toMatchObject({ covered: true, enrolmentId: next.id });
      const continued = await history(next.id, successor.validFrom);
      expect(continued).toMatchObject({ predecessorId: old.id, kpjNumber: seen.kpjNumber, occupationGroup: seen.occupationGroup, declaredMonthlyIncome: '1000000' });
    }
    for (const left of teachers.slice(1)) {
      const seen = await history(left.id, successor.validFrom);
      expect(seen).toMatchObject({ status: 'ENDED', endReason: 'MOU_RENEWED', coverageTo: validTo, coverageOn: { covered: false, reason: 'ENDED' } });
      expect(seen.endNote).toContain('full');
      expect(seen.person.enrolments).toHaveLength(1);
    }
    // Whoever ended before the term's end is not moved.
    expect((await history(leaver.id, successor.validFrom)).person.enrolments).toHaveLength(1);
    // The successor holds a place for each one who moved, in their group.
    const used = (await db.query(`SELECT occupation_group, used FROM municipalities.mou_quota_use WHERE mou_id = $1 ORDER BY 1`, [successor.id])).rows;
    expect(used).toEqual([
      { occupation_group: 'RELIGIOUS_TEACHER', used: 1 },
      { occupation_group: 'RT_RW_HEAD', used: 1 },
    ]);
    const reported = (await db.query(`SELECT after FROM participants.audit_event WHERE action = 'participant.renewal_move' AND entity_id = $1`, [a.mouId])).rows;
    const leftBehind = reported.flatMap((r) => r.after.leftBehind.map((l: { participantId: string }) => l.participantId));
    expect(leftBehind.sort()).toEqual(
      teachers
        .slice(1)
        .map((t) => t.id)
        .sort(),
    );
    const notice = (await db.query(`SELECT details FROM municipalities.notification WHERE mou_id = $1 AND kind = 'MOU_TERM_ENDED' LIMIT 1`, [a.mouId])).rows[0];
    expect(notice.details).toMatchObject({ movedToSuccessor: 2, leftBehind: 2 });
  });
});
