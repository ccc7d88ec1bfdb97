import { Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { asFileRouteError, downloadWithToken, FileRouteError } from '../../api/files';
import { useSession } from '../../auth/useSession';
import { ConsoleCancelImportDocument, ConsoleEnrolmentImportDocument, type ConsoleEnrolmentImportQuery } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatCount } from '../../lib/format';
import { EmptyState, ErrorState, Loading } from '../../ui/States';

export type ImportSummary = NonNullable<ConsoleEnrolmentImportQuery['enrolmentImport']>;

/** The workflow is still moving on its own: poll (the API has no subscription for imports). */
export const RUNNING = ['QUEUED', 'PARSING', 'VALIDATING', 'ACTIVATING'];
const POLL_MS = 1000;
const REVIEW_POLL_MS = 3000;

/** An import's status and counts, refreshed every second while it runs, with its report and a cancel. */
export function ImportProgress({ batchId, onLoaded }: { batchId: string; onLoaded: (summary: ImportSummary | null) => void }) {
  const { t, lang } = useLang();
  const { session } = useSession();
  const [{ data, error, fetching }, refetch] = useQuery({ query: ConsoleEnrolmentImportDocument, variables: { batchId }, requestPolicy: 'network-only' });
  const [cancelled, cancel] = useMutation(ConsoleCancelImportDocument);
  const [download, setDownload] = useState<{ busy: boolean; error: FileRouteError | null }>({ busy: false, error: null });
  const summary = data?.enrolmentImport ?? null;
  const status = summary?.status;

  useEffect(() => {
    if (data) onLoaded(summary);
  }, [data, summary, onLoaded]);
  useEffect(() => {
    // Awaiting review it still changes: a decision (here or in another tab) sends it activating.
    if (!status || !(RUNNING.includes(status) || status === 'AWAITING_REVIEW')) return;
    const timer = setTimeout(() => refetch({ requestPolicy: 'network-only' }), status === 'AWAITING_REVIEW' ? REVIEW_POLL_MS : POLL_MS);
    return () => clearTimeout(timer);
  }, [status, data, refetch]);

  if (error) return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <Loading />;
  if (!summary) return <EmptyState>{t('imports.notFound')}</EmptyState>;

  const enrollable = summary.accepted + summary.acceptedWithWarnings;
  const percent = (part: number, whole: number) => (whole > 0 ? Math.min(100, Math.round((100 * part) / whole)) : status && RUNNING.includes(status) ? 0 : 100);
  const save = async () => {
    setDownload({ busy: true, error: null });
    try {
      await downloadWithToken(session.token, summary.reportPath, `laporan-impor-${summary.batchId.slice(0, 12)}.csv`);
      setDownload({ busy: false, error: null });
    } catch (failure) {
      setDownload({ busy: false, error: asFileRouteError(failure) });
    }
  };
  const bars = [
    { key: 'rowsRead', value: summary.rowsRead, of: summary.rowsRead, done: status !== 'QUEUED' && status !== 'PARSING' },
    { key: 'rowsValidated', value: summary.rowsValidated, of: summary.rowsRead },
    { key: 'rowsActivated', value: summary.rowsActivated, of: enrollable },
  ];
  const verdicts = [
    { key: 'ACCEPTED', value: summary.accepted, color: 'teal.9' },
    { key: 'ACCEPTED_WITH_WARNINGS', value: summary.acceptedWithWarnings, color: 'yellow.9' },
    { key: 'NEEDS_REVIEW', value: summary.needsReview, color: 'orange.9' },
    { key: 'REJECTED', value: summary.rejected, color: 'red.9' },
  ];

  return (
    <Card withBorder data-testid="import-progress" data-status={status}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Title order={3} size="h5">
              {summary.fileName}
            </Title>
            <Badge
              variant="light"
              color={status === 'DONE' ? 'teal' : status === 'FAILED' || status === 'CANCELLED' ? 'red' : 'orange'}
              styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}
              data-testid="import-status"
            >
              {t(`imports.status.${status}`, { defaultValue: status })}
            </Badge>
            {summary.dryRun ? (
              <Badge variant="outline" color="dark">
                {t('imports.dryRunBadge')}
              </Badge>
            ) : null}
          </Group>
          <Group gap="xs">
            <Button size="xs" onClick={() => void save()} loading={download.busy}>
              {t('imports.report')}
            </Button>
            {status && (RUNNING.includes(status) || status === 'AWAITING_REVIEW') ? (
              <Button
                size="xs"
                variant="default"
                color="red"
                loading={cancelled.fetching}
                onClick={() => void cancel({ batchId }).then(() => refetch({ requestPolicy: 'network-only' }))}
              >
                {t('imports.cancel')}
              </Button>
            ) : null}
          </Group>
        </Group>
        <Text size="sm" aria-live="polite">
          {t(`imports.statusHelp.${status}`, { defaultValue: '' })}
          {summary.reused ? ` ${t('imports.reused')}` : ''}
          {summary.failure ? ` ${summary.failure}` : ''}
        </Text>
        {download.error ? <ErrorState error={download.error} /> : null}
        {cancelled.error ? <ErrorState error={cancelled.error} /> : null}
        {bars.map((bar) => (
          <Stack gap={2} key={bar.key}>
            <Group justify="space-between">
              <Text size="sm">{t(`imports.${bar.key}`)}</Text>
              <Text size="sm" data-testid={bar.key}>
                {formatCount(bar.value, lang)} / {formatCount(bar.of, lang)}
              </Text>
            </Group>
            <Progress.Root>
              <Progress.Section
                value={bar.done === undefined ? percent(bar.value, bar.of) : bar.done ? 100 : 0}
                aria-label={t(`imports.${bar.key}`)}
                animated={!!status && RUNNING.includes(status)}
              />
            </Progress.Root>
          </Stack>
        ))}
        <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="verdicts">
          {verdicts.map((v) => (
            <Card key={v.key} withBorder padding="xs">
              <Text size="xs">{t(`imports.verdict.${v.key}`)}</Text>
              <Text fw={700} size="lg" c={v.color} data-testid={`verdict-${v.key}`}>
                {formatCount(v.value, lang)}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
