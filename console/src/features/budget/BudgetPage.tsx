import { BarChart } from '@mantine/charts';
import { Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { ConsoleCoverageDocument, ConsoleMouBudgetDocument } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatLocalDate, formatPercent, formatRupiah } from '../../lib/format';
import { EmptyState, ErrorState, Loading } from '../../ui/States';
import { StatusBadge } from '../../ui/StatusBadge';
import { QuotaTable } from './QuotaTable';

/** Managers: one MoU's budget lines against what its enrolments commit, and when it runs out. */
export default function BudgetPage() {
  const { t, lang } = useLang();
  const [params, setParams] = useSearchParams();
  const mouId = params.get('mou');
  const [cities] = useQuery({ query: ConsoleCoverageDocument });
  const mous = (cities.data?.municipalities ?? []).flatMap((city) => city.mous.map((mou) => ({ value: mou.id, label: `${mou.number} · ${city.name}` })));
  const [{ data, fetching, error }, refetch] = useQuery({ query: ConsoleMouBudgetDocument, variables: { mouId: mouId ?? '' }, pause: !mouId });
  const lines = data?.mouBudgetUtilisation ?? [];
  const chart = lines.map((line) => ({ year: String(line.fiscalYear), budget: Number(line.budget), committed: Number(line.committed), spent: Number(line.spentToDate) }));

  return (
    <Stack>
      <Title order={2}>{t('budget.title')}</Title>
      {cities.error ? <ErrorState error={cities.error} /> : null}
      {cities.data && mous.length === 0 ? <EmptyState>{t('budget.noMous')}</EmptyState> : null}
      <Select label={t('budget.pick')} description={t('budget.pickHelp')} data={mous} value={mouId} onChange={(id) => setParams(id ? { mou: id } : {})} searchable w={420} />
      {error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {fetching && !data ? <Loading /> : null}
      {data?.mou ? (
        <>
          <Group>
            <Text fw={600}>{data.mou.number}</Text>
            <StatusBadge status={data.mou.status} />
            <Text size="sm">
              {formatLocalDate(data.mou.validFrom, lang)} – {formatLocalDate(data.mou.validTo, lang)} · {data.mou.municipality.name}
            </Text>
          </Group>
          <Card withBorder padding={0}>
            <Table data-testid="budget-lines" style={{ whiteSpace: 'nowrap' }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('budget.fiscalYear')}</Table.Th>
                  <Table.Th ta="right">{t('budget.budget')}</Table.Th>
                  <Table.Th ta="right">{t('budget.spent')}</Table.Th>
                  <Table.Th ta="right">{t('budget.committed')}</Table.Th>
                  <Table.Th ta="right">{t('budget.remaining')}</Table.Th>
                  <Table.Th ta="right">{t('budget.monthlyBurn')}</Table.Th>
                  <Table.Th ta="right">{t('budget.utilisation')}</Table.Th>
                  <Table.Th>{t('budget.runOut')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((line) => (
                  <Table.Tr key={line.fiscalYear}>
                    <Table.Td>{line.fiscalYear}</Table.Td>
                    <Table.Td ta="right">{formatRupiah(line.budget)}</Table.Td>
                    <Table.Td ta="right">{formatRupiah(line.spentToDate)}</Table.Td>
                    <Table.Td ta="right">{formatRupiah(line.committed)}</Table.Td>
                    <Table.Td ta="right">{formatRupiah(line.remaining)}</Table.Td>
                    <Table.Td ta="right">{formatRupiah(line.monthlyBurn)}</Table.Td>
                    <Table.Td ta="right">{formatPercent(line.utilisationBasisPoints, lang)}</Table.Td>
                    <Table.Td>{line.projectedRunOut ? formatLocalDate(line.projectedRunOut, lang) : t('budget.noRunOut')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
          <Card withBorder>
            <Title order={3} size="h5" mb="sm">
              {t('budget.chart')}
            </Title>
            <div role="figure" aria-label={t('budget.chart')}>
              <BarChart
                h={260}
                data={chart}
                dataKey="year"
                valueFormatter={(value) => formatRupiah(BigInt(Math.round(value)))}
                series={[
                  { name: 'budget', label: t('budget.budget'), color: 'indigo.3' },
                  { name: 'committed', label: t('budget.committed'), color: 'orange.6' },
                  { name: 'spent', label: t('budget.spent'), color: 'teal.7' },
                ]}
                withLegend
                yAxisProps={{ width: 120 }}
              />
            </div>
          </Card>
          <QuotaTable report={data.mouQuotaUse} />
        </>
      ) : null}
    </Stack>
  );
}
