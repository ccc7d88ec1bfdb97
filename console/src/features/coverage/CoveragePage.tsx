import { BarChart } from '@mantine/charts';
import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from 'urql';
import { ConsoleCoverageDocument } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatCount, formatPercent } from '../../lib/format';
import { EmptyState, ErrorState, Loading } from '../../ui/States';
import { CoverageTrend } from './CoverageTrend';

/** Managers: participants against each city's informal workforce. */
export default function CoveragePage() {
  const { t, lang } = useLang();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ConsoleCoverageDocument });
  const rows = (data?.municipalities ?? []).map((city) => {
    const participants = city.participants?.totalCount ?? 0;
    // Beyond 10,000 the count stops (issue 18): "10,000+" and a coverage of at least that much.
    const capped = city.participants?.totalCountCapped ?? false;
    const basisPoints = city.informalWorkforce ? Math.round((10000 * participants) / city.informalWorkforce) : null;
    return { ...city, participants, capped, basisPoints };
  });
  const chart = rows.filter((row) => row.basisPoints !== null).map((row) => ({ city: row.name, coverage: row.basisPoints! / 100 }));
  return (
    <Stack>
      <Title order={2}>{t('coverage.title')}</Title>
      {error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {fetching && !data ? <Loading /> : null}
      {data && rows.length === 0 ? <EmptyState>{t('common.home')}</EmptyState> : null}
      {rows.length > 0 ? (
        <Card withBorder padding={0}>
          <Table striped data-testid="coverage">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.city')}</Table.Th>
                <Table.Th ta="right">{t('coverage.participants')}</Table.Th>
                <Table.Th ta="right">{t('coverage.workforce')}</Table.Th>
                <Table.Th ta="right">{t('coverage.coverage')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td>
                    {row.name} ({row.code})
                  </Table.Td>
                  <Table.Td ta="right">
                    {formatCount(row.participants, lang)}
                    {row.capped ? '+' : ''}
                  </Table.Td>
                  <Table.Td ta="right">
                    {row.informalWorkforce ? formatCount(row.informalWorkforce, lang) : t('coverage.unknown')}
                    {row.workforceSource ? (
                      <Text size="xs" c="dimmed">
                        {t('coverage.source', { source: row.workforceSource, year: row.workforceYear ?? '—' })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right">{row.basisPoints === null ? '—' : `${row.capped ? '≥ ' : ''}${formatPercent(row.basisPoints, lang)}`}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ) : null}
      {chart.length > 0 ? (
        <Card withBorder>
          <Title order={3} size="h5" mb="sm">
            {t('coverage.chart')}
          </Title>
          <div role="figure" aria-label={t('coverage.chart')}>
            <BarChart h={220} data={chart} dataKey="city" series={[{ name: 'coverage', label: t('coverage.coverage'), color: 'teal.7' }]} unit="%" />
          </div>
        </Card>
      ) : null}
      <Text size="sm" c="dimmed">
        {t('coverage.noWorkforce')}
      </Text>
      {data ? <CoverageTrend firstCity={data.municipalities[0] ?? null} /> : null}
    </Stack>
  );
}
