import { Button, Card, Checkbox, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useQuery } from 'urql';
import { asFileRouteError, FileRouteError, uploadEnrolmentFile, type UploadedImport } from '../../api/files';
import { useSession } from '../../auth/useSession';
import { ConsoleImportMousDocument } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatLocalDate } from '../../lib/format';
import { ErrorState } from '../../ui/States';

// MoUs that take enrolments; the API refuses the others anyway, this keeps them out of the list.
const OPEN = ['ACTIVE', 'RENEWAL_DUE', 'SIGNED'];

/** Pick the MoU and the file (CSV or XLSX), optionally as a dry run, and send it to the gateway. */
export function UploadForm({ onStarted }: { onStarted: (started: UploadedImport) => void }) {
  const { t, lang } = useLang();
  const { session } = useSession();
  const fileId = useId();
  const [{ data, error: mousError }] = useQuery({ query: ConsoleImportMousDocument });
  const mous = (data?.municipalities ?? []).flatMap((city) =>
    city.mous
      .filter((mou) => OPEN.includes(mou.status))
      .map((mou) => ({ value: mou.id, label: `${mou.number} · ${city.name} (${formatLocalDate(mou.validFrom, lang)} – ${formatLocalDate(mou.validTo, lang)})` })),
  );
  const [mouId, setMouId] = useState<string | null>(null);
  const chosen = mouId ?? (mous.length === 1 ? mous[0]!.value : null);
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<FileRouteError | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!chosen || !file) return;
    setSending(true);
    setError(null);
    try {
      onStarted(await uploadEnrolmentFile(session.token, file, chosen, dryRun));
    } catch (failure) {
      setError(asFileRouteError(failure));
    } finally {
      setSending(false);
    }
  };

  return (
    <Card withBorder component="form" onSubmit={(e: React.FormEvent) => void submit(e)} aria-labelledby={`${fileId}-title`}>
      <Stack gap="sm">
        <Title order={3} size="h5" id={`${fileId}-title`}>
          {t('imports.uploadTitle')}
        </Title>
        {mousError ? <ErrorState error={mousError} /> : null}
        {data && mous.length === 0 ? <Text size="sm">{t('imports.noMous')}</Text> : null}
        <Select label={t('imports.mou')} description={t('imports.mouHelp')} data={mous} value={chosen} onChange={setMouId} searchable w={520} maw="100%" />
        <Stack gap={4}>
          <Text component="label" htmlFor={fileId} size="sm" fw={500}>
            {t('imports.file')}
          </Text>
          <Text size="xs" c="dimmed" id={`${fileId}-help`}>
            {t('imports.fileHelp')}
          </Text>
          <input
            id={fileId}
            type="file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={`${fileId}-help`}
            required
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </Stack>
        <Checkbox label={t('imports.dryRun')} description={t('imports.dryRunHelp')} checked={dryRun} onChange={(e) => setDryRun(e.currentTarget.checked)} />
        {error ? <ErrorState error={error} /> : null}
        <Group>
          <Button type="submit" loading={sending} disabled={!chosen || !file}>
            {t('imports.upload')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
