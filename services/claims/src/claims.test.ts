import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { addDays } from '../../../domain/calendar.js';
import { errorCode, graphql, mustQuery } from '../../../test/harness/graphql.js';
import { startTestSystem, type TestSystem } from '../../../test/harness/system.js';
import { op } from '../../../test/fixtures/operations.js';
import { ACTORS, completeDocuments, enrol, enterPayoutAccount, jkmClaim, metroToday, metroWithActiveMou, SITI } from '../../../test/fixtures/scenario.js';
import { createClaimActivities } from './activities.js';

let system: TestSystem;
let url: string;
let db: pg.Client;
let mouId: string;

beforeAll(async () => {
  system = await startTestSystem('claims');
  url = system.services.claims.url;
  db = new pg.Client({ connectionString: system.db.url });
  await db.connect();
  mouId = (await metroWithActiveMou(system.gatewayUrl)).mouId;
});
afterAll(async () => {
  await db?.end();
  await system?.stop();
});

const claimRows = async () => Number((await db.query(`SELECT count(*) FROM claims.claim`)).rows[0].count);

async function waitForStatus(claimId: string, status: string): Promise<Record<string, any>> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { claim } = await mustQuery(url, op('Claim'), { id: claimId }, ACTORS.caseworker);
    if (claim.status === status) return claim;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`claim ${claimId} never reached ${status}`);
}

