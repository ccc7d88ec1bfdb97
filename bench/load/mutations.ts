import { op } from '../../test/fixtures/operations.js';
import { completeDocumentsOk, gql, graphqlOk } from '../lib/http.js';
import type { Phases } from '../lib/load-process.js';
import { summarise, type LatencyStats } from '../lib/stats.js';

export interface MutationArgs {
  gateway: string;
  mouId: string;
  /** Bearer headers per actor (four eyes: three different people). */
  headers: { operator: Record<string, string>; caseworker: Record<string, string>; verifier: Record<string, string>; supervisor: Record<string, string> };
  warmup: number;
  rounds: number;
  /** Offsets NIK serials so two runs against one database never collide. */
  serialBase: number;
}

export type MutationResult = Record<'enrol' | 'submit' | 'verify' | 'approve' | 'approvedToPaid', LatencyStats>;

/** A Metro NIK for a man born 1 Jan 1970 + n days, serial n: unique per round. */
function nikFor(n: number): { nik: string; birthDate: string } {
  const birth = new Date(Date.UTC(1970, 0, 1) + (n % 9000) * 86_400_000);
  const dd = String(birth.getUTCDate()).padStart(2, '0');
  const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
  const yy = String(birth.getUTCFullYear() % 100).padStart(2, '0');
  return { nik: `187201${dd}${mm}${yy}${String(n % 10_000).padStart(4, '0')}`, birthDate: birth.toISOString().slice(0, 10) };
}

/**
 * The caseworker journey at concurrency 1, step by step through the gateway: enrol a worker,
 * file a JKM claim, verify, approve, then the time until the workflow has paid it.
 */
export async function run(args: MutationArgs, phases: Phases): Promise<MutationResult> {
  const steps: Record<keyof MutationResult, number[]> = { enrol: [], submit: [], verify: [], approve: [], approvedToPaid: [] };
  const timed = async <T>(step: keyof MutationResult | null, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    if (step) steps[step].push(performance.now() - t0);
    return result;
  };
  const journey = async (n: number, record: boolean) => {
    const at = (step: keyof MutationResult) => (record ? step : null);
    const person = { mouId: args.mouId, ...nikFor(n), fullName: `Peserta ${n}`, sex: 'M', motherMaidenName: 'Sumarni', address: 'Jl. Ahmad Yani 1', occupationGroup: 'RT_RW_HEAD' };
    const enrolled = await timed(at('enrol'), () => graphqlOk(args.gateway, gql(op('EnrolParticipant'), { input: person }), args.headers.operator));
    const participantId = enrolled['enrolParticipant'].participant.id as string;
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10); // Metro's date (WIB)
    const claimInput = { participantId, program: 'JKM', incidentDate: today, heir: { name: 'Budi Santoso', relationship: 'SPOUSE', phone: '081234567890' } };
    const submitted = await timed(at('submit'), () => graphqlOk(args.gateway, gql(op('SubmitClaim'), { input: claimInput }), args.headers.caseworker));
    const claimId = submitted['submitClaim'].id as string;
    await completeDocumentsOk(args.gateway, claimId, args.headers.verifier, op);
    await timed(at('verify'), () => graphqlOk(args.gateway, gql(op('VerifyClaimDocuments'), { claimId }), args.headers.verifier));
    const account = { claimId, heirId: claimId, bankCode: '009', accountNumber: '0123456789', holderName: 'Budi Santoso' };
    await graphqlOk(args.gateway, gql(op('SetPayoutAccount'), { input: account }), args.headers.caseworker);
    await timed(at('approve'), () => graphqlOk(args.gateway, gql(op('ApproveClaim'), { claimId }), args.headers.supervisor));
    await timed(at('approvedToPaid'), async () => {
      for (let attempt = 0; attempt < 3000; attempt++) {
        const { claim } = await graphqlOk(args.gateway, gql(op('Claim'), { id: claimId }), args.headers.caseworker);
        if (claim.status === 'PAID') return;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      throw new Error(`claim ${claimId} was not paid within the polling budget`);
    });
  };
  for (let i = 0; i < args.warmup; i++) await journey(args.serialBase + i, false);
  await phases.measured(async () => {
    for (let i = 0; i < args.rounds; i++) await journey(args.serialBase + args.warmup + i, true);
  });
  return {
    enrol: summarise(steps.enrol),
    submit: summarise(steps.submit),
    verify: summarise(steps.verify),
    approve: summarise(steps.approve),
    approvedToPaid: summarise(steps.approvedToPaid),
  };
}
