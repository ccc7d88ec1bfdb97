import { Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ConsoleImportRowsDocument, ConsoleReviewImportRowDocument, type ConsoleImportRowsQuery } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatLocalDate } from '../../lib/format';
import { EmptyState, ErrorState, Loading } from '../../ui/States';
import { PageButtons } from './PageButtons';
import { useRowPages } from './rowPages';

type Row = ConsoleImportRowsQuery['enrolmentImportRows'][number];

/** Rows the registry matched only roughly: the list's values beside the registry's, to accept, correct or reject. */
export function ReviewQueue({ batchId, onReviewed }: { batchId: string; onReviewed: () => void }) {
  const { t } = useLang();
  const pages = useRowPages(5);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ConsoleImportRowsDocument,
    variables: { batchId, verdict: 'NEEDS_REVIEW', first: pages.first, after: pages.after },
    requestPolicy: 'network-only',
  });
  const rows = data?.enrolmentImportRows ?? [];
  const shown = rows.slice(0, pages.size);
  const reviewed = () => {
    refetch({ requestPolicy: 'network-only' });
    onReviewed();
  };
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t('imports.reviewTitle')}
      </Title>
      {error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {fetching && !data ? <Loading /> : null}
      {data && shown.length === 0 ? <EmptyState>{pages.pageNumber > 1 ? t('imports.reviewPageEmpty') : t('imports.reviewEmpty')}</EmptyState> : null}
      {shown.map((row) => (
        <ReviewCard key={row.rowNumber} batchId={batchId} row={row} onReviewed={reviewed} />
      ))}
      {pages.pageNumber > 1 || rows.length > pages.size ? <PageButtons pages={pages} hasNext={rows.length > pages.size} lastRow={shown[shown.length - 1]?.rowNumber} /> : null}
    </Stack>
  );
}

/** Bold where the registry differs beyond letter case (it writes names in capitals). */
const differs = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').trim().toUpperCase() !== (b ?? '').trim().toUpperCase();

function ReviewCard({ batchId, row, onReviewed }: { batchId: string; row: Row; onReviewed: () => void }) {
  const { t, lang } = useLang();
  const [result, review] = useMutation(ConsoleReviewImportRowDocument);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const candidate = row.candidate;
  const decide = (decision: 'ACCEPT' | 'CORRECT' | 'REJECT') =>
    void review({ input: { batchId, rowNumber: row.rowNumber, decision, ...(decision === 'REJECT' ? { reason: reason.trim() } : {}) } }).then((answer) => {
      if (!answer.error) onReviewed();
    });
  const date = (value: string | null | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatLocalDate(value, lang) : (value ?? '—'));
  const fields = [
    { key: 'nik', list: row.nik, registry: candidate?.nik },
    { key: 'fullName', list: row.fullName, registry: candidate?.fullName },
    { key: 'birthDate', list: date(row.birthDate), registry: date(candidate?.birthDate) },
    { key: 'motherMaidenName', list: row.motherMaidenName, registry: candidate?.motherMaidenName },
  ];
  const title = t('imports.rowTitle', { row: row.rowNumber, name: row.fullName ?? '—' });
  return (
    <Card withBorder component="section" aria-label={title} data-testid="review-row">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{title}</Text>
          {candidate ? (
            <Badge variant="light" color="orange" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>
              {t('imports.score', { score: Math.round(candidate.score * 100) })} · {candidate.nikMatches ? t('imports.nikMatches') : t('imports.nikDiffers')}
            </Badge>
          ) : null}
        </Group>
        <Table withColumnBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('imports.field')}</Table.Th>
              <Table.Th scope="col">{t('imports.inList')}</Table.Th>
              <Table.Th scope="col">{t('imports.inRegistry')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.map((f) => (
              <Table.Tr key={f.key}>
                <Table.Th scope="row" fw={500}>
                  {t(`imports.fields.${f.key}`)}
                </Table.Th>
                <Table.Td>{f.list ?? '—'}</Table.Td>
                <Table.Td fw={differs(f.list, f.registry) ? 700 : undefined}>{candidate ? (f.registry ?? '—') : t('imports.noCandidate')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {row.issues.map((issue) => (
          <Text size="sm" key={`${issue.code}-${issue.field}`}>
            {issue.code}: {lang === 'en' ? issue.messageEn : issue.messageId}
          </Text>
        ))}
        {result.error ? <ErrorState error={result.error} /> : null}
        <Group align="end">
          <Button size="xs" onClick={() => decide('ACCEPT')} loading={result.fetching}>
            {t('imports.accept')}
          </Button>
          <Button size="xs" variant="light" disabled={!candidate} onClick={() => decide('CORRECT')} loading={result.fetching}>
            {t('imports.correct')}
          </Button>
          {rejecting ? (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                if (reason.trim()) decide('REJECT');
              }}
            >
              <Group align="end" gap="xs">
                <TextInput size="xs" label={t('imports.rejectReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required data-autofocus />
                <Button size="xs" color="red" type="submit" disabled={!reason.trim()} loading={result.fetching}>
                  {t('imports.confirmReject')}
                </Button>
              </Group>
            </form>
          ) : (
            <Button size="xs" variant="default" onClick={() => setRejecting(true)}>
              {t('imports.reject')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
