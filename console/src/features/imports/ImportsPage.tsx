import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../auth/useSession';
import { useLang } from '../../i18n';
import { ImportProgress, type ImportSummary } from './ImportProgress';
import { ImportRowsTable } from './ImportRowsTable';
import { rememberImport, recentImports } from './recent';
import { ReviewQueue } from './ReviewQueue';
import { UploadForm } from './UploadForm';

/** City operators: upload a list, follow it live, resolve the rows needing review, download the report. */
export default function ImportsPage() {
  const { t } = useLang();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const batchId = params.get('batch');
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  // Remounting the progress after a review restarts its polling (the workflow activates the row).
  const [progressKey, setProgressKey] = useState(0);
  const onLoaded = useCallback((next: ImportSummary | null) => setSummary(next), []);
  // Changes whenever the counts do, so the row list follows the workflow without polling itself.
  const version = summary ? `${summary.status}/${summary.rowsValidated}/${summary.rowsActivated}/${summary.needsReview}/${summary.rejected}` : '';
  const recent = recentImports(session.subject).filter((r) => r.batchId !== batchId);

  return (
    <Stack>
      <Title order={2}>{t('imports.title')}</Title>
      <UploadForm
        onStarted={(started) => {
          rememberImport(session.subject, { batchId: started.batchId, at: new Date().toISOString() });
          setSummary(null);
          setParams({ batch: started.batchId });
        }}
      />
      {batchId ? (
        <>
          <ImportProgress key={`${batchId}-${progressKey}`} batchId={batchId} onLoaded={onLoaded} />
          {summary && summary.needsReview > 0 ? <ReviewQueue key={batchId} batchId={batchId} onReviewed={() => setProgressKey((k) => k + 1)} /> : null}
          {summary ? <ImportRowsTable key={`rows-${batchId}`} batchId={batchId} version={version} /> : null}
        </>
      ) : (
        <Text size="sm">{t('imports.start')}</Text>
      )}
      {recent.length > 0 ? (
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t('imports.recent')}
          </Title>
          <Group gap="md">
            {recent.map((r) => (
              <Anchor component={Link} key={r.batchId} to={`?batch=${r.batchId}`} size="sm">
                {r.batchId.slice(0, 12)}…
              </Anchor>
            ))}
          </Group>
        </Card>
      ) : null}
    </Stack>
  );
}
