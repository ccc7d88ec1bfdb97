import { Alert, Button, Card, Center, Divider, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { ConsoleConfig } from '../api/config';
import { requestDevToken } from '../api/config';
import { useLang } from '../i18n';
import { beginOidcSignIn } from './oidc';
import { ROLES, sessionFromToken, type Session } from './session';

/** The four seed cities: before sign-in there is no token to ask the API for the list. */
const SEED_CITIES = [
  { code: '18.72', name: 'Kota Metro' },
  { code: '96.71', name: 'Kota Sorong' },
  { code: '61.71', name: 'Kota Pontianak' },
  { code: '71.74', name: 'Kota Kotamobagu' },
];

export function SignInPage({ config, onSignedIn, expired }: { config: ConsoleConfig; onSignedIn: (session: Session) => void; expired: boolean }) {
  const { t } = useLang();
  const [role, setRole] = useState<string>('caseworker');
  const [city, setCity] = useState<string>('18.72');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const token = await requestDevToken(role, city === 'ALL' ? 'ALL' : [city], name.trim());
      const session = sessionFromToken(token, 'dev');
      if (!session) throw new Error('token');
      onSignedIn(session);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md" component="main">
      <Card withBorder shadow="sm" w={420} padding="lg">
        <Stack>
          <Title order={1} size="h3">
            {t('signIn.title')}
          </Title>
          {expired ? <Alert color="orange">{t('signIn.expired')}</Alert> : null}
          {error ? (
            <Alert color="red" role="alert">
              {t('signIn.failed', { message: error })}
            </Alert>
          ) : null}
          {config.oidc ? <Button onClick={() => void beginOidcSignIn(config.oidc!).catch((failure: Error) => setError(failure.message))}>{t('signIn.oidc')}</Button> : null}
          {config.oidc && config.devSignIn ? <Divider /> : null}
          {config.devSignIn ? (
            <form onSubmit={(event) => void submit(event)}>
              <Stack gap="sm">
                <Title order={2} size="h5">
                  {t('signIn.dev')}
                </Title>
                <Text size="xs" c="dimmed">
                  {t('signIn.devHelp')}
                </Text>
                <Select
                  label={t('signIn.role')}
                  data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                  value={role}
                  onChange={(v) => setRole(v ?? 'caseworker')}
                  allowDeselect={false}
                />
                <Select
                  label={t('signIn.city')}
                  data={[...SEED_CITIES.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` })), { value: 'ALL', label: t('signIn.allCities') }]}
                  value={city}
                  onChange={(v) => setCity(v ?? '18.72')}
                  allowDeselect={false}
                />
                <TextInput
                  label={t('signIn.name')}
                  description={t('signIn.nameHelp')}
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  required
                  pattern="[A-Za-z0-9._@\-]{1,64}"
                />
                <Button type="submit" loading={busy}>
                  {t('signIn.submit')}
                </Button>
              </Stack>
            </form>
          ) : null}
          {!config.oidc && !config.devSignIn ? <Alert color="red">{t('signIn.noMethod')}</Alert> : null}
        </Stack>
      </Card>
    </Center>
  );
}
