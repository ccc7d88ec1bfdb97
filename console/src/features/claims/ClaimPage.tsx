import { Anchor, Card, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { ConsoleClaimDocument } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatInstant, formatLocalDate, formatRupiah } from '../../lib/format';
import { EmptyState, ErrorState, Loading } from '../../ui/States';
import { StatusBadge } from '../../ui/StatusBadge';
import { ClaimActions } from './ClaimActions';

/** One claim: who, what it pays and why, who acted, the payouts, and what you may do next. */
export default function ClaimPage() {
  const { t, lang } = useLang();
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ConsoleClaimDocument, variables: { id }, requestPolicy: 'network-only' });
  const claim = data?.claim;
  // An approved claim is paid by its workflow within moments: look again until it is.
  useEffect(() => {
    if (claim?.status !== 'APPROVED') return;
    const timer = setTimeout(() => refetch({ requestPolicy: 'network-only' }), 1000);
    return () => clearTimeout(timer);
  }, [claim?.status, data, refetch]);

  if (error) return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <Loading />;
  if (!claim) return <EmptyState>{t('errors.NOT_FOUND')}</EmptyState>;
  const zone = claim.participant.municipality.timeZone;

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
      </Group>
      <Text size="sm">
        {claim.program} · {claim.participant.fullName} · {claim.participant.municipality.name} · {t('claims.incidentDate')}: {formatLocalDate(claim.incidentDate, lang)}
      </Text>
      {claim.rejection ? (
        <Text c="red.9">{t('claim.rejection', { reason: t(`claim.rejectReasons.${claim.rejection.reasonCode}`, { defaultValue: claim.rejection.reason }) })}</Text>
      ) : null}
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Card withBorder>
              <Title order={3} size="h5">
                {t('claim.breakdown')}
              </Title>
              <Text size="xs" c="dimmed">
                {t('claim.regulation', { regulation: claim.benefit.regulation })}
              </Text>
              <Table data-testid="breakdown">
                <Table.Tbody>
                  {claim.benefit.components.map((c) => (
                    <Table.Tr key={c.code}>
                      <Table.Td>{c.label}</Table.Td>
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
            <Card withBorder>
              <Title order={3} size="h5">
                {t('claim.payouts')}
              </Title>
              {claim.payouts.length === 0 ? <Text size="sm">{claim.status === 'APPROVED' ? t('claim.paying') : t('claim.noPayouts')}</Text> : null}
              {claim.payouts.length > 0 ? (
                <Table data-testid="payouts">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('claim.reference')}</Table.Th>
                      <Table.Th ta="right">{t('claims.benefit')}</Table.Th>
                      <Table.Th>{t('claim.paidAt')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {claim.payouts.map((p) => (
                      <Table.Tr key={p.reference}>
                        <Table.Td>{p.reference}</Table.Td>
                        <Table.Td ta="right">{formatRupiah(p.amount)}</Table.Td>
                        <Table.Td>{formatInstant(p.paidAt, zone, lang)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : null}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <ClaimActions claim={claim} onDone={() => refetch({ requestPolicy: 'network-only' })} />
            <Card withBorder>
              <Title order={3} size="h5">
                {t('claim.heir')}
              </Title>
              <Text size="sm">
                {claim.heir.name} · {t(`claims.heirs.${claim.heir.relationship}`)} {claim.heir.phone ? `· ${claim.heir.phone}` : ''}
              </Text>
              <Title order={3} size="h5" mt="sm">
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
