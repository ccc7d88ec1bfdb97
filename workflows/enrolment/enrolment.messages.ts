import type { Actor, CityScope } from '../../domain/access.js';
import type { OccupationGroup, Sex } from '../../domain/participants/occupation.js';
import type { TaskQueues } from '../contracts/task-queues.js';

export const ENROLMENT_WORKFLOW = 'enrolParticipant';

export interface EnrolmentRequest {
  participantId: string;
  mouId: string;
  /** Encrypted by the participants service: no plain NIK in Temporal's history. */
  nikCiphertext: string;
  nikIndex: string;
  fullName: string;
  birthDate: string;
  sex: Sex;
  motherMaidenName: string;
  address: string;
  occupationGroup: OccupationGroup;
  /** Rupiah as digits: the BPU income basis; absent: the minimum basis (Rp 1,000,000, the city package). */
  declaredMonthlyIncome?: string;
  enrolledBy: string;
  /** The enrolling person's cities: an MoU elsewhere is as good as absent. */
  cities: CityScope;
  /** Who asked, for the audit log. */
  actor: Actor;
  queues: TaskQueues;
}

export interface EnrolmentWarning {
  code: string;
  message: string;
}

export interface EnrolmentOutcome {
  participantId: string;
  warnings: EnrolmentWarning[];
}

export type EnrolmentWorkflow = (request: EnrolmentRequest) => Promise<EnrolmentOutcome>;

/**
 * A business id: one person (by NIK blind index) under one MoU. While an enrolment of that
 * person under that MoU runs, Temporal itself refuses a second start.
 */
export function enrolmentWorkflowId(mouId: string, nikIndex: string): string {
  return `enrolment/${mouId}/${nikIndex}`;
}
