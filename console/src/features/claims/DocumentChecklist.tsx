import { Badge, Button, Card, FileInput, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { useSession } from '../../auth/useSession';
import { asFileRouteError, downloadWithToken, FileRouteError, uploadClaimDocument } from '../../api/files';
import { ConsoleReviewClaimDocumentDocument, type ConsoleClaimQuery } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatInstant } from '../../lib/format';
import { ErrorState } from '../../ui/States';
import { documentActions } from './claimActions';

type Claim = NonNullable<ConsoleClaimQuery['claim']>;
const STATE_COLOURS: Record<string, string> = { PENDING: 'gray', RECEIVED: 'yellow', VERIFIED: 'green', REJECTED: 'red' };

/** The document checklist: mark each received, then verified or rejected with a reason the heir can act on. */
export function DocumentChecklist({ claim, timeZone, onDone }: { claim: Claim; timeZone: string; onDone: () => void }) {
  const { t, lang } = useLang();
  const { session } = useSession();
  const [editing, setEditing] = useState<{ type: string; mode: 'receive' | 'reject' } | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [reason, setReason] = useState('');
  const [uploading, setUploading] = useState(false);
  const [fileFailure, setFileFailure] = useState<FileRouteError | null>(null);
  const [reviewed, review] = useMutation(ConsoleReviewClaimDocumentDocument);
  // Keyboard users land in the form that just opened below the table.
  const firstField = useRef<HTMLButtonElement & HTMLTextAreaElement>(null);
  useEffect(() => firstField.current?.focus(), [editing]);
  const label = (type: string) => t(`documents.types.${type}`, { defaultValue: type });
  const open = (type: string, mode: 'receive' | 'reject') => {
    setEditing({ type, mode });
    setFile(null);
    setFileFailure(null);
    setReason('');
  };
  const finish = (result: { error?: unknown }) => {
    if (result.error) return;
    setEditing(null);
    onDone();
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    if (editing.mode === 'receive') {
      if (!file) return;
      setUploading(true);
      setFileFailure(null);
      uploadClaimDocument(session.token, claim.id, editing.type, file)
        .then(() => finish({}))
        .catch((error: unknown) => setFileFailure(asFileRouteError(error)))
        .finally(() => setUploading(false));
    } else {
      void review({ claimId: claim.id, type: editing.type, verified: false, reason: reason.trim() }).then(finish);
    }
  };
  const openFile = (path: string, name: string) => {
    setFileFailure(null);
    downloadWithToken(session.token, path, name).catch((error: unknown) => setFileFailure(asFileRouteError(error)));
  };
  const missing = claim.documents.filter((d) => d.required && d.state !== 'VERIFIED').length;

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t('documents.title')}
          </Title>
          <Text size="sm" data-testid="documents-missing">
            {missing === 0 ? t('documents.complete') : t('documents.missing', { count: missing })}
          </Text>
        </Group>
        <div style={{ overflowX: 'auto' }}>
          <Table data-testid="documents" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('documents.document')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>{t('documents.detail')}</Table.Th>
                <Table.Th>{t('claim.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {claim.documents.map((d) => {
                const can = documentActions(claim.status, d.state, session);
                return (
                  <Table.Tr key={d.type} data-document={d.type}>
                    <Table.Td>
                      <Text size="sm">{label(d.type)}</Text>
                      <Text size="xs" c="dimmed">
                        {d.required ? t('documents.required') : t('documents.optional')}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge
                        color={STATE_COLOURS[d.state]}
                        variant="light"
                        tt="none"
                        styles={{ root: { overflow: 'visible' }, label: { color: 'var(--mantine-color-dark-7)', overflow: 'visible' } }}
                      >
                        {t(`documents.states.${d.state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">
                        {[d.fileName, d.receivedAt ? formatInstant(d.receivedAt, timeZone, lang) : null, d.reviewedBy ? t('documents.reviewedBy', { who: d.reviewedBy }) : null]
                          .filter(Boolean)
                          .join(' · ')}
                      </Text>
                      {d.downloadPath ? (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          px={0}
                          aria-label={`${t('documents.open')}: ${label(d.type)}`}
                          onClick={() => openFile(d.downloadPath!, d.fileName ?? d.type)}
                        >
                          {t('documents.open')}
                        </Button>
                      ) : null}
                      {d.rejectionReason ? (
                        <Text size="xs" c="red.9">
                          {t('documents.rejectedBecause', { reason: d.rejectionReason })}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {can.receive && d.state !== 'VERIFIED' ? (
                          <Button size="compact-xs" variant="default" aria-label={`${t('documents.receive')}: ${label(d.type)}`} onClick={() => open(d.type, 'receive')}>
                            {t('documents.receive')}
                          </Button>
                        ) : null}
                        {can.review ? (
                          <>
                            <Button
                              size="compact-xs"
                              color="teal.9"
                              aria-label={`${t('documents.verify')}: ${label(d.type)}`}
                              loading={reviewed.fetching && reviewed.operation?.variables.type === d.type}
                              onClick={() => void review({ claimId: claim.id, type: d.type, verified: true, reason: null }).then(finish)}
                            >
                              {t('documents.verify')}
                            </Button>
                            <Button
                              size="compact-xs"
                              variant="outline"
                              color="red.9"
                              aria-label={`${t('documents.reject')}: ${label(d.type)}`}
                              onClick={() => open(d.type, 'reject')}
                            >
                              {t('documents.reject')}
                            </Button>
                          </>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
        {reviewed.error ? <ErrorState error={reviewed.error} /> : null}
        {fileFailure ? <ErrorState error={fileFailure} /> : null}
        {editing ? (
          <form onSubmit={submit} aria-label={t(editing.mode === 'receive' ? 'documents.receiveTitle' : 'documents.rejectTitle', { document: label(editing.type) })}>
            <Stack gap="xs">
              <Text fw={600} size="sm">
                {t(editing.mode === 'receive' ? 'documents.receiveTitle' : 'documents.rejectTitle', { document: label(editing.type) })}
              </Text>
              {editing.mode === 'receive' ? (
                <FileInput
                  label={t('documents.file')}
                  description={t('documents.fileHelp')}
                  accept="application/pdf,image/jpeg,image/png"
                  value={file}
                  onChange={setFile}
                  required
                  clearable
                  ref={firstField}
                />
              ) : (
                <Textarea
                  label={t('documents.reason')}
                  description={t('documents.reasonHelp')}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  required
                  ref={firstField}
                  autosize
                  minRows={2}
                  maxLength={500}
                />
              )}
              <Group gap="xs">
                <Button type="submit" size="xs" loading={uploading || reviewed.fetching} color={editing.mode === 'reject' ? 'red.9' : undefined}>
                  {t(editing.mode === 'receive' ? 'documents.saveReceived' : 'documents.saveRejected')}
                </Button>
                <Button size="xs" variant="default" onClick={() => setEditing(null)}>
                  {t('claim.cancelForm')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Card>
  );
}
