import { AppShell, Burger, Button, Group, NavLink, SegmentedControl, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import type { Session } from '../auth/session';
import { setLanguage, useLang } from '../i18n';
import { ROUTES } from './routes';

export function Shell({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const { t, lang } = useLang();
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  const mine = ROUTES.filter((route) => route.inMenu && route.roles.some((role) => session.roles.includes(role)));
  const scope = session.cities === 'ALL' ? t('app.allCities') : session.cities.join(', ');
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <a href="#main" className="skip-link">
          {t('app.skip')}
        </a>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Title order={1} size="h4">
              {t('app.title')}
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t('app.subtitle')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" data-testid="signed-in">
              {t('app.signedInAs', { name: session.subject, role: session.roles.map((r) => t(`roles.${r}`)).join(', ') })} · {scope}
            </Text>
            <VisuallyHidden id="language-label">{t('app.language')}</VisuallyHidden>
            <SegmentedControl
              size="xs"
              aria-labelledby="language-label"
              value={lang}
              onChange={(value) => setLanguage(value === 'en' ? 'en' : 'id')}
              data={[
                { value: 'id', label: 'ID' },
                { value: 'en', label: 'EN' },
              ]}
            />
            <Button size="xs" variant="default" onClick={onSignOut}>
              {t('app.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Menu">
        <Stack gap={2} component="nav">
          {mine.map((route) => (
            <NavLink
              key={route.path}
              component={RouterLink}
              to={`/${route.path}`}
              label={t(route.nav)}
              variant="filled"
              active={location.pathname === `/${route.path}` || location.pathname.startsWith(`/${route.path}/`)}
            />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
