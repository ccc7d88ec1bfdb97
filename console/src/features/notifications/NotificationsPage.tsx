import { Button, Card, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ConsoleAcknowledgeDocument, ConsoleCoverageDocument, ConsoleNotificationsDocument } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatInstant, formatLocalDate } from '../../lib/format';
import { usePaged } from '../../ui/Paged';
import { EmptyState, ErrorState, Loading } from '../../ui/States';

/** Managers and city operators: reminders, signatures, expiries and alarms to acknowledge. */
export default function NotificationsPage() {
  const { t, lang } = useLang();
  const [openOnly, setOpenOnly] = useState(true);
  const [{ data, fetching, error }, refetch] = useQuery({ query: ConsoleNotificationsDocument, variables: { unacknowledgedOnly: openOnly, first: 100 } });
  const [cities] = useQuery({ query: ConsoleCoverageDocument });
  const [ack, acknowledge] = useMutation(ConsoleAcknowledgeDocument);
  const zoneOf = (municipalityId: string) => cities.data?.municipalities.find((c) => c.id === municipalityId)?.timeZone ?? 'Asia/Jakarta';
  const cityOf = (municipalityId: string) => cities.data?.municipalities.find((c) => c.id === municipalityId)?.name ?? '';
  const list = data?.notifications ?? [];
  const { page, controls } = usePaged(list);

  return (
    <Stack>
      <Title order={2}>{t('notifications.title')}</Title>
      <Switch label={t('notifications.onlyOpen')} checked={openOnly} onChange={(e) => setOpenOnly(e.currentTarget.checked)} />
      {error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {ack.error ? <ErrorState error={ack.error} /> : null}
      {fetching && !data ? <Loading /> : null}
      {data && list.length === 0 ? <EmptyState>{t('notifications.empty')}</EmptyState> : null}
      <Stack gap="xs" data-testid="notifications">
        {page.map((n) => (
          <Card withBorder key={n.id} padding="sm" data-testid="notification">
            <Group justify="space-between" wrap="nowrap" align="start">
              <Stack gap={2}>
                <Text fw={600}>{n.title}</Text>
                <Text size="sm">{n.message}</Text>
                <Text size="xs" c="dimmed">
                  {n.kind} · {cityOf(n.municipalityId)} · {formatLocalDate(n.occurredOn, lang)}
                </Text>
                {n.acknowledgedBy ? (
                  <Text size="xs" c="teal.9" data-testid="acknowledged">
                    {t('notifications.acknowledged', { who: n.acknowledgedBy, when: formatInstant(n.acknowledgedAt, zoneOf(n.municipalityId), lang) })}
                  </Text>
                ) : null}
              </Stack>
              {n.acknowledgedBy ? null : (
                <Button
                  size="xs"
                  loading={ack.fetching}
                  aria-label={t('notifications.acknowledgeLabel', { title: n.title })}
                  onClick={() => void acknowledge({ id: n.id }).then(() => refetch({ requestPolicy: 'network-only' }))}
                >
                  {t('notifications.acknowledge')}
                </Button>
              )}
            </Group>
          </Card>
        ))}
      </Stack>
      {list.length > 0 ? controls : null}
    </Stack>
  );
}
