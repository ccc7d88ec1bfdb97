import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../domain/calendar.js';
import type { Identity } from '../../../kit/src/identity.js';
import { errorCode, graphql, mustQuery } from '../../../../test/harness/graphql.js';
import { useTestSystem } from '../../../../test/harness/suite.js';
import { op } from '../../../../test/fixtures/operations.js';
import { ACTORS, cityIdByCode, metroToday, mouTerms, signBoth, SITI } from '../../../../test/fixtures/scenario.js';

// Termination, quotas, budget alarms and the managers' keyset pages, against the real system
// through the gateway. Budgets are checked at every step of the MoU workflow here (0 days).
process.env['LINDUNG_MOU_BUDGET_CHECK_DAYS'] = '0';
const suite = useTestSystem('mou-quotas');
const cityId = (code: string) => cityIdByCode(suite.gateway, code);
const today = metroToday;

describe('termination and quotas', () => {
  it('terminates with a reason: participants lose coverage from tomorrow; renewing or signing it afterwards is refused', async () => {
    const metro = await cityId('18.72');
    const year = today().slice(0, 4);
    const { createMou } = await mustQuery(suite.gateway, op('CreateMou'), { input: mouTerms(metro, `${year}-01-01`, `${year}-12-31`) }, ACTORS.admin);
    await signBoth(suite.gateway, createMou.id);
    const { enrolParticipant } = await mustQuery(suite.gateway, op('EnrolParticipant'), { input: { mouId: createMou.id, ...SITI } }, ACTORS.operator);
    expect(await errorCode(suite.gateway, op('TerminateMou'), { input: { mouId: createMou.id, reason: ' ' } }, ACTORS.manager)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    const terminated = (await mustQuery(suite.gateway, op('TerminateMou'), { input: { mouId: createMou.id, reason: 'APBD reallocated' } }, ACTORS.manager)).terminateMou;
    expect(terminated).toMatchObject({ status: 'TERMINATED', terminationReason: 'APBD reallocated', endedOn: today() });
    const { participant } = await mustQuery(suite.gateway, op('Participant'), { id: enrolParticipant.participant.id }, ACTORS.operator);
    expect(participant).toMatchObject({ status: 'ENDED', coverageTo: today() });
    expect(await errorCode(suite.gateway, op('RenewMou'), { input: { mouId: createMou.id } }, ACTORS.manager)).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await errorCode(suite.gateway, op('SignMou'), { input: { mouId: createMou.id, party: 'CITY', signatory: 'X', signedOn: today() } }, ACTORS.manager)).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    expect(await errorCode(suite.gateway, op('EnrolParticipant'), { input: { mouId: createMou.id, ...SITI, nik: '1872010101900009' } }, ACTORS.operator)).toMatchObject({
      code: 'NOT_ELIGIBLE',
    });
  });

  it('lets exactly 10 of 50 simultaneous enrolments take the last 10 places of a group, naming the group to the others', async () => {
    const metro = await cityId('18.72');
    const year = today().slice(0, 4);
    const { createMou } = await mustQuery(
      suite.gateway,
      op('CreateMou'),
      {
        input: mouTerms(metro, `${year}-01-01`, `${year}-12-31`, {
          quota: 100,
          groups: [
            { group: 'RT_RW_HEAD', quota: 12 },
            { group: 'OTHER', quota: 88 },
          ],
        }),
      },
      ACTORS.admin,
    );
    await signBoth(suite.gateway, createMou.id);
    const person = (i: number) => ({
      ...SITI,
      mouId: createMou.id,
      nik: `187201010190${String(1000 + i)}`,
      fullName: `Ketua RT ${i}`,
      birthDate: '1990-01-01',
      sex: 'M',
      occupationGroup: 'RT_RW_HEAD',
    });
    for (const i of [0, 1]) await mustQuery(suite.gateway, op('EnrolParticipant'), { input: person(i) }, ACTORS.operator);
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 50 }, (_, k) => graphql(suite.gateway, op('EnrolParticipant'), { input: person(10 + k) }, ACTORS.operator)));
    const elapsed = Date.now() - started;
    const accepted = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(accepted).toHaveLength(10);
    expect(refused.map((r) => r.errors![0]!.extensions?.code)).toEqual(Array(40).fill('QUOTA_EXCEEDED'));
    expect(refused[0]!.errors![0]!.message).toContain('RT_RW_HEAD');
    const used = (await suite.db.query(`SELECT used FROM municipalities.mou_quota_use WHERE mou_id = $1 AND occupation_group = 'RT_RW_HEAD'`, [createMou.id])).rows[0].used;
    expect(used).toBe(12);
    expect(Number((await suite.db.query(`SELECT count(*) FROM municipalities.quota_reservation WHERE mou_id = $1`, [createMou.id])).rows[0].count)).toBe(12);
    console.log(`50 simultaneous enrolments for 10 places: ${elapsed} ms`);
    // A group the MoU does not fund is not eligible.
    expect(await errorCode(suite.gateway, op('EnrolParticipant'), { input: { ...person(99), occupationGroup: 'MARKET_PORTER' } }, ACTORS.operator)).toMatchObject({
      code: 'NOT_ELIGIBLE',
      field: 'occupationGroup',
    });
  });

  it('refuses a request the gateway did not sign', async () => {
    const response = await fetch(suite.system.services.municipalities.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: op('Municipalities') }),
    });
    expect(response.status).toBe(401);
  });
});

