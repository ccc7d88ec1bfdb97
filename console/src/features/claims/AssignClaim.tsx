import { Autocomplete, Button, Group, Popover, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useMutation } from 'urql';
import { ConsoleAssignClaimDocument } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { ErrorState } from '../../ui/States';

/**
 * A supervisor hands a case to a caseworker by user name (the name they sign in with), moves it
 * to another, or takes it off everyone's list (assignClaim). `suggestions` are names the page
 * already knows (the inbox's current assignees).
 */
export function AssignClaim({
  claim,
  suggestions = [],
  onDone,
}: {
  claim: { id: string; number: string; assignee: string | null };
  suggestions?: readonly string[];
  onDone: () => void;
}) {
  const { t } = useLang();
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState('');
  const [empty, setEmpty] = useState(false);
  const [assigning, assign] = useMutation(ConsoleAssignClaimDocument);

  const send = async (assignee: string | null) => {
    const result = await assign({ claimId: claim.id, assignee });
    if (result.error) return;
    setOpened(false);
    setName('');
    onDone();
  };
  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    setEmpty(!trimmed);
    if (trimmed) void send(trimmed);
  };

  return (
    <Popover opened={opened} onChange={setOpened} trapFocus position="bottom-start" withArrow shadow="md" width={320}>
      <Popover.Target>
        <Button size="xs" variant="default" aria-label={t('assign.openLabel', { number: claim.number })} onClick={() => setOpened((o) => !o)}>
          {t('assign.open')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form onSubmit={onSubmit} aria-label={t('assign.openLabel', { number: claim.number })}>
          <Stack gap="xs">
            <Autocomplete
              label={t('assign.to')}
              description={t('assign.help')}
              data={[...new Set(suggestions.filter((s) => s !== claim.assignee))]}
              value={name}
              onChange={(value) => {
                setName(value);
                setEmpty(false);
              }}
              error={empty ? t('assign.required') : undefined}
              maxLength={200}
              data-autofocus
            />
            {claim.assignee ? (
              <Text size="xs" c="dimmed">
                {t('assign.current', { name: claim.assignee })}
              </Text>
            ) : null}
            {assigning.error ? <ErrorState error={assigning.error} /> : null}
            <Group gap="xs">
              <Button type="submit" size="xs" loading={assigning.fetching && assigning.operation?.variables.assignee !== null}>
                {t('assign.submit')}
              </Button>
              {claim.assignee ? (
                <Button size="xs" variant="subtle" color="red" loading={assigning.fetching && assigning.operation?.variables.assignee === null} onClick={() => void send(null)}>
                  {t('assign.unassign')}
                </Button>
              ) : null}
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
