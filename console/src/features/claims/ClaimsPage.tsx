import { Anchor, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../auth/useSession';
import { ConsoleCitiesDocument, ConsoleClaimInboxDocument, ConsoleTakeClaimDocument, type ClaimInboxFilter } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatInstant, formatRupiah } from '../../lib/format';
import { CitySelect } from '../../ui/CitySelect';
import { EmptyState, ErrorState, Loading } from '../../ui/States';
import { StatusBadge } from '../../ui/StatusBadge';
import { AssignClaim } from './AssignClaim';
import { canAssign, takeState } from './claimActions';
import { NewClaimForm } from './NewClaimForm';
import { SlaBadge, useHolidays } from './SlaBadge';

const STATUSES = ['AWAITING_VERIFICATION', 'DOCUMENTS_REQUESTED', 'AWAITING_APPROVAL', 'APPROVED', 'PAYOUT_FAILED', 'PAID', 'REJECTED', 'CANCELLED'];
const RISKS = ['ON_TRACK', 'AT_RISK', 'BREACHED', 'MET'];
const PAGE = 25;
/** The filters live in the page's address (?city=&status=&risk=&assignee=), so a filtered inbox can be bookmarked and shared. */
const FILTERS = ['city', 'status', 'risk', 'assignee'] as const;