describe('claims subgraph: a JKM claim from filing to payout', () => {
  let participantId: string;
  let claimId: string;

  beforeAll(async () => {
    participantId = (await enrol(system.gatewayUrl, mouId)).id;
  });

  it('refuses claims it cannot take in, writing nothing', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const cases: [Record<string, unknown>, string, string][] = [
      [jkmClaim(unknown), 'NOT_FOUND', 'participantId'],
      [jkmClaim(participantId, addDays(metroToday(), -1)), 'NOT_ELIGIBLE', 'incidentDate'],
      [jkmClaim(participantId, addDays(metroToday(), 2)), 'BAD_USER_INPUT', 'incidentDate'],
      [{ ...jkmClaim(participantId), program: 'JKK' }, 'BAD_USER_INPUT', 'jkk'],
      [{ ...jkmClaim(participantId), heirs: [{ name: 'Rina', relationship: 'CHILD' }] }, 'BAD_USER_INPUT', 'heirs'],
      [{ ...jkmClaim(participantId), heir: null, heirs: [{ name: 'Rina', relationship: 'CHILD', bankAccount: '12ab' }] }, 'BAD_USER_INPUT', 'heirs.0.bankAccount'],
      [{ ...jkmClaim(participantId), heir: { name: ' ', relationship: 'SPOUSE' } }, 'BAD_USER_INPUT', 'heir.name'],
      [{ ...jkmClaim(participantId), heir: { name: 'Budi', relationship: 'SPOUSE', phone: '12' } }, 'BAD_USER_INPUT', 'heir.phone'],
    ];
    for (const [input, code, field] of cases) {
      expect(await errorCode(url, op('SubmitClaim'), { input }, ACTORS.caseworker)).toMatchObject({ code, field });
    }
    expect(await errorCode(url, op('SubmitClaim'), { input: { ...jkmClaim(participantId), incidentDate: '2026-02-30' } }, ACTORS.caseworker)).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await claimRows()).toBe(0);
  });

  it('takes in a covered death with the Rp 42,000,000 JKM benefit', async () => {
    const { submitClaim } = await mustQuery(url, op('SubmitClaim'), { input: jkmClaim(participantId) }, ACTORS.caseworker);
    claimId = submitClaim.id;
    expect(submitClaim).toMatchObject({ status: 'AWAITING_VERIFICATION', program: 'JKM', submittedBy: ACTORS.caseworker.subject, benefit: { total: '42000000' } });
    expect(submitClaim.number).toMatch(/^JKM\/\d{4}\/\d{6}$/);
    expect(submitClaim.benefit.components.map((c: { code: string; amount: string }) => [c.code, c.amount])).toEqual([
      ['LUMP_SUM', '20000000'],
      ['PERIODIC', '12000000'],
      ['FUNERAL', '10000000'],
    ]);
  });

  it('refuses a second claim for the same death', async () => {
    expect(await errorCode(url, op('SubmitClaim'), { input: jkmClaim(participantId) }, ACTORS.caseworker)).toMatchObject({
      code: 'NOT_ELIGIBLE',
      field: 'participantId',
      reason: 'SECOND_JKM',
    });
    expect(await claimRows()).toBe(1);
  });

  it('will not approve before the documents are verified', async () => {
    expect(await errorCode(url, op('ApproveClaim'), { claimId }, ACTORS.supervisor)).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('keeps four eyes: neither the verifier nor the submitter may approve, nor a caseworker above the threshold', async () => {
    await completeDocuments(url, claimId);
    await mustQuery(url, op('VerifyClaimDocuments'), { claimId, note: 'KTP, KK, death certificate complete' }, ACTORS.verifier);
    const thirdCaseworker = { ...ACTORS.caseworker, subject: 'caseworker.eko' };
    expect(await errorCode(url, op('ApproveClaim'), { claimId }, thirdCaseworker)).toMatchObject({ code: 'FORBIDDEN', field: 'approver' });
    expect(await errorCode(url, op('ApproveClaim'), { claimId }, ACTORS.verifier)).toMatchObject({ code: 'FOUR_EYES' });
    expect(await errorCode(url, op('ApproveClaim'), { claimId }, ACTORS.caseworker)).toMatchObject({ code: 'FOUR_EYES' });
    const { claim } = await mustQuery(url, op('Claim'), { id: claimId }, ACTORS.caseworker);
    expect(claim).toMatchObject({ status: 'AWAITING_APPROVAL', approvedBy: null });
  });

  it('pays an approved claim exactly once', async () => {
    await enterPayoutAccount(url, claimId);
    const { approveClaim } = await mustQuery(url, op('ApproveClaim'), { claimId }, ACTORS.supervisor);
    expect(approveClaim.approvedBy).toBe(ACTORS.supervisor.subject);
    const paid = await waitForStatus(claimId, 'PAID');
    expect(paid.payouts).toHaveLength(1);
    expect(paid.payouts[0]).toMatchObject({ instalment: 1, amount: '42000000' });
    // A retried payout activity finds the same payout instead of paying again.
    const again = await createClaimActivities(system.services.claims.deps).payHeir({ claimId, heirId: claimId, instalment: 1, amount: '42000000' });
    expect(again.reference).toBe(paid.payouts[0].reference);
    expect(Number((await db.query(`SELECT count(*) FROM claims.payout WHERE claim_id = $1`, [claimId])).rows[0].count)).toBe(1);
    expect(await errorCode(url, op('ApproveClaim'), { claimId }, ACTORS.supervisor)).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('keeps the history of every step', async () => {
    const events = (await db.query(`SELECT action, to_status, actor FROM claims.claim_event WHERE claim_id = $1 AND action NOT LIKE 'DOCUMENT_%' ORDER BY id`, [claimId])).rows;
    expect(events.map((e) => e.action)).toEqual(['SUBMIT', 'ACCEPT_INTAKE', 'VERIFY_DOCUMENTS', 'APPROVE', 'PAY']);
    expect(events[2].actor).toBe(ACTORS.verifier.subject);
  });

  it('records every step in the audit log, readable by a manager and refused to a caseworker', async () => {
    const { claimsAuditLog } = await mustQuery(url, '{ claimsAuditLog(first: 50) { action actor entityId regionCode requestId } }', {}, ACTORS.manager);
    const mine = claimsAuditLog.filter((e: { entityId: string }) => e.entityId === claimId).reverse();
    expect(mine.map((e: { action: string }) => e.action)).toEqual(['claim.submit', 'claim.verify_documents', 'payout.account', 'claim.approve', 'claim.pay']);
    expect(mine.map((e: { actor: string }) => e.actor)).toEqual([
      ACTORS.caseworker.subject,
      ACTORS.verifier.subject,
      ACTORS.caseworker.subject,
      ACTORS.supervisor.subject,
      'system:claim-lifecycle',
    ]);
    expect(mine[0].regionCode).toBe('18.72');
    expect(await errorCode(url, '{ claimsAuditLog { id } }', {}, ACTORS.caseworker)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps history append-only: the services’ role may not rewrite it, and a trigger refuses anyone', async () => {
    await db.query('SET ROLE lindung_app');
    try {
      await expect(db.query(`UPDATE claims.audit_event SET actor = 'someone else'`)).rejects.toThrow(/permission denied/);
      await expect(db.query(`DELETE FROM claims.payout WHERE claim_id = $1`, [claimId])).rejects.toThrow(/permission denied/);
      await expect(db.query(`UPDATE claims.claim_event SET actor = 'x'`)).rejects.toThrow(/permission denied/);
    } finally {
      await db.query('RESET ROLE');
    }
    await expect(db.query(`UPDATE claims.payout SET amount = 1 WHERE claim_id = $1`, [claimId])).rejects.toThrow(/append-only/);
  });

  it('has the database refuse an approver who also submitted, whatever the code does', async () => {
    await expect(db.query(`UPDATE claims.claim SET approved_by = submitted_by WHERE id = $1`, [claimId])).rejects.toThrow(/claim_approver_not_submitter/);
  });
});

describe('claims subgraph: simultaneous approvals', () => {
  it('lets exactly one of several simultaneous approvals through, pays once, and tells the others INVALID_TRANSITION', async () => {
    const { id } = await enrol(system.gatewayUrl, mouId, { ...SITI, nik: '1872010101900007', fullName: 'Eko', birthDate: '1990-01-01', sex: 'M' });
    const claim = (await mustQuery(url, op('SubmitClaim'), { input: jkmClaim(id) }, ACTORS.caseworker)).submitClaim;
    await completeDocuments(url, claim.id);
    await mustQuery(url, op('VerifyClaimDocuments'), { claimId: claim.id }, ACTORS.verifier);
    await enterPayoutAccount(url, claim.id);
    const supervisors = ['one', 'two', 'three', 'four'].map((n) => ({ ...ACTORS.supervisor, subject: `supervisor.${n}` }));
    const answers = await Promise.all(supervisors.map((s) => graphql(url, op('ApproveClaim'), { claimId: claim.id }, s)));
    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    expect(answers.flatMap((a) => a.errors ?? []).map((e) => e.extensions?.code)).toEqual(supervisors.slice(1).map(() => 'INVALID_TRANSITION'));
    await waitForStatus(claim.id, 'PAID');
    expect((await db.query(`SELECT amount FROM claims.payout WHERE claim_id = $1`, [claim.id])).rows).toEqual([{ amount: '42000000' }]);
  });
});

describe('claims subgraph: approval races under pressure', () => {
  const supervisors = Array.from({ length: 8 }, (_, n) => ({ ...ACTORS.supervisor, subject: `supervisor.race${n}` }));
  const people = [
    { nik: '1872010202910001', fullName: 'Fajar', birthDate: '1991-02-02', sex: 'M' },
    { nik: '1872010303920002', fullName: 'Gita', birthDate: '1992-03-03', sex: 'M' },
    { nik: '1872010404930003', fullName: 'Hadi', birthDate: '1993-04-04', sex: 'M' },
  ];

  it('lets one of 8 simultaneous approvals through, round after round, and tells every loser INVALID_TRANSITION, also while the claim is being paid and its workflow ends', async () => {
    const losers: (string | undefined)[] = [];
    for (const person of people) {
      const { id } = await enrol(system.gatewayUrl, mouId, { ...SITI, ...person });
      const claim = (await mustQuery(url, op('SubmitClaim'), { input: jkmClaim(id) }, ACTORS.caseworker)).submitClaim;
      await completeDocuments(url, claim.id);
      await mustQuery(url, op('VerifyClaimDocuments'), { claimId: claim.id }, ACTORS.verifier);
      await enterPayoutAccount(url, claim.id);
      const answers = await Promise.all(supervisors.map((s) => graphql(url, op('ApproveClaim'), { claimId: claim.id }, s)));
      expect(answers.filter((a) => !a.errors)).toHaveLength(1);
      losers.push(...answers.flatMap((a) => a.errors ?? []).map((e) => e.extensions?.code));
      // Late approvals keep coming while the workflow pays, records PAID and completes.
      const late: Promise<Awaited<ReturnType<typeof graphql>>>[] = [];
      for (let wave = 0; wave < 10; wave++) {
        late.push(...supervisors.slice(0, 2).map((s) => graphql(url, op('ApproveClaim'), { claimId: claim.id }, s)));
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      losers.push(...(await Promise.all(late)).map((a) => a.errors?.[0]?.extensions?.code));
      await waitForStatus(claim.id, 'PAID');
      expect((await db.query(`SELECT count(*)::int AS n FROM claims.payout WHERE claim_id = $1`, [claim.id])).rows[0].n).toBe(1);
    }
    const tally = Object.entries(losers.reduce<Record<string, number>>((counts, code) => ({ ...counts, [String(code)]: (counts[String(code)] ?? 0) + 1 }), {}));
    console.log(`approval races: ${people.length} claims, ${losers.length} losing approvals: ${tally.map(([code, n]) => `${n} ${code}`).join(', ')}`);
    expect(tally).toEqual([['INVALID_TRANSITION', losers.length]]);
  });
});

describe('claims subgraph: rejection', () => {
  it('rejects with a reason code, and then allows a corrected claim', async () => {
    const { id } = await enrol(system.gatewayUrl, mouId, { ...SITI, nik: '1872010101850006', fullName: 'Dedi', birthDate: '1985-01-01', sex: 'M' });
    const claim = (await mustQuery(url, op('SubmitClaim'), { input: jkmClaim(id) }, ACTORS.caseworker)).submitClaim;
    expect(await errorCode(url, op('RejectClaim'), { claimId: claim.id, reasonCode: 'BECAUSE' }, ACTORS.verifier)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reasonCode' });
    const { rejectClaim } = await mustQuery(url, op('RejectClaim'), { claimId: claim.id, reasonCode: 'DOCUMENTS_INCOMPLETE', note: 'No death certificate' }, ACTORS.verifier);
    expect(rejectClaim).toMatchObject({ status: 'REJECTED', rejection: { reasonCode: 'DOCUMENTS_INCOMPLETE', note: 'No death certificate', rejectedBy: ACTORS.verifier.subject } });
    expect(await errorCode(url, op('VerifyClaimDocuments'), { claimId: claim.id }, ACTORS.verifier)).toMatchObject({ code: 'INVALID_TRANSITION' });
    const second = (await mustQuery(url, op('SubmitClaim'), { input: jkmClaim(id) }, ACTORS.caseworker)).submitClaim;
    expect(second.status).toBe('AWAITING_VERIFICATION');
  });

  it('answers NOT_FOUND for a claim that does not exist', async () => {
    expect(await errorCode(url, op('VerifyClaimDocuments'), { claimId: '00000000-0000-4000-8000-000000000000' }, ACTORS.verifier)).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('claims subgraph: the working-day calendar', () => {
  it('knows the national days of 2027 that are fixed by law, so a clock started in late December skips New Year', async () => {
    const { claimHolidays } = await mustQuery(url, `{ claimHolidays(year: 2027) { day kind } }`, {}, ACTORS.manager);
    expect(claimHolidays).toEqual(['2027-01-01', '2027-05-01', '2027-06-01', '2027-08-17', '2027-12-25'].map((day) => ({ day, kind: 'PUBLIC_HOLIDAY' })));
  });
});
