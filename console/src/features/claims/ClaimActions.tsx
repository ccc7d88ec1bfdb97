import { Alert, Button, Card, List, Select, Stack, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useMutation } from 'urql';
import { useSession } from '../../auth/useSession';
import { ConsoleApproveClaimDocument, ConsoleRejectClaimDocument, ConsoleVerifyClaimDocument, type ConsoleClaimQuery } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatRupiah } from '../../lib/format';
import { ErrorState } from '../../ui/States';
import { claimActions, type ClaimActionName } from './claimActions';

const REASONS = ['NOT_COVERED', 'DOCUMENTS_INCOMPLETE', 'DOCUMENTS_INVALID', 'NOT_HEIR', 'DUPLICATE', 'FRAUD_SUSPECTED', 'OTHER'];

type Claim = NonNullable<ConsoleClaimQuery['claim']>;

/** The steps this person may take now; each step that is not offered says why. */
export function ClaimActions({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const { t } = useLang();
  const { session, config } = useSession();
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<string | null>(null);
  const [verify, doVerify] = useMutation(ConsoleVerifyClaimDocument);
  const [approve, doApprove] = useMutation(ConsoleApproveClaimDocument);
  const [reject, doReject] = useMutation(ConsoleRejectClaimDocument);
  const states = claimActions(
    { status: claim.status, submittedBy: claim.submittedBy, verifiedBy: claim.verifiedBy, total: claim.benefit.total },
    session,
    config.supervisorThreshold,
  );
  const error = verify.error ?? approve.error ?? reject.error;
  const closed = claim.status === 'PAID' || claim.status === 'REJECTED';
  const after = (result: Promise<{ error?: unknown }>) => void result.then((r) => !r.error && (setNote(''), onDone()));
  const refused = (Object.entries(states) as [ClaimActionName, (typeof states)[ClaimActionName]][]).flatMap(([action, s]) =>
    s.allowed ? [] : s.reasons.filter((r) => r !== 'status').map((reason) => ({ action, reason })),
  );

  return (
    <Card withBorder data-testid="claim-actions">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('claim.actions')}
        </Title>
        {closed ? <Alert color="gray">{t('claim.done')}</Alert> : null}
        {error ? <ErrorState error={error} /> : null}
        {!closed && (states.verify.allowed || states.approve.allowed || states.reject.allowed) ? (
          <Textarea label={t('claim.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxLength={2000} />
        ) : null}
        {states.verify.allowed ? (
          <Button loading={verify.fetching} onClick={() => after(doVerify({ claimId: claim.id, note: note || null }))}>
            {t('claim.verify')}
          </Button>
        ) : null}
        {states.approve.allowed ? (
          <Button color="teal.8" loading={approve.fetching} onClick={() => after(doApprove({ claimId: claim.id, note: note || null }))}>
            {t('claim.approve')}
          </Button>
        ) : null}
        {states.reject.allowed ? (
          <Stack gap={4}>
            <Select label={t('claim.reason')} data={REASONS.map((r) => ({ value: r, label: t(`claim.rejectReasons.${r}`) }))} value={reason} onChange={setReason} />
            <Button
              color="red.8"
              variant="outline"
              disabled={!reason}
              loading={reject.fetching}
              onClick={() => reason && after(doReject({ claimId: claim.id, reasonCode: reason, note: note || null }))}
            >
              {t('claim.reject')}
            </Button>
          </Stack>
        ) : null}
        {!closed && refused.length > 0 ? (
          <Alert color="yellow" title={t('claim.notOffered')} data-testid="not-offered">
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
