import { Anchor, Button, Card, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../auth/useSession';
import { ConsoleClaimDocument, ConsoleTakeClaimDocument } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatInstant, formatLocalDate, formatRupiah } from '../../lib/format';
import { EmptyState, ErrorState, Loading } from '../../ui/States';
import { StatusBadge } from '../../ui/StatusBadge';
import { ClaimActions } from './ClaimActions';
import { AssignClaim } from './AssignClaim';
import { canAssign, takeState } from './claimActions';
import { DocumentChecklist } from './DocumentChecklist';
import { HeirsCard } from './HeirsCard';
import { SlaBadge, useHolidays } from './SlaBadge';
import { Timeline } from './Timeline';

/** One claim: who, what it pays and why, the heirs and documents, who acted when, and what you may do next. */
export default function ClaimPage() {
  const { t, lang } = useLang();
  const { session } = useSession();
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ConsoleClaimDocument, variables: { id }, requestPolicy: 'network-only' });
  const [taking, take] = useMutation(ConsoleTakeClaimDocument);
  const claim = data?.claim;
  const holidays = useHolidays(claim?.participant.municipality.code ?? null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  // An approved claim is paid by its workflow within moments: look again until it is.
  useEffect(() => {
    if (claim?.status !== 'APPROVED') return;
    const timer = setTimeout(() => refetch({ requestPolicy: 'network-only' }), 1000);
    return () => clearTimeout(timer);
  }, [claim?.status, data, refetch]);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (fetching && !data) return <Loading />;
  if (!claim) return <EmptyState>{t('errors.NOT_FOUND')}</EmptyState>;
  const zone = claim.participant.municipality.timeZone;
  const taken = takeState(claim, session);

  return (
    <Stack>
      <Anchor component={Link} to="/claims" size="sm">
        ← {t('nav.claims')}
      </Anchor>
      <Group>
        <Title order={2}>{t('claim.title', { number: claim.number })}</Title>
        <span data-testid="claim-status">
          <StatusBadge status={claim.status} />
        </span>
        <SlaBadge clocks={claim.sla} timeZone={zone} holidays={holidays} />
      </Group>
      <Text size="sm">
        {claim.program} · {claim.participant.fullName} · {claim.participant.municipality.name} · {t('claims.incidentDate')}: {formatLocalDate(claim.incidentDate, lang)}
      </Text>
      <Group gap="xs">
        <Text size="sm" data-testid="assignee">
          {t('inbox.assignee')}: {taken === 'mine' ? t('inbox.yours') : (claim.assignee ?? t('inbox.nobody'))}
        </Text>
        {taken === 'take' ? (
          <Button size="xs" variant="light" loading={taking.fetching} onClick={() => void take({ claimId: claim.id }).then((r) => !r.error && reload())}>
            {t('inbox.take')}
          </Button>
        ) : null}
        {canAssign(claim, session) ? <AssignClaim claim={claim} onDone={reload} /> : null}
      </Group>
      {taking.error ? <ErrorState error={taking.error} /> : null}
      {claim.rejection ? (
        <Text c="red.9">{t('claim.rejection', { reason: t(`claim.rejectReasons.${claim.rejection.reasonCode}`, { defaultValue: claim.rejection.reason }) })}</Text>
      ) : null}
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <DocumentChecklist claim={claim} timeZone={zone} onDone={reload} />
            <HeirsCard claim={claim} onDone={reload} />
            <Card withBorder>
              <Title order={3} size="h5">
                {t('claim.breakdown')}
              </Title>
              <Text size="xs" c="dimmed" data-testid="rule-version">
                {t('claim.regulation', { regulation: claim.benefit.regulation })}
                {claim.ruleVersion ? ` · ${t('claim.ruleVersion', { version: claim.ruleVersion })}` : ''}
              </Text>
              <Table data-testid="breakdown">
                <Table.Tbody>
                  {claim.benefit.components.map((c) => (
                    <Table.Tr key={c.code}>
                      <Table.Td>{t(`claim.components.${c.code}`, { defaultValue: c.label })}</Table.Td>
                      <Table.Td ta="right">{formatRupiah(c.amount)}</Table.Td>
                    </Table.Tr>
                  ))}
                  <Table.Tr>
                    <Table.Td fw={700}>{t('claim.total')}</Table.Td>
                    <Table.Td ta="right" fw={700} data-testid="benefit-total">
                      {formatRupiah(claim.benefit.total)}
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Card>
            <Timeline events={claim.timeline} timeZone={zone} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <ClaimActions claim={claim} onDone={reload} />
            <Card withBorder>
              <Title order={3} size="h5">
                {t('claim.payouts')}
              </Title>
              {claim.heirPayouts.length === 0 ? <Text size="sm">{claim.status === 'APPROVED' ? t('claim.paying') : t('claim.noPayouts')}</Text> : null}
              {claim.heirPayouts.length > 0 ? (
                <Table data-testid="payouts">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('claim.reference')}</Table.Th>
                      <Table.Th ta="right">{t('claims.benefit')}</Table.Th>
                      <Table.Th>{t('common.status')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {claim.heirPayouts.map((p) => (
                      <Table.Tr key={p.id}>
                        <Table.Td>{p.reference}</Table.Td>
                        <Table.Td ta="right">{formatRupiah(p.amount)}</Table.Td>
                        <Table.Td>
                          {t(`payout.${p.status}`, { defaultValue: p.status })}
                          {p.confirmedAt || p.sentAt ? ` · ${formatInstant(p.confirmedAt ?? p.sentAt, zone, lang)}` : ''}
                          {p.failureCode ? ` · ${p.failureMessage ?? p.failureCode}` : ''}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : null}
            </Card>
            <Card withBorder>
              <Title order={3} size="h5">
                {t('claim.people')}
              </Title>
              <Text size="sm">
                {t('claim.submittedBy')}: {claim.submittedBy} ({formatInstant(claim.submittedAt, zone, lang)})
              </Text>
              <Text size="sm">
                {t('claim.verifiedBy')}: {claim.verifiedBy ?? '—'}
              </Text>
              <Text size="sm">
                {t('claim.approvedBy')}: {claim.approvedBy ?? '—'}
              </Text>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
