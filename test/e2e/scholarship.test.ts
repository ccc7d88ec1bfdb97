import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueDevToken } from '../../services/kit/src/identity.js';
import { readSecrets } from '../../services/kit/src/secrets.js';
import type { Identity } from '../../services/kit/src/identity.js';
import { errorCode, mustQuery } from '../harness/graphql.js';
import { until, useTestSystem } from '../harness/suite.js';
import { op } from '../fixtures/operations.js';
import { settled } from '../fixtures/claims-city.js';
import { ACTORS, cityWithActiveMou, completeDocuments, jkmClaim, metroToday, SITI } from '../fixtures/scenario.js';

// The JKM scholarship paid, through the gateway: a death after more than 3 years of membership
// with two children pays both children's first school year with the claim; the next year waits
// for its school certificate and is paid once a caseworker verified it; an entitlement a
// caseworker ends pays nothing more; a membership under 3 years gets no scholarship. The claims
// service reads the schedule on `scholarshipDay` (the real day when null) and the workflow looks
// at it every 300 ms, so a school year passes when the test says so. The enrolment's start is
// moved back in the database, as the billing acceptance does.
let scholarshipDay: string | null = null;
process.env['LINDUNG_STORAGE_DIR'] = mkdtempSync(join(tmpdir(), 'lindung-scholarship-files-'));
const suite = useTestSystem('scholarship', {
  claimsScholarshipClock: { now: () => (scholarshipDay ? new Date(`${scholarshipDay}T03:00:00Z`) : new Date()), recheckMs: 300 },
});
const q = (name: string, variables: Record<string, unknown>, who: Identity = ACTORS.supervisor) => mustQuery(suite.gateway, op(name), variables, who);
const m = (name: string, variables: Record<string, unknown>, who: Identity) => settled(suite.gateway, name, variables, who);

const account = (n: string) => ({ bankName: 'BNI', bankAccount: n, accountHolder: 'Budi Santoso' });
const FAMILY = [
  { name: 'Budi Santoso', relationship: 'SPOUSE', phone: '081234567890', ...account('0123456789012') },
  { name: 'Rina Santoso', relationship: 'CHILD', birthDate: '2014-05-01', educationLevel: 'SMP', ...account('0123456789013') },
  { name: 'Sari Santoso', relationship: 'CHILD', birthDate: '2018-02-01', educationLevel: 'TK_SD', ...account('0123456789014') },
];
const CERTIFICATE = { storageKey: 'claim-documents/rapor-2027.pdf', checksum: `sha256:${'b'.repeat(64)}`, fileName: 'rapor-2027.pdf' };
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('1 0 obj << /Type /Catalog >> endobj\n'.repeat(20)), Buffer.from('%%EOF\n')]);

/** The claim document upload path, as the console sends a scanned certificate. */
async function uploadCertificate(claimId: string, who: Identity = ACTORS.verifier): Promise<Response> {
  const token = await issueDevToken(who, readSecrets().jwtSecret!);
  return fetch(`${new URL(suite.gateway).origin}/claims/${claimId}/documents/SCHOOL_CERTIFICATE?fileName=rapor.pdf`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
    body: new Uint8Array(PDF),
  });
}

type Instalment = {
  heirId: string;
  childName: string;
  certificateVerifiedBy: string | null;
  instalment: number;
  schoolYear: number;
  level: string;
  amount: string;
  dueOn: string;
  status: string;
  payoutStatus: string | null;
  paidAt: string | null;
};
const scholarshipOf = async (claimId: string) => (await q('ClaimScholarship', { id: claimId })).claim.scholarshipSchedule;
const instalmentsOf = async (claimId: string): Promise<Instalment[]> => (await scholarshipOf(claimId)).instalments;
const year = (list: Instalment[], child: string, schoolYear: number) => list.find((i) => i.childName === child && i.schoolYear === schoolYear)!;

let serial = 700;
let mouId: string;
beforeAll(async () => {
  mouId = (await cityWithActiveMou(suite.gateway, '18.72')).mouId;
});

