import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { assertBalanced } from '../ledger/journal.js';
import { jkmScholarshipFor } from './jkm.js';
import { assertCertificateAccepted, assertScholarshipEndReason, assertSchoolYear, instalmentStatusOn, scholarshipDueEntry, scholarshipInstalments } from './scholarship-payouts.js';

const children = [
  { heirId: 'h-ayu', name: 'Ayu' },
  { heirId: 'h-bima', name: 'Bima' },
];

describe('scholarshipInstalments', () => {
  const entitlement = jkmScholarshipFor({
    incidentDate: '2026-03-14',
    membershipFrom: '2023-03-14',
    children: [
      { name: 'Ayu', birthDate: '2010-05-01', level: 'SMA', yearsDone: 1 },
      { name: 'Bima', birthDate: '2016-02-01', level: 'TK_SD', yearsDone: 6 },
    ],
  });
  const plans = scholarshipInstalments(entitlement.schedule, children, '2026-04-02');

  it('numbers each child’s years from instalment 2 (1 is the cash benefit share) and pays the first year with the claim', () => {
    const ayu = plans.filter((p) => p.heirId === 'h-ayu');
    expect(ayu.map((p) => [p.instalment, p.schoolYear, p.level, p.amount, p.dueOn, p.needsCertificate])).toEqual([
      [2, 2026, 'SMA', 3_000_000n, '2026-04-02', false],
      [3, 2027, 'SMA', 3_000_000n, '2027-07-01', true],
      [4, 2028, 'UNIVERSITY', 12_000_000n, '2028-07-01', true],
      [5, 2029, 'UNIVERSITY', 12_000_000n, '2029-07-01', true],
      [6, 2030, 'UNIVERSITY', 12_000_000n, '2030-07-01', true],
      [7, 2031, 'UNIVERSITY', 12_000_000n, '2031-07-01', true],
      [8, 2032, 'UNIVERSITY', 12_000_000n, '2032-07-01', true],
    ]);
    expect(
      plans
        .filter((p) => p.heirId === 'h-bima')
        .slice(0, 3)
        .map((p) => [p.instalment, p.level, p.amount]),
    ).toEqual([
      [2, 'TK_SD', 1_500_000n],
      [3, 'TK_SD', 1_500_000n],
      [4, 'SMP', 2_000_000n],
    ]);
    expect(plans.reduce((sum, p) => sum + p.amount, 0n)).toBe(entitlement.total);
  });

  it('refuses a schedule naming a child who is not an heir', () => {
    expect(() => scholarshipInstalments(entitlement.schedule, children.slice(0, 1), '2026-04-02')).toThrow(DomainError);
  });
});

describe('instalmentStatusOn', () => {
  const later = { status: 'SCHEDULED' as const, dueOn: '2027-07-01', needsCertificate: true, certificateVerified: false };
  it.each([
    ['2027-06-30', later, 'SCHEDULED'],
    ['2027-07-01', later, 'AWAITING_CERTIFICATE'],
    ['2027-07-01', { ...later, certificateVerified: true }, 'READY'],
    ['2027-06-30', { ...later, certificateVerified: true }, 'SCHEDULED'],
    ['2026-04-02', { ...later, dueOn: '2026-04-02', needsCertificate: false }, 'READY'],
    ['2030-01-01', { ...later, status: 'ENDED' as const }, 'ENDED'],
    ['2030-01-01', { ...later, status: 'PAID' as const }, 'PAID'],
  ])('on %s', (today, instalment, status) => {
    expect(instalmentStatusOn(instalment, today)).toBe(status);
  });
});

describe('rules around the instalments', () => {
  it('accepts only coded end reasons', () => {
    expect(assertScholarshipEndReason('MARRIED')).toBe('MARRIED');
    expect(() => assertScholarshipEndReason('BORED')).toThrow(/not a reason/);
  });

  it('takes school years as the year they start', () => {
    expect(assertSchoolYear(2027)).toBe(2027);
    for (const bad of [-1, 0, 1999, 2101, 2027.5]) expect(() => assertSchoolYear(bad)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('takes a certificate only for an open later year', () => {
    const open = { status: 'AWAITING_CERTIFICATE' as const, needsCertificate: true, schoolYear: 2027, childName: 'Ayu' };
    expect(() => assertCertificateAccepted(open)).not.toThrow();
    for (const closed of [
      { ...open, status: 'PAID' as const },
      { ...open, status: 'ENDED' as const },
      { ...open, needsCertificate: false },
    ]) {
      expect(() => assertCertificateAccepted(closed)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    }
  });

  it('books a due instalment as a balanced entry with its own event key', () => {
    const entry = scholarshipDueEntry({ claimId: 'c', heirId: 'h', instalment: 3 }, 'JKM-1', 2027, 3_000_000n);
    expect(entry.eventKey).toBe('scholarship:c/h/3');
    expect(() => assertBalanced(entry.lines)).not.toThrow();
  });
});
