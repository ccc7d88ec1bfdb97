import { LineChart } from '@mantine/charts';
import { Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useQuery } from 'urql';
import { ConsoleCoverageTrendDocument } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatCount, formatLocalDate, formatPercent, todayIn } from '../../lib/format';
import { monthEndsUntil } from '../../lib/months';
import { CitySelect, type City } from '../../ui/CitySelect';
import { usePaged } from '../../ui/Paged';
import { EmptyState, ErrorState, Loading } from '../../ui/States';

const KEYS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11', 'm12'] as const;

/** One city's coverage % at the last 11 month ends and today (Municipality.coverage(asOf), exact per day). */
export function CoverageTrend({ firstCity }: { firstCity: City | null }) {
  const { t, lang } = useLang();
  const [picked, setPicked] = useState<City | null>(null);
  const city = picked ?? firstCity;
  const dates = monthEndsUntil(todayIn(city?.timeZone ?? 'Asia/Jakarta'));
  const variables = Object.fromEntries(dates.map((date, i) => [`d${i + 1}`, date])) as Record<`d${number}`, string>;
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ConsoleCoverageTrendDocument,
    variables: { code: city?.code ?? '', ...(variables as { d1: string; d2: string; d3: string; d4: string; d5: string; d6: string; d7: string; d8: string; d9: string; d10: string; d11: string; d12: string }) },
    pause: !city,
  });
  const found = data?.municipalityByCode;
  const points = found ? KEYS.map((key) => found[key]).filter((p): p is NonNullable<typeof p> => p !== null) : [];
  const label = (date: string, last: boolean) => (last ? formatLocalDate(date, lang) : formatLocalDate(date, lang).split(' ').slice(1).join(' '));
  const chart = points.map((p, i) => ({ month: label(p.asOf, i === points.length - 1), coverage: p.coveragePercent, active: p.active }));
  const known = points.some((p) => p.coveragePercent !== null);
  const { page, controls } = usePaged([...points].reverse());

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between" align="end">
          <Title order={3} size="h5" id="coverage-trend">
            {t('coverage.trend')}
          </Title>
          <CitySelect value={city?.code ?? null} onChange={setPicked} />
        </Group>
        <Text size="sm" c="dimmed">
          {t('coverage.trendHelp')}
        </Text>
        {error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
        {fetching && !data ? <Loading /> : null}
        {data && !found ? <EmptyState>{t('coverage.trendNone')}</EmptyState> : null}
        {found && !known ? <EmptyState>{t('coverage.trendNoWorkforce')}</EmptyState> : null}
        {found && points.length > 0 ? (
          // Without the workforce figure there is no percentage, but the count of active participants still tells the trend.
          <div role="figure" aria-labelledby="coverage-trend">
            <LineChart
              h={240}
              data={chart}
              dataKey="month"
              series={[known ? { name: 'coverage', label: t('coverage.coverage'), color: 'teal.7' } : { name: 'active', label: t('coverage.active'), color: 'indigo.7' }]}
              unit={known ? '%' : undefined}
              connectNulls
              curveType="linear"
            />
          </div>
        ) : null}
        {found && points.length > 0 ? (
          <>
            <Table striped data-testid="coverage-trend">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('coverage.asOf')}</Table.Th>
                  <Table.Th ta="right">{t('coverage.active')}</Table.Th>
                  <Table.Th ta="right">{t('coverage.inactive')}</Table.Th>
                  <Table.Th ta="right">{t('coverage.coverage')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.map((p) => (
                  <Table.Tr key={p.asOf}>
                    <Table.Td>{formatLocalDate(p.asOf, lang)}</Table.Td>
                    <Table.Td ta="right">{formatCount(p.active, lang)}</Table.Td>
                    <Table.Td ta="right">{formatCount(p.inactive, lang)}</Table.Td>
                    <Table.Td ta="right">{p.coveragePercent === null ? '—' : formatPercent(Math.round(p.coveragePercent * 100), lang)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {controls}
          </>
        ) : null}
      </Stack>
    </Card>
  );
}