async function paidJkmClaim(membershipFrom: string | null): Promise<string> {
  serial++;
  const input = { mouId, ...SITI, nik: `18720145068${String(serial).padStart(5, '0')}`, fullName: `Peserta ${serial}` };
  const participantId = (await m('EnrolParticipant', { input }, ACTORS.operator)).enrolParticipant.participant.id as string;
  if (membershipFrom) {
    await suite.db.query(`UPDATE participants.enrolment SET coverage_from = $2 WHERE id = $1`, [participantId, membershipFrom]);
    await suite.db.query(`UPDATE participants.enrolment_status_period SET valid_from = $2 WHERE enrolment_id = $1`, [participantId, membershipFrom]);
    await suite.db.query(`UPDATE municipalities.quota_reservation SET starts_on = $2 WHERE participant_id = $1`, [participantId, membershipFrom]);
  }
  const claimId = (await m('SubmitClaim', { input: { ...jkmClaim(participantId), heir: null, heirs: FAMILY } }, ACTORS.caseworker)).submitClaim.id as string;
  await completeDocuments(suite.gateway, claimId);
  await m('VerifyClaimDocuments', { claimId }, ACTORS.verifier);
  await m('ApproveClaim', { claimId }, ACTORS.supervisor);
  await until(`claim ${claimId} PAID`, async () => ((await q('ClaimScholarship', { id: claimId })).claim.status === 'PAID' ? true : undefined));
  return claimId;
}

