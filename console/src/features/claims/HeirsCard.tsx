import { Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { maskAccountNumber } from '../../../../domain/payouts/payout-key';
import { useSession } from '../../auth/useSession';
import { ConsoleSetPayoutAccountDocument, type ConsoleClaimQuery } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatRupiah } from '../../lib/format';
import { ErrorState } from '../../ui/States';
import { canEnterPayoutAccount } from './claimActions';

type Claim = NonNullable<ConsoleClaimQuery['claim']>;
/** The banks heirs name most often, by their 3-digit clearing code (domain/payouts/payout-key.ts). */
const BANKS = [
  ['002', 'BRI'],
  ['008', 'Mandiri'],
  ['009', 'BNI'],
  ['014', 'BCA'],
  ['200', 'BTN'],
  ['451', 'BSI'],
  ['022', 'CIMB Niaga'],
  ['011', 'Danamon'],
  ['013', 'Permata'],
] as const;
const bankName = (code: string) => BANKS.find(([c]) => c === code)?.[1] ?? code;
/** The API masks numbers for most roles already; a full one is masked here too. */
const masked = (number: string) => (/^\d+$/.test(number) ? maskAccountNumber(number) : number);

/** The heirs in legal order with their shares, and where each is paid (account numbers masked on screen). */
export function HeirsCard({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const { t } = useLang();
  const { session } = useSession();
  const [editing, setEditing] = useState<string | null>(null);
  const [bankCode, setBankCode] = useState<string | null>('002');
  const [accountNumber, setAccountNumber] = useState('');
  const [holderName, setHolderName] = useState('');
  const [saved, save] = useMutation(ConsoleSetPayoutAccountDocument);
  const mayEnter = canEnterPayoutAccount(claim.status, session);
  const accountOf = (heirId: string) => claim.payoutAccounts.find((a) => a.heirId === heirId);
  const heir = claim.heirs.find((h) => h.id === editing);
  // Keyboard users land in the form that just opened below the table.
  const accountField = useRef<HTMLInputElement>(null);
  useEffect(() => accountField.current?.focus(), [editing]);

  const open = (heirId: string) => {
    const current = accountOf(heirId);
    setEditing(heirId);
    setBankCode(current?.bankCode ?? '002');
    setAccountNumber('');
    setHolderName(current?.holderName ?? claim.heirs.find((h) => h.id === heirId)?.name ?? '');
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!editing || !bankCode) return;
    void save({ input: { claimId: claim.id, heirId: editing, bankCode, accountNumber: accountNumber.trim(), holderName: holderName.trim() } }).then((r) => {
      if (r.error) return;
      setEditing(null);
      onDone();
    });
  };

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('heirs.title')}
        </Title>
        <div style={{ overflowX: 'auto' }}>
          <Table data-testid="heirs" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('heirs.name')}</Table.Th>
                <Table.Th>{t('heirs.share')}</Table.Th>
                <Table.Th ta="right">{t('heirs.amount')}</Table.Th>
                <Table.Th>{t('heirs.account')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {claim.heirs.map((h) => {
                const account = accountOf(h.id);
                // Shown masked to everyone here: the full number is only needed by the bank.
                const shown = account
                  ? `${bankName(account.bankCode)} ${masked(account.accountNumber)} · ${account.holderName}`
                  : h.bankAccount
                    ? `${h.bankName ?? ''} ${masked(h.bankAccount)}`
                    : t('heirs.noAccount');
                return (
                  <Table.Tr key={h.id} data-heir={h.name}>
                    <Table.Td>
                      <Text size="sm">{h.name}</Text>
                      <Text size="xs" c="dimmed">
                        {t(`claims.heirs.${h.relationship}`)} · {t('heirs.order', { order: h.legalOrder })}
                        {h.phone ? ` · ${masked(h.phone.replace(/\D/g, ''))}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>{h.share}</Table.Td>
                    <Table.Td ta="right">{formatRupiah(h.amount)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" data-testid="heir-account">
                        {shown}
                      </Text>
                      {mayEnter ? (
                        <Button
                          size="compact-xs"
                          variant="default"
                          mt={4}
                          aria-label={`${t(account ? 'heirs.changeAccount' : 'heirs.enterAccount')}: ${h.name}`}
                          onClick={() => open(h.id)}
                        >
                          {t(account ? 'heirs.changeAccount' : 'heirs.enterAccount')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
        {saved.error ? <ErrorState error={saved.error} /> : null}
        {heir ? (
          <form onSubmit={submit} aria-label={t('heirs.formTitle', { name: heir.name })}>
            <Stack gap="xs">
              <Text fw={600} size="sm">
                {t('heirs.formTitle', { name: heir.name })}
              </Text>
              <Text size="xs" c="dimmed">
                {t('heirs.formHelp')}
              </Text>
              <Group grow align="start">
                <Select
                  label={t('heirs.bank')}
                  data={BANKS.map(([code, name]) => ({ value: code, label: `${code} ${name}` }))}
                  value={bankCode}
                  onChange={setBankCode}
                  allowDeselect={false}
                  required
                />
                <TextInput
                  label={t('heirs.accountNumber')}
                  description={t('heirs.accountNumberHelp')}
                  value={accountNumber}
                  onChange={(e) => setAccountNumber(e.currentTarget.value)}
                  inputMode="numeric"
                  pattern="[0-9 .\-]{6,26}"
                  autoComplete="off"
                  required
                  ref={accountField}
                />
                <TextInput label={t('heirs.holderName')} value={holderName} onChange={(e) => setHolderName(e.currentTarget.value)} required />
              </Group>
              <Group gap="xs">
                <Button type="submit" size="xs" loading={saved.fetching}>
                  {t('heirs.saveAccount')}
                </Button>
                <Button size="xs" variant="default" onClick={() => setEditing(null)}>
                  {t('claim.cancelForm')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Card>
  );
}
