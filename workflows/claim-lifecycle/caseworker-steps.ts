import { patched, setHandler } from '@temporalio/workflow';
import { checkApprovalAuthority } from '../../domain/claims/approval.js';
import { assertRejectionReason, checkApprover, nextStatus, type ClaimAction } from '../../domain/claims/claim-status.js';
import { DOCUMENT_TYPES, type DocumentType } from '../../domain/claims/documents.js';
import { DomainError } from '../../domain/errors.js';
import type { Mutex } from '../shared/mutex.js';
import { applyRule, callerFailure } from '../shared/rules.js';
import type { ClaimRecordActivities } from './claim-lifecycle.activities.js';
import {
  approveUpdate,
  cancelUpdate,
  rejectUpdate,
  requestDocumentsUpdate,
  resubmitDocumentsUpdate,
  verifyDocumentsUpdate,
  type ClaimCommand,
  type ClaimLifecycleInput,
  type ClaimProgress,
  type RejectCommand,
} from './claim-lifecycle.messages.js';
import type { ClaimState } from './claim-state.js';

/** Marks the steps added by issue 15 (document check, SLA clocks): histories recorded before replay without them. */
export const CLAIMS_COMPLETE_PATCH = 'claims-complete-documents-and-sla';

/**
 * Marks verification as one activity (documents check, transition, payment clock) instead of three
 * sequential ones: two task round trips less per verify. Older histories replay the three.
 */
export const VERIFY_IN_ONE_ACTIVITY_PATCH = 'claims-verify-in-one-activity';

type Claims = Pick<ClaimRecordActivities, 'recordTransition' | 'missingDocuments' | 'startSlaClock' | 'recordVerification'>;

function documentsIncomplete(missing: string[]): DomainError {
  const labels = missing.map((t) => DOCUMENT_TYPES[t as DocumentType] ?? t).join('; ');
  return new DomainError('INVALID_TRANSITION', `The documents are not complete: ${labels} still to be received and verified.`, 'documents', {
    reason: 'DOCUMENTS_INCOMPLETE',
  });
}

/**
 * The caseworkers' Updates: verify documents, request more and take them in again, approve,
 * reject, cancel. Each validator applies the rules from domain/ so a refused action never
 * reaches the history; accepted actions run one at a time and re-check the rules after waiting
 * their turn (a second approval loses there).
 */
export function handleCaseworkerSteps(input: ClaimLifecycleInput, state: ClaimState, claims: Claims, turn: Mutex): void {
  const check = (action: ClaimAction, command: ClaimCommand | RejectCommand) =>
    applyRule(() => {
      nextStatus(state.progress.status, action);
      if (action === 'APPROVE') {
        checkApprover({ approver: command.actor, submitter: input.submittedBy, verifier: state.progress.verifiedBy, pastApprovers: state.pastApprovers });
        checkApprovalAuthority(command, state.benefitTotal, BigInt(input.supervisorThreshold));
      }
      if (action === 'REJECT') assertRejectionReason((command as RejectCommand).reasonCode, 'reasonCode');
      if ((action === 'REQUEST_DOCUMENTS' || action === 'CANCEL') && !command.note?.trim()) {
        throw new DomainError('BAD_USER_INPUT', action === 'CANCEL' ? 'Say why the claim is cancelled (note).' : 'Say which documents the heir must bring (note).', 'note');
      }
    });

  const act = (action: ClaimAction, command: ClaimCommand | RejectCommand): Promise<ClaimProgress> =>
    turn.runExclusive(async () => {
      try {
        check(action, command);
        const actor = { subject: command.actor, roles: command.roles, cities: command.cities, clientId: null, requestId: command.requestId };
        if (action === 'VERIFY_DOCUMENTS' && patched(CLAIMS_COMPLETE_PATCH) && patched(VERIFY_IN_ONE_ACTIVITY_PATCH)) {
          const from = state.progress.status;
          const to = nextStatus(from, action);
          const outcome = await claims.recordVerification({ claimId: input.claimId, action, from, to, actor, reasonCode: null, note: command.note });
          if (outcome.missing.length > 0) throw documentsIncomplete(outcome.missing);
          state.progress.status = to;
          state.progress.verifiedBy = command.actor;
          state.clocks.PAYMENT = outcome.clock!;
          return { ...state.progress };
        }
        if (action === 'VERIFY_DOCUMENTS' && patched(CLAIMS_COMPLETE_PATCH)) {
          const missing = await claims.missingDocuments(input.claimId);
          if (missing.length > 0) throw documentsIncomplete(missing);
          check(action, command); // the state may have moved while we asked
        }
        const from = state.progress.status;
        const to = nextStatus(from, action);
        const reasonCode = action === 'REJECT' ? (command as RejectCommand).reasonCode : null;
        await claims.recordTransition({ claimId: input.claimId, action, from, to, actor, reasonCode, note: command.note });
        state.progress.status = to;
        if (action === 'VERIFY_DOCUMENTS') state.progress.verifiedBy = command.actor;
        if (action === 'APPROVE') state.progress.approvedBy = command.actor;
        if (action === 'VERIFY_DOCUMENTS' && patched(CLAIMS_COMPLETE_PATCH)) {
          // Documents complete: the payment clock starts (JKM: 3 working days).
          state.clocks.PAYMENT = await claims.startSlaClock({ claimId: input.claimId, step: 'PAYMENT' });
        }
        return { ...state.progress };
      } catch (error) {
        throw callerFailure(error);
      }
    });

  setHandler(verifyDocumentsUpdate, (command) => act('VERIFY_DOCUMENTS', command), { validator: (command) => check('VERIFY_DOCUMENTS', command) });
  setHandler(approveUpdate, (command) => act('APPROVE', command), { validator: (command) => check('APPROVE', command) });
  setHandler(rejectUpdate, (command) => act('REJECT', command), { validator: (command) => check('REJECT', command) });
  setHandler(requestDocumentsUpdate, (command) => act('REQUEST_DOCUMENTS', command), { validator: (command) => check('REQUEST_DOCUMENTS', command) });
  setHandler(resubmitDocumentsUpdate, (command) => act('RESUBMIT_DOCUMENTS', command), { validator: (command) => check('RESUBMIT_DOCUMENTS', command) });
  setHandler(cancelUpdate, (command) => act('CANCEL', command), { validator: (command) => check('CANCEL', command) });
}
