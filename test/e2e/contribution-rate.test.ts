import { describe, expect, it } from 'vitest';
import { monthOf } from '../../domain/contributions/billing-month.js';
import { mustQuery } from '../harness/graphql.js';
import { useTestSystem } from '../harness/suite.js';
import { op } from '../fixtures/operations.js';
import { billingClient, useStorageDir } from '../fixtures/billing.js';
import { ACTORS, cityWithActiveMou, metroToday } from '../fixtures/scenario.js';

// One rate source (issue 14): the MoU's effective-dated group rate is what the enrolment states,
// what the invoice line charges and what the budget projection burns, also when a group's rate
// is not the standard Rp 16,800 (religious teachers with JHT: Rp 36,800).
const suite = useTestSystem('contribution-rate');
useStorageDir();
const { importWorkers } = billingClient(suite);

describe('the MoU group rate is the one rate source', () => {
  it('the enrolment, the invoice and the budget burn agree on a non-standard group rate', async () => {
    const { mouId } = await cityWithActiveMou(suite.gateway, '71.74', {
      quota: 10,
      groups: [
        { group: 'RT_RW_HEAD', quota: 5 },
        { group: 'RELIGIOUS_TEACHER', quota: 5, monthlyContribution: '36800' },
      ],
    });
    const teacher = {
      mouId,
      nik: '7174014506800001',
      fullName: 'Nur Hidayah',
      birthDate: '1980-06-05',
      sex: 'F',
      motherMaidenName: 'Halimah',
      address: 'Jl. Adampe Dolot 1, Kotamobagu',
      occupationGroup: 'RELIGIOUS_TEACHER',
      // A declared income above the basis would imply Rp 26,800 by the BPU formula; the MoU's rate wins.
      declaredMonthlyIncome: '2000000',
    };
    const enrolled = (await mustQuery(suite.gateway, op('EnrolParticipant'), { input: teacher }, ACTORS.admin)).enrolParticipant.participant;
    const participant = (await mustQuery(suite.gateway, op('ParticipantHistory'), { id: enrolled.id, on: enrolled.coverageFrom }, ACTORS.admin)).participant;
    expect(participant.monthlyContribution).toBe('36800');

    const run = (await mustQuery(suite.gateway, op('RunBilling'), { mouId, month: monthOf(enrolled.coverageFrom) }, ACTORS.admin)).runBilling;
    expect(run).toMatchObject({ lines: 1, total: '36800' });
    const budget = (await mustQuery(suite.gateway, op('MouBudgetUtilisation'), { mouId }, ACTORS.admin)).mouBudgetUtilisation;
    expect(budget.find((l: { fiscalYear: number }) => l.fiscalYear === Number(metroToday().slice(0, 4))).monthlyBurn).toBe('36800');
  });

  it('a bulk import states each group’s own rate too', async () => {
    const { mouId } = await cityWithActiveMou(suite.gateway, '18.72', {
      quota: 20,
      groups: [
        { group: 'RT_RW_HEAD', quota: 10 },
        { group: 'RELIGIOUS_TEACHER', quota: 10, monthlyContribution: '36800' },
      ],
    });
    await importWorkers('18.72', mouId, 8, ACTORS.operator);
    const stated = (
      await suite.db.query(
        `SELECT occupation_group AS "group", monthly_contribution::text AS rate, count(*)::int AS n FROM participants.enrolment WHERE mou_id = $1 GROUP BY 1, 2 ORDER BY 1`,
        [mouId],
      )
    ).rows;
    expect(stated.map((r) => r.n).reduce((a, b) => a + b, 0)).toBe(8);
    for (const row of stated) expect(row.rate).toBe(row.group === 'RELIGIOUS_TEACHER' ? '36800' : '16800');
    expect(new Set(stated.map((r) => r.group))).toEqual(new Set(['RT_RW_HEAD', 'RELIGIOUS_TEACHER']));
  });
});
