import { Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useQuery } from 'urql';
import { useSession } from '../../auth/useSession';
import { ConsoleParticipantsByNikDocument, ConsoleParticipantsDocument } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatCount, formatLocalDate } from '../../lib/format';
import { CitySelect, type City } from '../../ui/CitySelect';
import { useCursorPages } from '../../ui/Paged';
import { EmptyState, ErrorState, Loading } from '../../ui/States';
import { StatusBadge } from '../../ui/StatusBadge';

const PAGE = 25;

interface Row {
  id: string;
  nik: string;
  fullName: string;
  occupationGroup: string;
  coverageFrom: string;
  coverageTo: string;
  status: string;
  mou: { number: string };
}

/** City operators: the city's participants by name, a page at a time, and a NIK search. */
export default function ParticipantsPage() {
  const { t, lang } = useLang();
  const { session } = useSession();
  const [city, setCity] = useState<City | null>(null);
  const code = city?.code ?? (session.cities === 'ALL' ? '18.72' : (session.cities[0] ?? ''));
  const [nameFilter, setNameFilter] = useState('');
  const [nikInput, setNikInput] = useState('');
  const [nik, setNik] = useState<string | null>(null);
  const pages = useCursorPages();
  const [list, refetch] = useQuery({ query: ConsoleParticipantsDocument, variables: { code, first: PAGE, after: pages.after }, pause: nik !== null });
  const [byNik] = useQuery({ query: ConsoleParticipantsByNikDocument, variables: { nik: nik ?? '' }, pause: nik === null });
  const connection = list.data?.municipalityByCode?.participants;
  const rows: Row[] =
    nik !== null ? (byNik.data?.participantsByNik ?? []) : (connection?.nodes ?? []).filter((p) => p.fullName.toLowerCase().includes(nameFilter.trim().toLowerCase()));
  const error = nik !== null ? byNik.error : list.error;
  const fetching = nik !== null ? byNik.fetching : list.fetching;

  return (
    <Stack>
      <Title order={2}>{t('participants.title')}</Title>
      <Group align="end">
        <CitySelect
          value={code}
          onChange={(next) => {
            setCity(next);
            pages.reset();
          }}
        />
        <TextInput label={t('participants.nameFilter')} value={nameFilter} onChange={(e) => setNameFilter(e.currentTarget.value)} disabled={nik !== null} />
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setNik(nikInput.trim() || null);
          }}
        >
          <Group align="end" gap="xs">
            <TextInput
              label={t('participants.nikSearch')}
              description={t('participants.nikSearchHelp')}
              value={nikInput}
              onChange={(e) => setNikInput(e.currentTarget.value)}
              inputMode="numeric"
              pattern="\d{16}"
            />
            <Button type="submit">{t('common.search')}</Button>
            {nik !== null ? (
              <Button
                variant="default"
                onClick={() => {
                  setNik(null);
                  setNikInput('');
                }}
              >
                {t('common.clear')}
              </Button>
            ) : null}
          </Group>
        </form>
      </Group>
      {connection && nik === null ? (
        <Text size="sm">
          {t('participants.total', { count: connection.totalCount, formatted: `${formatCount(connection.totalCount, lang)}${connection.totalCountCapped ? '+' : ''}` })}
        </Text>
      ) : null}
      {error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {fetching && rows.length === 0 ? <Loading /> : null}
      {!fetching && !error && rows.length === 0 ? <EmptyState>{nik !== null || nameFilter ? t('participants.noMatch') : t('participants.empty')}</EmptyState> : null}
      {rows.length > 0 ? (
        <Card withBorder padding={0}>
          <Table striped data-testid="participants">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('participants.name')}</Table.Th>
                <Table.Th>{t('participants.nik')}</Table.Th>
                <Table.Th>{t('participants.group')}</Table.Th>
                <Table.Th>{t('participants.coverage')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>{t('participants.mou')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.fullName}</Table.Td>
                  <Table.Td>{p.nik}</Table.Td>
                  <Table.Td>{t(`groups.${p.occupationGroup}`)}</Table.Td>
                  <Table.Td>
                    {formatLocalDate(p.coverageFrom, lang)} – {formatLocalDate(p.coverageTo, lang)}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={p.status} />
                  </Table.Td>
                  <Table.Td>{p.mou.number}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ) : null}
      {nik === null ? (
        <Group>
          <Button variant="default" size="xs" disabled={pages.pageNumber === 1} onClick={pages.previous}>
            {t('common.previous')}
          </Button>
          <Text size="sm">{t('common.page', { page: pages.pageNumber })}</Text>
          <Button variant="default" size="xs" disabled={!connection?.pageInfo.hasNextPage} onClick={() => pages.next(connection?.pageInfo.endCursor)}>
            {t('common.next')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
