import { Button, Card, Group, Stack, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { asFileRouteError, downloadWithToken, FileRouteError } from '../../api/files';
import { useSession } from '../../auth/useSession';
import type { ConsoleBillingQuery } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatLocalDate, formatRupiah } from '../../lib/format';
import { EmptyState, ErrorState } from '../../ui/States';

type Invoice = ConsoleBillingQuery['contributionInvoices']['nodes'][number];

/** What an invoice still asks for: its total less payments and credit notes (never below zero). */
export function outstandingOf(invoice: Pick<Invoice, 'kind' | 'total' | 'paid' | 'credited'>): bigint | null {
  if (invoice.kind !== 'INVOICE') return null;
  const left = BigInt(invoice.total) - BigInt(invoice.paid) - BigInt(invoice.credited);
  return left > 0n ? left : 0n;
}

/** One page of invoices and credit notes, newest month first, with their PDF and CSV through the gateway. */
export function InvoiceTable({ invoices, pager }: { invoices: readonly Invoice[]; pager: React.ReactNode }) {
  const { t, lang } = useLang();
  const { session } = useSession();
  const [failure, setFailure] = useState<FileRouteError | null>(null);
  const save = (path: string, name: string) => {
    setFailure(null);
    downloadWithToken(session.token, path, name).catch((error: unknown) => setFailure(asFileRouteError(error)));
  };
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t('billing.invoices')}
      </Title>
      {failure ? <ErrorState error={failure} /> : null}
      {invoices.length === 0 ? <EmptyState>{t('billing.noInvoices')}</EmptyState> : null}
      {invoices.length > 0 ? (
        <Card withBorder padding={0} style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={t('billing.invoices')}>
          <Table striped data-testid="invoices" style={{ whiteSpace: 'nowrap' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('billing.number')}</Table.Th>
                <Table.Th>{t('billing.month')}</Table.Th>
                <Table.Th>{t('billing.issuedOn')}</Table.Th>
                <Table.Th>{t('billing.dueOn')}</Table.Th>
                <Table.Th ta="right">{t('billing.billed')}</Table.Th>
                <Table.Th ta="right">{t('billing.paid')}</Table.Th>
                <Table.Th ta="right">{t('billing.credited')}</Table.Th>
                <Table.Th ta="right">{t('billing.outstanding')}</Table.Th>
                <Table.Th>{t('billing.documents')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invoices.map((invoice) => {
                const outstanding = outstandingOf(invoice);
                return (
                  <Table.Tr key={invoice.id}>
                    <Table.Td>
                      {invoice.number}
                      {invoice.kind === 'CREDIT_NOTE' ? ` (${t('billing.creditNote')})` : ''}
                    </Table.Td>
                    <Table.Td>{formatLocalDate(`${invoice.month}-01`, lang).split(' ').slice(1).join(' ')}</Table.Td>
                    <Table.Td>{formatLocalDate(invoice.issuedOn, lang)}</Table.Td>
                    <Table.Td>{formatLocalDate(invoice.dueOn, lang)}</Table.Td>
                    <Table.Td ta="right">{formatRupiah(invoice.total)}</Table.Td>
                    <Table.Td ta="right">{formatRupiah(invoice.paid)}</Table.Td>
                    <Table.Td ta="right">{formatRupiah(invoice.credited)}</Table.Td>
                    <Table.Td ta="right" fw={outstanding ? 700 : undefined}>
                      {outstanding === null ? '—' : formatRupiah(outstanding)}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-xs"
                          variant="light"
                          aria-label={t('billing.pdfLabel', { number: invoice.number })}
                          onClick={() => save(invoice.pdfPath, `${invoice.number.replace(/\//g, '-')}.pdf`)}
                        >
                          PDF
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="light"
                          aria-label={t('billing.csvLabel', { number: invoice.number })}
                          onClick={() => save(invoice.csvPath, `${invoice.number.replace(/\//g, '-')}.csv`)}
                        >
                          CSV
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Card>
      ) : null}
      {pager}
    </Stack>
  );
}
