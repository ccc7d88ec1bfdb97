import { Card, Table, Text, Title } from '@mantine/core';
import type { ConsoleClaimQuery } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatInstant } from '../../lib/format';

type Event = NonNullable<ConsoleClaimQuery['claim']>['timeline'][number];

/** Every event of the claim, oldest first: what happened, who did it, when (in the city's zone), and why. */
export function Timeline({ events, timeZone }: { events: readonly Event[]; timeZone: string }) {
  const { t, lang } = useLang();
  return (
    <Card withBorder>
      <Title order={3} size="h5">
        {t('timeline.title')}
      </Title>
      <Table data-testid="timeline" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('timeline.at')}</Table.Th>
            <Table.Th>{t('timeline.event')}</Table.Th>
            <Table.Th>{t('timeline.actor')}</Table.Th>
            <Table.Th>{t('common.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e, i) => {
            // Document events carry the document type where other events carry a reason code.
            const about = e.action.startsWith('DOCUMENT_') && e.reasonCode ? t(`documents.types.${e.reasonCode}`, { defaultValue: e.reasonCode }) : e.reasonCode;
            return (
              <Table.Tr key={`${e.at}-${i}`}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatInstant(e.at, timeZone, lang)}</Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {t(`timeline.actions.${e.action}`, { defaultValue: e.action })}
                    {about ? `: ${about}` : ''}
                  </Text>
                  {e.note ? (
                    <Text size="xs" c="dimmed">
                      {e.note}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{e.actor}</Table.Td>
                <Table.Td>
                  {e.fromStatus && e.fromStatus !== e.toStatus ? `${t(`status.${e.fromStatus}`, { defaultValue: e.fromStatus })} → ` : ''}
                  {t(`status.${e.toStatus}`, { defaultValue: e.toStatus })}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
