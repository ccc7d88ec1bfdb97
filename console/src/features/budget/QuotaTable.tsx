import { Card, Progress, Table, Title } from '@mantine/core';
import type { ConsoleMouBudgetQuery } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatCount } from '../../lib/format';

export function QuotaTable({ report }: { report: ConsoleMouBudgetQuery['mouQuotaUse'] }) {
  const { t, lang } = useLang();
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">
        {t('budget.quota')}
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('budget.group')}</Table.Th>
            <Table.Th ta="right">{t('budget.places')}</Table.Th>
            <Table.Th ta="right">{t('budget.used')}</Table.Th>
            <Table.Th w="30%" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.groups.map((group) => (
            <Table.Tr key={group.group}>
              <Table.Td>{t(`groups.${group.group}`)}</Table.Td>
              <Table.Td ta="right">{formatCount(group.quota, lang)}</Table.Td>
              <Table.Td ta="right">{formatCount(group.used, lang)}</Table.Td>
              <Table.Td>
                <Progress value={group.quota > 0 ? (100 * group.used) / group.quota : 0} aria-label={`${t(`groups.${group.group}`)}: ${group.used} / ${group.quota}`} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
