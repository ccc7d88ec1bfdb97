import { Card, Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useQuery } from 'urql';
import { ConsoleAuditLogDocument } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatInstant } from '../../lib/format';
import { usePaged } from '../../ui/Paged';
import { EmptyState, ErrorState, Loading } from '../../ui/States';

const ZONES: Record<string, string> = { '18.72': 'Asia/Jakarta', '61.71': 'Asia/Jakarta', '71.74': 'Asia/Makassar', '96.71': 'Asia/Jayapura' };

/** Managers: every recorded change, newest first, from the three services. */
export default function AuditPage() {
  const { t, lang } = useLang();
  const [source, setSource] = useState('');
  const [entityId, setEntityId] = useState('');
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ConsoleAuditLogDocument,
    variables: { first: 200, entityId: /^[0-9a-f-]{36}$/i.test(entityId.trim()) ? entityId.trim() : null },
  });
  const rows = [
    ...(!source || source === 'municipalities' ? (data?.municipalitiesAuditLog ?? []).map((e) => ({ ...e, source: 'municipalities' })) : []),
    ...(!source || source === 'participants' ? (data?.participantsAuditLog ?? []).map((e) => ({ ...e, source: 'participants' })) : []),
    ...(!source || source === 'claims' ? (data?.claimsAuditLog ?? []).map((e) => ({ ...e, source: 'claims' })) : []),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const { page, controls } = usePaged(rows, 25);

  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      <Group align="end">
        <Select
          label={t('audit.source')}
          data={[
            {
              value: '',
              label:
                t('common.allCities')
                  .replace(/kota|cities/i, '')
                  .trim() || 'all',
            },
            ...['municipalities', 'participants', 'claims'].map((s) => ({ value: s, label: s })),
          ]}
          value={source}
          onChange={(v) => setSource(v ?? '')}
          allowDeselect={false}
          w={200}
        />
        <TextInput label={t('audit.entityFilter')} value={entityId} onChange={(e) => setEntityId(e.currentTarget.value)} w={340} />
      </Group>
      {error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {fetching && !data ? <Loading /> : null}
      {data && rows.length === 0 ? <EmptyState>{t('audit.empty')}</EmptyState> : null}
      {rows.length > 0 ? (
        <Card withBorder padding={0}>
          <Table striped data-testid="audit">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.at')}</Table.Th>
                <Table.Th>{t('audit.source')}</Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.entity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.map((e) => (
                <Table.Tr key={`${e.source}-${e.id}`}>
                  <Table.Td>{formatInstant(e.at, ZONES[e.regionCode ?? ''] ?? 'Asia/Jakarta', lang)}</Table.Td>
                  <Table.Td>{e.source}</Table.Td>
                  <Table.Td>{e.actor}</Table.Td>
                  <Table.Td>{e.action}</Table.Td>
                  <Table.Td>
                    {e.entityType} {e.entityId.slice(0, 8)} {e.regionCode ?? ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ) : null}
      {rows.length > 0 ? controls : null}
    </Stack>
  );
}
