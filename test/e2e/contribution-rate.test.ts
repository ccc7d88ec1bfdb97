import { describe, expect, it } from 'vitest';
import { monthOf } from '../../domain/contributions/billing-month.js';
import { mustQuery } from '../harness/graphql.js';
import { useTestSystem } from '../harness/suite.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, cityWithActiveMou, metroToday } from '../fixtures/scenario.js';

// One rate source (issue 14): the MoU's effective-dated group rate is what the enrolment states,
// what the invoice line charges and what the budget projection burns, also when a group's rate
// is not the standard Rp 16,800 (religious teachers with JHT: Rp 36,800).
const suite = useTestSystem('contribution-rate');

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
});