describe("the managers' lists, a keyset page at a time", () => {
  it('walks every MoU expiring within 90 days in pages of two, soonest first, each once; a forged cursor is refused', async () => {
    const kotamobagu = await cityId('71.74');
    const year = Number(today().slice(0, 4));
    const ends = [40, 10, 70, 10, 25];
    const ids: string[] = [];
    for (const days of ends) {
      const { createMou } = await mustQuery(suite.gateway, op('CreateMou'), { input: mouTerms(kotamobagu, `${year - 1}-01-01`, addDays(today(), days)) }, ACTORS.admin);
      await signBoth(suite.gateway, createMou.id);
      ids.push(createMou.id);
    }
    const seen: { id: string; daysLeft: number }[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: { nodes: { daysLeft: number; mou: { id: string } }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } = (
        await mustQuery(suite.gateway, op('MousExpiringWithin'), { days: 90, municipalityId: kotamobagu, first: 2, after }, ACTORS.admin)
      ).mousExpiringWithin;
      expect(page.nodes.length).toBeLessThanOrEqual(2);
      seen.push(...page.nodes.map((n) => ({ id: n.mou.id, daysLeft: n.daysLeft })));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((s) => s.daysLeft)).toEqual([10, 10, 25, 40, 70]);
    expect(new Set(seen.map((s) => s.id))).toEqual(new Set(ids));
    expect(await errorCode(suite.gateway, op('MousExpiringWithin'), { days: 90, after: 'bm90LWEtY3Vyc29y' }, ACTORS.admin)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect(await errorCode(suite.gateway, op('MousExpiringWithin'), { days: 90, first: 101 }, ACTORS.admin)).toMatchObject({ code: 'BAD_USER_INPUT' });

    // The pipeline counts every MoU of a stage and pages through them the same way.
    const stage = async (after: string | null) =>
      (await mustQuery(suite.gateway, op('MouRenewalPipeline'), { municipalityId: kotamobagu, first: 3, after }, ACTORS.admin)).mouRenewalPipeline.find(
        (s: { status: string }) => s.status === 'RENEWAL_DUE',
      );
    const firstPage = await stage(null);
    expect(firstPage).toMatchObject({ count: 5, mous: { pageInfo: { hasNextPage: true } } });
    const secondPage = await stage(firstPage.mous.pageInfo.endCursor);
    expect(secondPage.mous.pageInfo.hasNextPage).toBe(false);
    expect([...firstPage.mous.nodes, ...secondPage.mous.nodes].map((m: { id: string }) => m.id).sort()).toEqual([...ids].sort());
  });
});

describe('budget alarms', () => {
  it('are stored at 80% committed and again when the line runs out before the fiscal year ends, once each', async () => {
    const pontianak = await cityId('61.71');
    const year = Number(today().slice(0, 4));
    const months = 13 - Number(today().slice(5, 7));
    // Two RT/RW heads from this month to December cost 2 × 16,800 × months: about 85% of the line.
    const budget = Math.ceil((2 * 16_800 * months) / 0.85);
    const { createMou } = await mustQuery(
      suite.gateway,
      op('CreateMou'),
      { input: mouTerms(pontianak, `${year}-01-01`, `${year}-12-31`, { budgetLines: [{ fiscalYear: year, amount: String(budget) }] }) },
      ACTORS.admin,
    );
    const mouId = createMou.id as string;
    await signBoth(suite.gateway, mouId);
    const operator: Identity = { subject: 'operator.pontianak', roles: ['city_operator'], cities: ['61.71'], clientId: null };
    const manager: Identity = { subject: 'manager.pontianak', roles: ['manager'], cities: ['61.71'], clientId: null };
    const person = (i: number) => ({ ...SITI, mouId, nik: `617101010190${1000 + i}`, fullName: `Ketua RT ${i}`, birthDate: '1990-01-01', sex: 'M', occupationGroup: 'RT_RW_HEAD' });
    const addendum = (n: number) => ({ mouId, effectiveFrom: today(), signedOn: today(), reason: `Addendum ${n}`, quota: 8477 - n });
    const alarms = async () =>
      ((await mustQuery(suite.gateway, op('Notifications'), { mouId }, manager)).notifications as { kind: string; details: string; title: string }[])
        .filter((n) => n.kind === 'BUDGET_ALARM')
        .map((n) => ({ ...JSON.parse(n.details), title: n.title }));

    for (const i of [1, 2]) await mustQuery(suite.gateway, op('EnrolParticipant'), { input: person(i) }, operator);
    // Any step of the MoU's workflow checks the budget (here an addendum); the check is also periodic.
    await mustQuery(suite.gateway, op('AddMouAddendum'), { input: addendum(1) }, ACTORS.admin);
    expect(await alarms()).toEqual([expect.objectContaining({ level: 'COMMITTED_80', fiscalYear: year, title: expect.stringContaining('% committed') })]);
    await mustQuery(suite.gateway, op('AddMouAddendum'), { input: addendum(2) }, ACTORS.admin);
    expect(await alarms()).toHaveLength(1);

    await mustQuery(suite.gateway, op('EnrolParticipant'), { input: person(3) }, operator);
    await mustQuery(suite.gateway, op('AddMouAddendum'), { input: addendum(3) }, ACTORS.admin);
    const [line] = (await mustQuery(suite.gateway, op('MouBudgetUtilisation'), { mouId }, manager)).mouBudgetUtilisation;
    expect(line.projectedRunOut).not.toBeNull();
    const raised = await alarms();
    expect(raised).toHaveLength(2);
    expect(raised).toContainEqual(expect.objectContaining({ level: 'RUN_OUT', projectedRunOut: line.projectedRunOut, committed: line.committed, budget: String(budget) }));
    // Administrators hear of it too; Metro's manager does not.
    const rows = (await suite.db.query(`SELECT recipient_role FROM municipalities.notification WHERE mou_id = $1 AND kind = 'BUDGET_ALARM' ORDER BY recipient_role`, [mouId])).rows;
    expect(rows.map((r) => r.recipient_role)).toEqual(['admin', 'admin', 'manager', 'manager']);
    expect((await mustQuery(suite.gateway, op('Notifications'), { mouId }, ACTORS.manager)).notifications).toEqual([]);
  });
});
