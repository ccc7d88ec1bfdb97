import { Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { ConsoleBillingDocument, ConsoleCoverageDocument } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatLocalDate, formatPercent, formatRupiah, todayIn } from '../../lib/format';
import { useCursorPages } from '../../ui/Paged';
import { EmptyState, ErrorState, Loading } from '../../ui/States';
import { StatusBadge } from '../../ui/StatusBadge';
import { InvoiceTable } from './InvoiceTable';

/** Managers: one MoU's invoices with billed, paid and outstanding, and the year's figures. */
export default function BillingPage() {
  const { t, lang } = useLang();
  const [params, setParams] = useSearchParams();
  const mouId = params.get('mou');
  const [cities] = useQuery({ query: ConsoleCoverageDocument });
  const all = cities.data?.municipalities ?? [];
  const mous = all.flatMap((city) => city.mous.map((mou) => ({ value: mou.id, label: `${mou.number} · ${city.name}`, timeZone: city.timeZone })));
  const zone = mous.find((m) => m.value === mouId)?.timeZone ?? 'Asia/Jakarta';
  const today = todayIn(zone);
  const [year, setYear] = useState(today.slice(0, 4));
  const pages = useCursorPages();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ConsoleBillingDocument,
    variables: { mouId: mouId ?? '', asOf: today, fiscalYear: Number(year), after: pages.after },
    pause: !mouId,
  });
  const figures = data?.contributionFigures;
  const years = [0, 1, 2].map((back) => String(Number(today.slice(0, 4)) - back));
  const tiles = figures
    ? [
        { key: 'billed', value: formatRupiah(figures.billed), note: formatPercent(figures.billedBasisPoints, lang) },
        { key: 'paid', value: formatRupiah(figures.paid), note: formatPercent(figures.paidBasisPoints, lang) },
        { key: 'outstanding', value: formatRupiah(figures.outstanding), note: null },
        { key: 'credited', value: formatRupiah(figures.credited), note: null },
        { key: 'accountCredit', value: formatRupiah(figures.accountCredit), note: null },
        {
          key: 'budget',
          value: formatRupiah(figures.budget),
          note: figures.projectedRunOut ? t('billing.runOut', { date: formatLocalDate(figures.projectedRunOut, lang) }) : null,
        },
      ]
    : [];

  return (
    <Stack>
      <Title order={2}>{t('billing.title')}</Title>
      {cities.error ? <ErrorState error={cities.error} /> : null}
      {cities.data && mous.length === 0 ? <EmptyState>{t('budget.noMous')}</EmptyState> : null}
      <Group align="end">
        <Select
          label={t('budget.pick')}
          description={t('billing.pickHelp')}
          data={mous}
          value={mouId}
          onChange={(id) => {
            pages.reset();
            setParams(id ? { mou: id } : {});
          }}
          searchable
          w={420}
          maw="100%"
        />
        <Select label={t('budget.fiscalYear')} data={years} value={year} onChange={(v) => setYear(v ?? today.slice(0, 4))} allowDeselect={false} w={140} />
      </Group>
      {error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {fetching && !data ? <Loading /> : null}
      {data?.mou ? (
        <>
          <Group>
            <Text fw={600}>{data.mou.number}</Text>
            <StatusBadge status={data.mou.status} />
            <Text size="sm">
              {data.mou.municipality.name} · {t('billing.asOf', { date: formatLocalDate(today, lang) })}
            </Text>
          </Group>
          <SimpleGrid cols={{ base: 2, md: 3, xl: 6 }} data-testid="billing-figures">
            {tiles.map((tile) => (
              <Card withBorder padding="sm" key={tile.key}>
                <Text size="xs">{t(`billing.${tile.key}`)}</Text>
                <Text fw={700} data-testid={`figure-${tile.key}`}>
                  {tile.value}
                </Text>
                {tile.note ? <Text size="xs">{tile.note}</Text> : null}
              </Card>
            ))}
          </SimpleGrid>
          <InvoiceTable
            invoices={data.contributionInvoices.nodes}
            pager={
              <Group>
                <Button variant="default" size="xs" disabled={pages.pageNumber === 1} onClick={pages.previous}>
                  {t('common.previous')}
                </Button>
                <Text size="sm">{t('common.page', { page: pages.pageNumber })}</Text>
                <Button
                  variant="default"
                  size="xs"
                  disabled={!data.contributionInvoices.pageInfo.hasNextPage}
                  onClick={() => pages.next(data.contributionInvoices.pageInfo.endCursor)}
                >
                  {t('common.next')}
                </Button>
              </Group>
            }
          />
        </>
      ) : null}
    </Stack>
  );
}
