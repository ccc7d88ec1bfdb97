import { Card, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { ConsoleImportRowsDocument, type ImportVerdict } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { EmptyState, ErrorState, Loading } from '../../ui/States';
import { PageButtons } from './PageButtons';
import { useRowPages } from './rowPages';

const VERDICTS: ImportVerdict[] = ['ACCEPTED', 'ACCEPTED_WITH_WARNINGS', 'NEEDS_REVIEW', 'REJECTED'];

/** Every row of an import with its verdict and problems, filtered by verdict, 25 a page. */
export function ImportRowsTable({ batchId, version }: { batchId: string; version: string }) {
  const { t, lang } = useLang();
  const [verdict, setVerdict] = useState<ImportVerdict | null>('REJECTED');
  const pages = useRowPages(25);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ConsoleImportRowsDocument,
    variables: { batchId, verdict, first: pages.first, after: pages.after },
    requestPolicy: 'network-only',
  });
  useEffect(() => {
    if (version) refetch({ requestPolicy: 'network-only' });
  }, [version, refetch]);
  const rows = data?.enrolmentImportRows ?? [];
  const shown = rows.slice(0, pages.size);
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t('imports.rowsTitle')}
      </Title>
      <Select
        label={t('imports.verdictFilter')}
        data={[{ value: '', label: t('imports.allVerdicts') }, ...VERDICTS.map((v) => ({ value: v, label: t(`imports.verdict.${v}`) }))]}
        value={verdict ?? ''}
        onChange={(value) => {
          setVerdict(value ? (value as ImportVerdict) : null);
          pages.reset();
        }}
        allowDeselect={false}
        w={260}
      />
      {error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {fetching && !data ? <Loading /> : null}
      {data && shown.length === 0 ? <EmptyState>{t('imports.rowsEmpty')}</EmptyState> : null}
      {shown.length > 0 ? (
        <Card withBorder padding={0}>
          <Table striped data-testid="import-rows">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.row')}</Table.Th>
                <Table.Th>{t('imports.fields.fullName')}</Table.Th>
                <Table.Th>{t('imports.fields.nik')}</Table.Th>
                <Table.Th>{t('imports.verdictColumn')}</Table.Th>
                <Table.Th>{t('imports.enrolled')}</Table.Th>
                <Table.Th>{t('imports.problems')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((row) => (
                <Table.Tr key={row.rowNumber}>
                  <Table.Td>{row.rowNumber}</Table.Td>
                  <Table.Td>{row.fullName ?? '—'}</Table.Td>
                  <Table.Td>{row.nik ?? '—'}</Table.Td>
                  <Table.Td>{t(`imports.verdict.${row.verdict}`)}</Table.Td>
                  <Table.Td>{row.activated ? t('imports.yes') : t('imports.no')}</Table.Td>
                  <Table.Td>
                    {row.issues.map((issue) => (
                      <Text size="xs" key={`${issue.code}-${issue.field}`}>
                        {issue.code}: {lang === 'en' ? issue.messageEn : issue.messageId}
                      </Text>
                    ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ) : null}
      {pages.pageNumber > 1 || rows.length > pages.size ? <PageButtons pages={pages} hasNext={rows.length > pages.size} lastRow={shown[shown.length - 1]?.rowNumber} /> : null}
    </Stack>
  );
}
