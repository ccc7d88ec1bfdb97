import { Alert, Button, Card, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useClient, useMutation } from 'urql';
import { ConsoleParticipantsByNikDocument, ConsoleSubmitClaimDocument, type HeirRelationship } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { todayIn } from '../../lib/format';
import { ErrorState } from '../../ui/States';

const RELATIONSHIPS: HeirRelationship[] = ['SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD', 'GRANDPARENT', 'SIBLING', 'PARENT_IN_LAW', 'WILL_BENEFICIARY', 'FUNERAL_ARRANGER'];

/** Files a JKM death claim for a participant found by NIK. */
export function NewClaimForm({ timeZone }: { timeZone: string }) {
  const { t } = useLang();
  const client = useClient();
  const navigate = useNavigate();
  const [nik, setNik] = useState('');
  const [incidentDate, setIncidentDate] = useState(() => todayIn(timeZone));
  const [heirName, setHeirName] = useState('');
  const [relationship, setRelationship] = useState<HeirRelationship>('SPOUSE');
  const [phone, setPhone] = useState('');
  const [missing, setMissing] = useState(false);
  const [submitted, submit] = useMutation(ConsoleSubmitClaimDocument);

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    setMissing(false);
    const found = await client.query(ConsoleParticipantsByNikDocument, { nik: nik.trim() }, { requestPolicy: 'network-only' }).toPromise();
    const participant = found.data?.participantsByNik.find((p) => p.status === 'ACTIVE') ?? found.data?.participantsByNik[0];
    if (!participant) return setMissing(true);
    const result = await submit({
      input: { participantId: participant.id, program: 'JKM', incidentDate, heir: { name: heirName.trim(), relationship, phone: phone.trim() || null } },
    });
    if (result.data) void navigate(`/claims/${result.data.submitClaim.id}`);
  };

  return (
    <Card withBorder>
      <form onSubmit={(event) => void onSubmit(event)}>
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('claims.newTitle')}
          </Title>
          <Group grow align="start">
            <TextInput
              label={t('claims.nik')}
              description={t('claims.nikHelp')}
              value={nik}
              onChange={(e) => setNik(e.currentTarget.value)}
              required
              inputMode="numeric"
              pattern="\d{16}"
            />
            <TextInput label={t('claims.incidentDate')} type="date" value={incidentDate} onChange={(e) => setIncidentDate(e.currentTarget.value)} required />
          </Group>
          <Group grow align="start">
            <TextInput label={t('claims.heirName')} value={heirName} onChange={(e) => setHeirName(e.currentTarget.value)} required />
            <Select
              label={t('claims.relationship')}
              data={RELATIONSHIPS.map((r) => ({ value: r, label: t(`claims.heirs.${r}`) }))}
              value={relationship}
              onChange={(v) => setRelationship((v as HeirRelationship) ?? 'SPOUSE')}
              allowDeselect={false}
            />
            <TextInput label={t('claims.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} inputMode="tel" />
          </Group>
          {missing ? <Alert color="orange">{t('claims.noParticipant')}</Alert> : null}
          {submitted.error ? <ErrorState error={submitted.error} /> : null}
          <Button type="submit" loading={submitted.fetching} w="fit-content">
            {t('claims.submit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
