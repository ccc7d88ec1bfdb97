import { Anchor, Badge, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ConsoleMouDeadlinesDocument } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatLocalDate } from '../../lib/format';
import { CitySelect, type City } from '../../ui/CitySelect';
import { usePaged } from '../../ui/Paged';
import { EmptyState, ErrorState, Loading } from '../../ui/States';
import { StatusBadge } from '../../ui/StatusBadge';

const WINDOWS = ['30', '60', '90', '180', '365'];

/** Managers: MoUs ending soonest first, their reminder offsets, and the renewal pipeline. */
export default function MousPage() {
  const { t, lang } = useLang();
  const [days, setDays] = useState('90');
  const [city, setCity] = useState<City | null>(null);
  const [{ data, fetching, error }, refetch] = useQuery({ query: ConsoleMouDeadlinesDocument, variables: { days: Number(days), municipalityId: city?.id ?? null } });
  const expiring = data?.mousExpiringWithin.nodes ?? [];
  const { page, controls } = usePaged(expiring);

  return (
    <Stack>
      <Title order={2}>{t('mous.title')}</Title>
      <Group align="end">
        <CitySelect value={city?.code ?? null} onChange={setCity} allowAll />
        <Select
          label={t('mous.window')}
          data={WINDOWS.map((d) => ({ value: d, label: t('mous.days', { count: Number(d) }) }))}
          value={days}
          onChange={(v) => setDays(v ?? '90')}
          allowDeselect={false}
          w={160}
        />
      </Group>
      {error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {fetching && !data ? <Loading /> : null}
      {data && expiring.length === 0 ? <EmptyState>{t('mous.empty', { days })}</EmptyState> : null}
      {expiring.length > 0 ? (
        <Card withBorder padding={0}>
          <Table striped highlightOnHover data-testid="expiring">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mous.number')}</Table.Th>
                <Table.Th>{t('common.city')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>{t('mous.validTo')}</Table.Th>
                <Table.Th>{t('mous.daysLeft')}</Table.Th>
                <Table.Th>{t('mous.reminders')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.map(({ mou, daysLeft }) => (
                <Table.Tr key={mou.id}>
                  <Table.Td>{mou.number}</Table.Td>
                  <Table.Td>{mou.municipality.name}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={mou.status} />
                  </Table.Td>
                  <Table.Td>{formatLocalDate(mou.validTo, lang)}</Table.Td>
                  <Table.Td>
                    <Badge color={daysLeft <= 30 ? 'red' : daysLeft <= 60 ? 'orange' : 'yellow'} variant="filled" styles={{ label: { color: daysLeft <= 30 ? 'white' : 'black' } }}>
                      {daysLeft}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{mou.reminderOffsetsDays.join(' / ')}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/budget?mou=${mou.id}`} size="sm">
                      {t('mous.budgetLink')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ) : null}
      {expiring.length > 0 ? controls : null}

      <Title order={3}>{t('mous.pipeline')}</Title>
      {data && data.mouRenewalPipeline.length === 0 ? <EmptyState>{t('mous.pipelineEmpty')}</EmptyState> : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {(data?.mouRenewalPipeline ?? []).map((stage) => (
          <Card withBorder key={stage.status} data-testid={`stage-${stage.status}`}>
            <Group justify="space-between">
              <StatusBadge status={stage.status} />
              <Text fw={700}>{t('mous.count', { count: stage.count })}</Text>
            </Group>
            <Stack gap={2} mt="xs">
              {stage.mous.nodes.map((mou) => (
                <Text size="sm" key={mou.id}>
                  {mou.number} · {mou.municipality.name} · {formatLocalDate(mou.validTo, lang)}
                </Text>
              ))}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