/** Caseworkers: the claim inbox of their cities, oldest first, with SLA countdowns and "take this case". */
export default function ClaimsPage() {
  const { t, lang } = useLang();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const city = params.get('city') ?? '';
  const status = params.get('status') ?? '';
  const risk = params.get('risk') ?? '';
  const assignee = params.get('assignee') ?? '';
  const filter: ClaimInboxFilter = {
    regionCode: city || null,
    status: status || null,
    slaRisk: risk || null,
    assignee: assignee === 'me' ? session.subject : assignee && assignee !== 'none' ? assignee : null,
    unassigned: assignee === 'none' ? true : null,
  };
  // Keyset pages: the cursors behind us, so Previous works; a new filter starts again at page 1.
  const filterKey = FILTERS.map((name) => params.get(name) ?? '').join('|');
  const [cursors, setCursors] = useState<{ key: string; stack: (string | null)[] }>({ key: filterKey, stack: [null] });
  const stack = cursors.key === filterKey ? cursors.stack : [null];
  const pages = {
    after: stack[stack.length - 1] ?? null,
    pageNumber: stack.length,
    next: (cursor: string | null | undefined) => cursor && setCursors({ key: filterKey, stack: [...stack, cursor] }),
    previous: () => setCursors({ key: filterKey, stack: stack.length > 1 ? stack.slice(0, -1) : stack }),
  };
  const [{ data, fetching, error }, refetch] = useQuery({ query: ConsoleClaimInboxDocument, variables: { filter, first: PAGE, after: pages.after } });
  const [cities] = useQuery({ query: ConsoleCitiesDocument });
  const zoneOf = (code: string) => cities.data?.municipalities.find((c) => c.code === code)?.timeZone ?? 'Asia/Jakarta';
  const holidays = useHolidays(city || null);
  const [taking, take] = useMutation(ConsoleTakeClaimDocument);
  const inbox = data?.claimInbox;
  const items = inbox?.items ?? [];
  const filtered = FILTERS.some((name) => params.get(name));
  const knownAssignees = [...new Set(items.flatMap((c) => (c.assignee && c.assignee !== session.subject ? [c.assignee] : [])))];

  const setFilter = (name: (typeof FILTERS)[number], value: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });

  return (
    <Stack>
      <Title order={2}>{t('inbox.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('inbox.help')}
      </Text>
      <Group align="end" role="search" aria-label={t('inbox.filters')}>
        <CitySelect value={city} allowAll onChange={(next) => setFilter('city', next?.code ?? null)} />
        <Select
          label={t('common.status')}
          data={[{ value: '', label: t('common.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          value={status}
          onChange={(v) => setFilter('status', v)}
          allowDeselect={false}
          w={220}
        />
        <Select
          label={t('inbox.risk')}
          data={[{ value: '', label: t('inbox.allRisks') }, ...RISKS.map((r) => ({ value: r, label: t(`sla.risk.${r}`) }))]}
          value={risk}
          onChange={(v) => setFilter('risk', v)}
          allowDeselect={false}
          w={200}
        />
        <Select
          label={t('inbox.assignee')}
          data={[
            { value: '', label: t('inbox.anyone') },
            { value: 'me', label: t('inbox.mine') },
            { value: 'none', label: t('inbox.unassigned') },
            ...[...new Set([...knownAssignees, ...(assignee && !['me', 'none'].includes(assignee) ? [assignee] : [])])].map((name) => ({ value: name, label: name })),
          ]}
          value={assignee}
          onChange={(v) => setFilter('assignee', v)}
          allowDeselect={false}
          w={220}
        />
        {filtered ? (
          <Button variant="subtle" onClick={() => setParams(new URLSearchParams())}>
            {t('inbox.clearFilters')}
          </Button>
        ) : null}
      </Group>
      {error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {taking.error ? <ErrorState error={taking.error} /> : null}
      {fetching && !data ? <Loading /> : null}
      {inbox && items.length === 0 ? <EmptyState>{filtered ? t('inbox.emptyFiltered') : t('inbox.empty')}</EmptyState> : null}
      {items.length > 0 ? (
        <Card withBorder padding={0} style={{ overflowX: 'auto' }}>
          <Table striped highlightOnHover data-testid="claims">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('claims.number')}</Table.Th>
                <Table.Th>{t('claims.participant')}</Table.Th>
                <Table.Th>{t('common.city')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>{t('inbox.sla')}</Table.Th>
                <Table.Th>{t('inbox.assignee')}</Table.Th>
                <Table.Th ta="right">{t('claims.benefit')}</Table.Th>
                <Table.Th>{t('claims.submittedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((claim) => {
                const zone = claim.participant.municipality.timeZone;
                const take_ = takeState(claim, session);
                return (
                  <Table.Tr key={claim.id} data-claim={claim.number}>
                    <Table.Td>
                      <Anchor component={Link} to={`/claims/${claim.id}`}>
                        {claim.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{claim.participant.fullName}</Table.Td>
                    <Table.Td>{claim.participant.municipality.name}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={claim.status} />
                    </Table.Td>
                    <Table.Td>
                      <SlaBadge clocks={claim.sla} timeZone={zone} holidays={holidays} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {take_ === 'take' ? (
                          <Button
                            size="xs"
                            variant="light"
                            loading={taking.fetching && taking.operation?.variables.claimId === claim.id}
                            aria-label={t('inbox.takeLabel', { number: claim.number })}
                            onClick={() => void take({ claimId: claim.id }).then((r) => !r.error && refetch({ requestPolicy: 'network-only' }))}
                          >
                            {t('inbox.take')}
                          </Button>
                        ) : take_ === 'mine' ? (
                          <Text size="sm" fw={600}>
                            {t('inbox.yours')}
                          </Text>
                        ) : (
                          <Text size="sm">{claim.assignee ?? t('inbox.nobody')}</Text>
                        )}
                        {canAssign(claim, session) ? <AssignClaim claim={claim} suggestions={knownAssignees} onDone={() => refetch({ requestPolicy: 'network-only' })} /> : null}
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right">{formatRupiah(claim.benefit.total)}</Table.Td>
                    <Table.Td>{formatInstant(claim.submittedAt, zone, lang)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Card>
      ) : null}
      <Group>
        <Button variant="default" size="xs" disabled={pages.pageNumber === 1} onClick={pages.previous}>
          {t('common.previous')}
        </Button>
        <Text size="sm">{t('common.page', { page: pages.pageNumber })}</Text>
        <Button variant="default" size="xs" disabled={!inbox?.hasNextPage} onClick={() => pages.next(inbox?.endCursor)}>
          {t('common.next')}
        </Button>
      </Group>
      <NewClaimForm timeZone={city ? zoneOf(city) : session.cities !== 'ALL' && session.cities[0] ? zoneOf(session.cities[0]) : 'Asia/Jakarta'} />
    </Stack>
  );
}
