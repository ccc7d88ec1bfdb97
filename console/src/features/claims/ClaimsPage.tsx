import { Anchor, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../../auth/useSession';
import { ConsoleCityClaimsDocument } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatInstant, formatLocalDate, formatRupiah } from '../../lib/format';
import { CitySelect, type City } from '../../ui/CitySelect';
import { useCursorPages } from '../../ui/Paged';
import { EmptyState, ErrorState, Loading } from '../../ui/States';
import { StatusBadge } from '../../ui/StatusBadge';
import { NewClaimForm } from './NewClaimForm';

const STATUSES = ['AWAITING_VERIFICATION', 'AWAITING_APPROVAL', 'APPROVED', 'PAID', 'REJECTED'];
const PAGE = 50;

/** Caseworkers: the claims of a city (until the inbox of issue 15 lands), filterable by status. */
export default function ClaimsPage() {
  const { t, lang } = useLang();
  const { session } = useSession();
  const [city, setCity] = useState<City | null>(null);
  const code = city?.code ?? (session.cities === 'ALL' ? '18.72' : (session.cities[0] ?? ''));
  const [status, setStatus] = useState<string>('');
  const pages = useCursorPages();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ConsoleCityClaimsDocument, variables: { code, first: PAGE, after: pages.after } });
  const place = data?.municipalityByCode;
  const zone = place?.timeZone ?? 'Asia/Jakarta';
  const claims = (place?.participants?.nodes ?? []).flatMap((p) => (p.claims ?? []).map((claim) => ({ ...claim, participant: p.fullName })));
  const shown = claims.filter((claim) => !status || claim.status === status);

  return (
    <Stack>
      <Title order={2}>{t('claims.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('claims.help')}
      </Text>
      <Group align="end">
        <CitySelect
          value={code}
          onChange={(next) => {
            setCity(next);
            pages.reset();
          }}
        />
        <Select
          label={t('common.status')}
          data={[{ value: '', label: t('common.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          value={status}
          onChange={(v) => setStatus(v ?? '')}
          allowDeselect={false}
          w={240}
        />
      </Group>
      {error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {fetching && !data ? <Loading /> : null}
      {data && shown.length === 0 ? <EmptyState>{t('claims.empty')}</EmptyState> : null}
      {shown.length > 0 ? (
        <Card withBorder padding={0}>
          <Table striped highlightOnHover data-testid="claims">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('claims.number')}</Table.Th>
                <Table.Th>{t('claims.participant')}</Table.Th>
                <Table.Th>{t('claims.program')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>{t('claims.incidentDate')}</Table.Th>
                <Table.Th ta="right">{t('claims.benefit')}</Table.Th>
                <Table.Th>{t('claims.submittedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((claim) => (
                <Table.Tr key={claim.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/claims/${claim.id}`}>
                      {claim.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{claim.participant}</Table.Td>
                  <Table.Td>{claim.program}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={claim.status} />
                  </Table.Td>
                  <Table.Td>{formatLocalDate(claim.incidentDate, lang)}</Table.Td>
                  <Table.Td ta="right">{formatRupiah(claim.benefit.total)}</Table.Td>
                  <Table.Td>{formatInstant(claim.submittedAt, zone, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ) : null}
      <Group>
        <Button variant="default" size="xs" disabled={pages.pageNumber === 1} onClick={pages.previous}>
          {t('common.previous')}
        </Button>
        <Text size="sm">{t('common.page', { page: pages.pageNumber })}</Text>
        <Button variant="default" size="xs" disabled={!place?.participants?.pageInfo.hasNextPage} onClick={() => pages.next(place?.participants?.pageInfo.endCursor)}>
          {t('common.next')}
        </Button>
      </Group>
      <NewClaimForm timeZone={zone} />
    </Stack>
  );
}