describe('the JKM scholarship, paid', () => {
  const today = metroToday();
  const firstYear = Number(today.slice(0, 4));
  let claimId: string;

  it('pays both children’s first school year with the claim, each once, with its ledger entries', async () => {
    claimId = await paidJkmClaim(`${firstYear - 4}-01-01`);
    const paidFirst = await until('first scholarship years paid', async () => {
      const list = await instalmentsOf(claimId);
      return list.filter((i) => i.schoolYear === firstYear && i.status === 'PAID').length === 2 ? list : undefined;
    });
    const schedule = await scholarshipOf(claimId);
    expect(schedule).toMatchObject({ entitled: true, ruleVersion: 'JKM/PP-82-2019', paidTotal: '3500000' });
    expect(year(paidFirst, 'Rina Santoso', firstYear)).toMatchObject({ level: 'SMP', amount: '2000000', instalment: 2, dueOn: today, payoutStatus: 'SENT' });
    expect(year(paidFirst, 'Sari Santoso', firstYear)).toMatchObject({ level: 'TK_SD', amount: '1500000', instalment: 2, payoutStatus: 'SENT' });
    expect(year(paidFirst, 'Rina Santoso', firstYear + 1)).toMatchObject({ status: 'SCHEDULED', dueOn: `${firstYear + 1}-07-01` });
    expect(BigInt(schedule.total)).toBe(paidFirst.reduce((sum, i) => sum + BigInt(i.amount), 0n));
    expect(schedule.children.map((c: any) => [c.name, c.paidTotal])).toEqual([
      ['Rina Santoso', '2000000'],
      ['Sari Santoso', '1500000'],
    ]);

    // One payout line per (claim, heir, instalment): each child's cash share (1) and first year (2).
    const heirPayouts = (await q('ClaimPayouts', { id: claimId })).claim.heirPayouts as { heirId: string; instalment: number; amount: string }[];
    const rina = year(paidFirst, 'Rina Santoso', firstYear).heirId;
    expect(heirPayouts.filter((p) => p.heirId === rina).map((p) => [p.instalment, p.amount])).toEqual([
      [1, '14000000'],
      [2, '2000000'],
    ]);
    const { journal } = await q('Journal', { regionCode: '18.72', first: 100 });
    const entries = journal.nodes.filter((e: any) => e.claimId === claimId);
    const debits = (kind: string) => entries.filter((e: any) => e.kind === kind).map((e: any) => e.lines.find((l: any) => l.side === 'DEBIT').amount);
    expect(debits('BENEFIT_APPROVED').sort()).toEqual(['1500000', '2000000', '42000000']);
    expect(debits('PAYOUT_SENT').sort()).toEqual(['14000000', '14000000', '14000000', '1500000', '2000000']);
    expect(entries.filter((e: any) => e.memo.startsWith('Scholarship'))).toHaveLength(2);
  });

  it('waits for the next year’s school certificate, and pays that year once a caseworker verified it', async () => {
    // The first year needs no certificate: it was paid with the claim.
    const rina = year(await instalmentsOf(claimId), 'Rina Santoso', firstYear).heirId;
    expect((await errorCode(suite.gateway, op('VerifySchoolCertificate'), { input: { claimId, heirId: rina, schoolYear: firstYear, ...CERTIFICATE } }, ACTORS.verifier)).code).toBe(
      'INVALID_TRANSITION',
    );

    scholarshipDay = `${firstYear + 1}-07-02`;
    const waiting = await until('next school year awaiting certificates', async () => {
      const list = await instalmentsOf(claimId);
      return list.filter((i) => i.schoolYear === firstYear + 1 && i.status === 'AWAITING_CERTIFICATE').length === 2 ? list : undefined;
    });
    expect(year(waiting, 'Rina Santoso', firstYear + 1).payoutStatus).toBeNull();

    // The scan goes up through the claim document upload path; the caseworker then records it as verified for the child and year.
    const uploaded = await uploadCertificate(claimId);
    expect(uploaded.status).toBe(201);
    const { schoolCertificate } = ((await uploaded.json()) as { data: { schoolCertificate: { storageKey: string; checksum: string; fileName: string } } }).data;
    expect(schoolCertificate).toMatchObject({ checksum: `sha256:${createHash('sha256').update(PDF).digest('hex')}`, fileName: 'rapor.pdf' });
    const file = { storageKey: schoolCertificate.storageKey, checksum: schoolCertificate.checksum, fileName: schoolCertificate.fileName };
    const verified = (await m('VerifySchoolCertificate', { input: { claimId, heirId: rina, schoolYear: firstYear + 1, ...file } }, ACTORS.verifier)).verifySchoolCertificate;
    expect(year(verified.scholarshipSchedule.instalments, 'Rina Santoso', firstYear + 1).certificateVerifiedBy).toBe(ACTORS.verifier.subject);
    const paid = await until('Rina’s second year paid', async () => {
      const list = await instalmentsOf(claimId);
      return year(list, 'Rina Santoso', firstYear + 1).status === 'PAID' ? list : undefined;
    });
    expect(year(paid, 'Rina Santoso', firstYear + 1)).toMatchObject({ amount: '2000000', instalment: 3, payoutStatus: 'SENT', paidAt: expect.any(String) });
    // The same certificate again (a retried request) changes nothing; Sari's year still waits for hers.
    await m('VerifySchoolCertificate', { input: { claimId, heirId: rina, schoolYear: firstYear + 1, ...file } }, ACTORS.verifier);
    expect(year(await instalmentsOf(claimId), 'Sari Santoso', firstYear + 1).status).toBe('AWAITING_CERTIFICATE');
    const heirPayouts = (await q('ClaimPayouts', { id: claimId })).claim.heirPayouts as { heirId: string; instalment: number }[];
    expect(heirPayouts.filter((p) => p.heirId === rina).map((p) => p.instalment)).toEqual([1, 2, 3]);
  });

  it('ends a child’s entitlement with a coded reason: her open years end and nothing more is paid to her', async () => {
    const sari = year(await instalmentsOf(claimId), 'Sari Santoso', firstYear).heirId;
    expect((await errorCode(suite.gateway, op('EndScholarship'), { input: { claimId, heirId: sari, reason: 'BORED' } }, ACTORS.verifier)).code).toBe('BAD_USER_INPUT');
    expect((await errorCode(suite.gateway, op('EndScholarship'), { input: { claimId, heirId: sari, reason: 'WORKING' } }, ACTORS.manager)).code).toBe('FORBIDDEN');

    const { endScholarship } = await m('EndScholarship', { input: { claimId, heirId: sari, reason: 'WORKING', note: 'Works at the market since June' } }, ACTORS.verifier);
    const hers = (endScholarship.scholarshipSchedule.instalments as Instalment[]).filter((i) => i.heirId === sari);
    expect(hers.map((i) => i.status)).toEqual(['PAID', ...hers.slice(1).map(() => 'ENDED')]);
    expect(endScholarship.scholarshipSchedule.children.find((c: any) => c.heirId === sari)).toMatchObject({ endedReason: 'WORKING', openTotal: '0', paidTotal: '1500000' });
    expect(
      (await errorCode(suite.gateway, op('VerifySchoolCertificate'), { input: { claimId, heirId: sari, schoolYear: firstYear + 1, ...CERTIFICATE } }, ACTORS.verifier)).code,
    ).toBe('INVALID_TRANSITION');

    // The ledger still balances, scholarship entries included.
    const { ledgerBalances } = await q('LedgerBalances', { regionCode: '18.72' }, ACTORS.manager);
    expect(ledgerBalances).toMatchObject({ balanced: true, totalDebits: ledgerBalances.totalCredits });
  });

  it('gives no scholarship when the membership was under 3 years at the death', async () => {
    scholarshipDay = null;
    const shortClaim = await paidJkmClaim(`${firstYear - 2}-01-01`);
    const schedule = await scholarshipOf(shortClaim);
    expect(schedule).toMatchObject({ entitled: false, reason: expect.stringMatching(/3 years/), instalments: [], paidTotal: '0' });
    const heirPayouts = (await q('ClaimPayouts', { id: shortClaim })).claim.heirPayouts as { instalment: number }[];
    expect(heirPayouts.map((p) => p.instalment)).toEqual([1, 1, 1]);
    const refused = await uploadCertificate(shortClaim);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('INVALID_TRANSITION');
  });
});
