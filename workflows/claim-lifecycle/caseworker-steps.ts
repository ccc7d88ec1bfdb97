import { setHandler } from '@temporalio/workflow';
import { checkApprovalAuthority } from '../../domain/claims/approval.js';
import { assertRejectionReason, checkApprover, nextStatus, type ClaimAction } from '../../domain/claims/claim-status.js';
import type { Mutex } from '../shared/mutex.js';
import { applyRule, callerFailure } from '../shared/rules.js';
import type { ClaimRecordActivities } from './claim-lifecycle.activities.js';
import {
  approveUpdate,
  rejectUpdate,
  verifyDocumentsUpdate,
  type ClaimCommand,
  type ClaimLifecycleInput,
  type ClaimProgress,
  type RejectCommand,
} from './claim-lifecycle.messages.js';
import type { ClaimState } from './claim-state.js';

/**
 * The caseworkers' Updates: verify documents, approve, reject. Each validator applies the rules
 * from domain/ so a refused action never reaches the history; accepted actions run one at a
 * time and re-check the rules after waiting their turn (a second approval loses there).
 */
export function handleCaseworkerSteps(input: ClaimLifecycleInput, state: ClaimState, claims: Pick<ClaimRecordActivities, 'recordTransition'>, turn: Mutex): void {
  const check = (action: ClaimAction, command: ClaimCommand | RejectCommand) =>
    applyRule(() => {
      nextStatus(state.progress.status, action);
      if (action === 'APPROVE') {
        checkApprover({ approver: command.actor, submitter: input.submittedBy, verifier: state.progress.verifiedBy });
        checkApprovalAuthority(command, state.benefitTotal, BigInt(input.supervisorThreshold));
      }
      if (action === 'REJECT') assertRejectionReason((command as RejectCommand).reasonCode, 'reasonCode');
    });

  const act = (action: ClaimAction, command: ClaimCommand | RejectCommand): Promise<ClaimProgress> =>
    turn.runExclusive(async () => {
      try {
        check(action, command);
        const from = state.progress.status;
        const to = nextStatus(from, action);
        const reasonCode = action === 'REJECT' ? (command as RejectCommand).reasonCode : null;
        const actor = { subject: command.actor, roles: command.roles, cities: command.cities, clientId: null, requestId: command.requestId };
        await claims.recordTransition({ claimId: input.claimId, action, from, to, actor, reasonCode, note: command.note });
        state.progress.status = to;
        if (action === 'VERIFY_DOCUMENTS') state.progress.verifiedBy = command.actor;
        if (action === 'APPROVE') state.progress.approvedBy = command.actor;
        return { ...state.progress };
      } catch (error) {
        throw callerFailure(error);
      }
    });

  setHandler(verifyDocumentsUpdate, (command) => act('VERIFY_DOCUMENTS', command), { validator: (command) => check('VERIFY_DOCUMENTS', command) });
  setHandler(approveUpdate, (command) => act('APPROVE', command), { validator: (command) => check('APPROVE', command) });
  setHandler(rejectUpdate, (command) => act('REJECT', command), { validator: (command) => check('REJECT', command) });
}
