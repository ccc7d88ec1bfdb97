import { Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useQuery } from 'urql';
import { ConsoleClaimKpisDocument } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatCount, formatRupiah, todayIn } from '../../lib/format';
import { CitySelect, type City } from '../../ui/CitySelect';
import { usePaged } from '../../ui/Paged';
import { EmptyState, ErrorState, Loading } from '../../ui/States';

const PROGRAMS = ['JKK', 'JKM'];

/** Managers: per city and program in a year, claims paid, time to pay, SLA breaches and the loss ratio. */
export default function KpisPage() {
  const { t, lang } = useLang();
  const thisYear = Number(todayIn('Asia/Jakarta').slice(0, 4));
  const [year, setYear] = useState(String(thisYear));
  const [city, setCity] = useState<City | null>(null);
  const [program, setProgram] = useState('');
  const [{ data, fetching, error }, refetch] = useQuery({ query: ConsoleClaimKpisDocument, variables: { year: Number(year) } });
  const cityName = (code: string) => data?.municipalities.find((c) => c.code === code)?.name ?? code;
  const rows = (data?.claimKpis ?? []).filter((k) => (!city || k.regionCode === city.code) && (!program || k.program === program));
  const { page, controls } = usePaged(rows);
  const days = (value: number | null) => (value === null ? '—' : t('kpis.days', { value: value.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 }) }));
  const ratio = (value: number | null) =>
    value === null ? t('kpis.noLossRatio') : `${(value * 100).toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 })}%`;

  return (
    <Stack>
      <Title order={2}>{t('kpis.title')}</Title>
      <Group align="end">
        <Select
          label={t('kpis.year')}
          data={[0, 1, 2, 3, 4].map((back) => String(thisYear - back))}
          value={year}
          onChange={(v) => setYear(v ?? String(thisYear))}
          allowDeselect={false}
          w={120}
        />
        <CitySelect value={city?.code ?? null} onChange={setCity} allowAll />
        <Select
          label={t('kpis.program')}
          data={[{ value: '', label: t('kpis.allPrograms') }, ...PROGRAMS.map((p) => ({ value: p, label: p }))]}
          value={program}
          onChange={(v) => setProgram(v ?? '')}
          allowDeselect={false}
          w={160}
        />
      </Group>
      {error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {fetching && !data ? <Loading /> : null}
      {data && rows.length === 0 ? <EmptyState>{t('kpis.empty', { year })}</EmptyState> : null}
      {rows.length > 0 ? (
        // Wide on a tablet: the table scrolls sideways, and a focusable region lets the keyboard scroll it.
        <Card withBorder padding={0} style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={t('kpis.title')}>
          <Table striped data-testid="kpis">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.city')}</Table.Th>
                <Table.Th>{t('kpis.program')}</Table.Th>
                <Table.Th ta="right">{t('kpis.paidCount')}</Table.Th>
                <Table.Th ta="right">{t('kpis.paidAmount')}</Table.Th>
                <Table.Th ta="right">{t('kpis.p50')}</Table.Th>
                <Table.Th ta="right">{t('kpis.p95')}</Table.Th>
                <Table.Th ta="right">{t('kpis.open')}</Table.Th>
                <Table.Th ta="right">{t('kpis.breaches')}</Table.Th>
                <Table.Th ta="right">{t('kpis.lossRatio')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.map((k) => (
                <Table.Tr key={`${k.regionCode}-${k.program}`}>
                  <Table.Td>
                    {cityName(k.regionCode)} ({k.regionCode})
                  </Table.Td>
                  <Table.Td>{k.program}</Table.Td>
                  <Table.Td ta="right">{formatCount(k.paidCount, lang)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatRupiah(k.paidAmount)}
                  </Table.Td>
                  <Table.Td ta="right">{days(k.timeToPayDaysP50)}</Table.Td>
                  <Table.Td ta="right">{days(k.timeToPayDaysP95)}</Table.Td>
                  <Table.Td ta="right">{formatCount(k.openCount, lang)}</Table.Td>
                  <Table.Td ta="right" c={k.slaBreaches > 0 ? 'red.9' : undefined} fw={k.slaBreaches > 0 ? 700 : undefined}>
                    {formatCount(k.slaBreaches, lang)}
                  </Table.Td>
                  <Table.Td ta="right">{ratio(k.lossRatio)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ) : null}
      {rows.length > 0 ? controls : null}
      <Text size="sm" c="dimmed">
        {t('kpis.help')}
      </Text>
    </Stack>
  );
}
