import { op } from '../../test/fixtures/operations.js';
import { ACTORS, completeDocuments, enterPayoutAccount, jkmClaim, metroToday, metroWithActiveMou, mouTerms, signBoth } from '../../test/fixtures/scenario.js';
import { mustQuery } from '../../test/harness/graphql.js';

/** A Metro NIK for a woman born on a day derived from n, serial n (unique per n < 9000). */
export function metroPerson(n: number): Record<string, string> {
  const birth = new Date(Date.UTC(1975, 0, 1) + n * 86_400_000);
  const dd = String(birth.getUTCDate() + 40);
  const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
  const yy = String(birth.getUTCFullYear() % 100).padStart(2, '0');
  return {
    nik: `187201${dd}${mm}${yy}${String(n).padStart(4, '0')}`,
    fullName: `Peserta ${String(n).padStart(4, '0')}`,
    birthDate: birth.toISOString().slice(0, 10),
    sex: 'F',
    motherMaidenName: 'Sumarni',
    address: 'Jl. Ahmad Yani 1, Metro Pusat',
    occupationGroup: 'RELIGIOUS_TEACHER',
  };
}

/**
 * The city overview's data: Kota Metro with two ACTIVE MoUs of `perMou` participants each, every
 * participant with one paid JKM claim — through the API, as users would make it.
 */
export async function seedCityOverview(gateway: string, perMou: number): Promise<{ claimIds: string[]; niks: string[] }> {
  const first = await metroWithActiveMou(gateway);
  const year = metroToday().slice(0, 4);
  const { createMou } = await mustQuery(
    gateway,
    op('CreateMou'),
    { input: mouTerms(first.municipalityId, `${year}-01-01`, `${year}-12-31`, { quota: 2000, groups: [{ group: 'RELIGIOUS_TEACHER', quota: 2000 }] }) },
    ACTORS.admin,
  );
  await signBoth(gateway, createMou.id);
  const claimIds: string[] = [];
  const niks: string[] = [];
  let n = 1;
  for (const mouId of [first.mouId, createMou.id as string]) {
    for (let i = 0; i < perMou; i++, n++) {
      const person = metroPerson(n);
      niks.push(person['nik']!);
      const { enrolParticipant } = await mustQuery(gateway, op('EnrolParticipant'), { input: { mouId, ...person } }, ACTORS.operator);
      const { submitClaim } = await mustQuery(gateway, op('SubmitClaim'), { input: jkmClaim(enrolParticipant.participant.id) }, ACTORS.caseworker);
      await completeDocuments(gateway, submitClaim.id);
      await mustQuery(gateway, op('VerifyClaimDocuments'), { claimId: submitClaim.id }, ACTORS.verifier);
      await enterPayoutAccount(gateway, submitClaim.id);
      await mustQuery(gateway, op('ApproveClaim'), { claimId: submitClaim.id }, ACTORS.supervisor);
      claimIds.push(submitClaim.id);
    }
  }
  return { claimIds, niks };
}
