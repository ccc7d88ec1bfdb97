import { Alert, Button, Card, List, Select, Stack, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useMutation } from 'urql';
import { useSession } from '../../auth/useSession';
import {
  ConsoleApproveClaimDocument,
  ConsoleCancelClaimDocument,
  ConsoleRejectClaimDocument,
  ConsoleReopenClaimDocument,
  ConsoleRequestClaimDocumentsDocument,
  ConsoleResubmitClaimDocumentsDocument,
  ConsoleVerifyClaimDocument,
  type ConsoleClaimQuery,
} from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatRupiah } from '../../lib/format';
import { ErrorState } from '../../ui/States';
import { CLAIM_ACTION_NAMES, claimActions, type ClaimActionName } from './claimActions';

const REASONS = ['NOT_COVERED', 'DOCUMENTS_INCOMPLETE', 'DOCUMENTS_INVALID', 'NOT_HEIR', 'DUPLICATE', 'FRAUD_SUSPECTED', 'OTHER'];
/** Steps the API refuses without a note (it says which documents, or why). */
const NEEDS_NOTE: readonly ClaimActionName[] = ['requestDocuments', 'cancel', 'reopen'];
const COLOURS: Partial<Record<ClaimActionName, string>> = { approve: 'teal.9', reject: 'red.9', cancel: 'red.9' };

type Claim = NonNullable<ConsoleClaimQuery['claim']>;

/** The steps this person may take now; each step that is not offered says why. */
export function ClaimActions({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const { t } = useLang();
  const { session, config } = useSession();
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const [reason, setReason] = useState<string | null>(null);
  const [reasonMissing, setReasonMissing] = useState(false);
  const mutations = {
    verify: useMutation(ConsoleVerifyClaimDocument),
    approve: useMutation(ConsoleApproveClaimDocument),
    reject: useMutation(ConsoleRejectClaimDocument),
    requestDocuments: useMutation(ConsoleRequestClaimDocumentsDocument),
    resubmitDocuments: useMutation(ConsoleResubmitClaimDocumentsDocument),
    cancel: useMutation(ConsoleCancelClaimDocument),
    reopen: useMutation(ConsoleReopenClaimDocument),
  };
  const states = claimActions(
    {
      status: claim.status,
      submittedBy: claim.submittedBy,
      verifiedBy: claim.verifiedBy,
      total: claim.benefit.total,
      documents: claim.documents,
      pastApprovers: claim.timeline.filter((e) => e.action === 'APPROVE').map((e) => e.actor),
    },
    session,
    config.supervisorThreshold,
  );
  const offered = CLAIM_ACTION_NAMES.filter((name) => states[name].allowed);
  const error = CLAIM_ACTION_NAMES.map((name) => mutations[name][0].error).find(Boolean);
  const closed = ['PAID', 'REJECTED', 'CANCELLED'].includes(claim.status) && !states.reopen.allowed;
  const refused = CLAIM_ACTION_NAMES.flatMap((action) => {
    const s = states[action];
    return s.allowed ? [] : s.reasons.filter((r) => r !== 'status').map((reason) => ({ action, reason }));
  });

  const run = (action: ClaimActionName) => {
    const text = note.trim();
    setNoteMissing(NEEDS_NOTE.includes(action) && !text);
    setReasonMissing(action === 'reject' && !reason);
    if ((NEEDS_NOTE.includes(action) && !text) || (action === 'reject' && !reason)) return;
    const claimId = claim.id;
    const optional = text || null;
    const calls: Record<ClaimActionName, () => Promise<{ error?: unknown }>> = {
      verify: () => mutations.verify[1]({ claimId, note: optional }),
      approve: () => mutations.approve[1]({ claimId, note: optional }),
      reject: () => mutations.reject[1]({ claimId, reasonCode: reason ?? 'OTHER', note: optional }),
      requestDocuments: () => mutations.requestDocuments[1]({ claimId, note: text }),
      resubmitDocuments: () => mutations.resubmitDocuments[1]({ claimId, note: optional }),
      cancel: () => mutations.cancel[1]({ claimId, note: text }),
      reopen: () => mutations.reopen[1]({ claimId, reason: text }),
    };
    void calls[action]().then((r) => {
      if (r.error) return;
      setNote('');
      setReason(null);
      onDone();
    });
  };

  return (
    <Card withBorder data-testid="claim-actions">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('claim.actions')}
        </Title>
        {closed ? <Alert color="gray">{t('claim.done')}</Alert> : null}
        {error ? <ErrorState error={error} /> : null}
        {offered.length > 0 ? (
          <Textarea
            label={t('claim.note')}
            description={t('claim.noteHelp')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={noteMissing ? t('claim.noteNeeded') : undefined}
            autosize
            minRows={2}
            maxLength={2000}
          />
        ) : null}
        {states.reject.allowed ? (
          <Select
            label={t('claim.reason')}
            description={t('claim.reasonHelp')}
            data={REASONS.map((r) => ({ value: r, label: t(`claim.rejectReasons.${r}`) }))}
            value={reason}
            onChange={setReason}
            error={reasonMissing ? t('claim.reasonNeeded') : undefined}
          />
        ) : null}
        {offered.map((action) => (
          <Button
            key={action}
            color={COLOURS[action]}
            variant={action === 'reject' || action === 'cancel' ? 'outline' : action === 'verify' || action === 'approve' ? 'filled' : 'light'}
            loading={mutations[action][0].fetching}
            onClick={() => run(action)}
          >
            {t(`claim.${action}`)}
          </Button>
        ))}
        {refused.length > 0 ? (
          // Dark title on the yellow alert: Mantine's yellow title text is below the 4.5:1 contrast axe asks for.
          <Alert color="yellow" title={t('claim.notOffered')} data-testid="not-offered" styles={{ title: { color: 'var(--mantine-color-dark-7)' } }}>
            <List size="sm">
              {refused.map(({ action, reason }) => (
                <List.Item key={`${action}-${reason}`}>
                  {t(`claim.${action}`)}: {t(`claim.why.${reason}`, { threshold: formatRupiah(config.supervisorThreshold), total: formatRupiah(claim.benefit.total) })}
                </List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}
