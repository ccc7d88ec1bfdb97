import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../services/kit/src/identity.js';
import { errorCode, mustQuery } from '../harness/graphql.js';
import { startTestSystem, type TestSystem } from '../harness/system.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, enrol, jkmClaim, metroToday, metroWithActiveMou, SITI } from '../fixtures/scenario.js';

// Death notices from the civil registry (issue 15 item 9), through the gateway on real PostgreSQL
// and Temporal: participants match the NIK, the death-notice workflow opens a claim lead in the
// claims inbox, a caseworker converts it when the heirs file, or dismisses it with a reason.
let system: TestSystem;
let gateway: string;
let mouId: string;
const SORONG_CASEWORKER: Identity = { subject: 'caseworker.sorong', roles: ['caseworker'], cities: ['96.71'], clientId: null };
const NIKS = { siti: '1872014506800701', budi: '1872014506800702', other: '1872014506800703', unknown: '1872014506800799' };
const ids: Record<string, string> = {};

beforeAll(async () => {
  system = await startTestSystem('death-notices');
  gateway = system.gatewayUrl;
  mouId = (await metroWithActiveMou(gateway)).mouId;
  for (const [key, nik] of Object.entries(NIKS).filter(([key]) => key !== 'unknown')) {
    ids[key] = (await enrol(gateway, mouId, { ...SITI, nik, fullName: `Peserta ${key}` })).id;
  }
});
afterAll(async () => {
  await system?.stop();
});

const notices = (...list: [string, string][]) => list.map(([nik, dateOfDeath]) => ({ nik, dateOfDeath }));
const leadsOf = async (who: Identity) => (await mustQuery(gateway, op('ClaimLeads'), { filter: null }, who)).claimInbox.leads as any[];

describe('death notices from the civil registry', () => {
  let sitiLead: string;

  it('opens a claim lead for a covered person, once per person and date, and says why for the others', async () => {
    const today = metroToday();
    const { recordDeathNotices } = await mustQuery(
      gateway,
      op('RecordDeathNotices'),
      {
        notices: notices([NIKS.siti, today], [NIKS.unknown, today], [NIKS.budi, '2001-01-01'], ['123', today], [NIKS.budi, today]),
        source: 'registry-extract',
      },
      ACTORS.admin,
    );
    expect(recordDeathNotices.map((r: any) => [r.line, r.outcome])).toEqual([
      [1, 'LEAD_OPENED'],
      [2, 'UNKNOWN_PERSON'],
      [3, 'NOT_COVERED'],
      [4, 'INVALID'],
      [5, 'LEAD_OPENED'],
    ]);
    expect(recordDeathNotices[0]).toMatchObject({ participantId: ids['siti'], nikMasked: expect.not.stringContaining(NIKS.siti) });
    sitiLead = recordDeathNotices[0].leadId;
    // The same extract again: nothing new.
    const again = await mustQuery(gateway, op('RecordDeathNotices'), { notices: notices([NIKS.siti, today]) }, ACTORS.admin);
    expect(again.recordDeathNotices[0]).toMatchObject({ outcome: 'ALREADY_KNOWN', leadId: sitiLead });
    const counted = (await system.services.claims.deps.dataSource.query(`SELECT count(*)::int AS n FROM claims.claim_lead`)) as { n: number }[];
    expect(counted[0]?.n).toBe(2);
  });

  it('shows the leads in the claims inbox of the city, with the person, city and date of death', async () => {
    const leads = await leadsOf(ACTORS.caseworker);
    expect(leads.find((l) => l.id === sitiLead)).toMatchObject({
      kind: 'LEAD',
      status: 'OPEN',
      regionCode: '18.72',
      dateOfDeath: metroToday(),
      source: 'registry-extract',
      participant: { id: ids['siti'], fullName: 'Peserta siti' },
    });
    expect(leads).toHaveLength(2);
    expect(await leadsOf(SORONG_CASEWORKER)).toEqual([]);
    expect(await errorCode(gateway, op('RecordDeathNotices'), { notices: notices([NIKS.other, metroToday()]) }, ACTORS.caseworker)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('converts a lead into the claim the heirs filed, only for the same participant and only once', async () => {
    const claimFor = async (key: string) => (await mustQuery(gateway, op('SubmitClaim'), { input: jkmClaim(ids[key]!, metroToday()) }, ACTORS.caseworker)).submitClaim.id as string;
    const otherClaim = await claimFor('other');
    expect(await errorCode(gateway, op('ConvertClaimLead'), { leadId: sitiLead, claimId: otherClaim }, ACTORS.caseworker)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'claimId',
    });
    expect(await errorCode(gateway, op('ConvertClaimLead'), { leadId: sitiLead, claimId: otherClaim }, SORONG_CASEWORKER)).toMatchObject({ code: 'NOT_FOUND', field: 'leadId' });
    const sitiClaim = await claimFor('siti');
    const { convertClaimLead } = await mustQuery(gateway, op('ConvertClaimLead'), { leadId: sitiLead, claimId: sitiClaim }, ACTORS.caseworker);
    expect(convertClaimLead).toMatchObject({ kind: 'LEAD', status: 'CONVERTED', claimId: sitiClaim });
    expect(await errorCode(gateway, op('ConvertClaimLead'), { leadId: sitiLead, claimId: sitiClaim }, ACTORS.caseworker)).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await leadsOf(ACTORS.caseworker)).map((l) => l.id)).not.toContain(sitiLead);
  });

  it('dismisses a lead only with a reason, and audits both', async () => {
    const [budiLead] = (await leadsOf(ACTORS.caseworker)).filter((l) => l.participant.id === ids['budi']);
    expect(await errorCode(gateway, op('DismissClaimLead'), { leadId: budiLead.id, reason: '  ' }, ACTORS.caseworker)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const { dismissClaimLead } = await mustQuery(gateway, op('DismissClaimLead'), { leadId: budiLead.id, reason: 'Registry error: alive, met at the branch' }, ACTORS.caseworker);
    expect(dismissClaimLead).toMatchObject({ status: 'DISMISSED', dismissedReason: 'Registry error: alive, met at the branch' });
    expect(await leadsOf(ACTORS.caseworker)).toEqual([]);
    const audits = (await system.services.claims.deps.dataSource.query(`SELECT action, actor FROM claims.audit_event WHERE entity_type = 'ClaimLead' ORDER BY id`)) as {
      action: string;
      actor: string;
    }[];
    expect(audits.map((a) => a.action)).toEqual(['claim.lead.open', 'claim.lead.open', 'claim.lead.convert', 'claim.lead.dismiss']);
    expect(audits[0]!.actor).toBe('admin.bpjs');
  });
});
