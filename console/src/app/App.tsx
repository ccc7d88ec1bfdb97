import { Alert } from '@mantine/core';
import { useMemo, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Provider } from 'urql';
import { createClient } from '../api/client';
import type { ConsoleConfig } from '../api/config';
import { OidcCallback } from '../auth/OidcCallback';
import { loadSession, saveSession, type Session } from '../auth/session';
import { SignInPage } from '../auth/SignInPage';
import { SessionContext } from '../auth/useSession';
import { useLang } from '../i18n';
import { Guard } from './Guard';
import { homeFor, ROUTES } from './routes';
import { Shell } from './Shell';

export function App({ config }: { config: ConsoleConfig }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [expired, setExpired] = useState(false);
  const signIn = (next: Session) => {
    saveSession(next);
    setExpired(false);
    setSession(next);
  };
  const signOut = () => {
    saveSession(null);
    setSession(null);
  };
  const client = useMemo(
    () =>
      session
        ? createClient(session.token, () => {
            setExpired(true);
            signOut();
          })
        : null,
    [session],
  );

  return (
    <BrowserRouter basename="/console">
      <Routes>
        <Route path="oidc/callback" element={config.oidc ? <OidcCallback settings={config.oidc} onSignedIn={signIn} /> : <Navigate to="/" replace />} />
        {session && client ? (
          <Route
            element={
              <Provider value={client}>
                <SessionContext.Provider value={{ session, config }}>
                  <Shell session={session} onSignOut={signOut} />
                </SessionContext.Provider>
              </Provider>
            }
          >
            <Route index element={<Home session={session} />} />
            {ROUTES.map((route) => (
              <Route key={route.path} path={route.path} element={<Guard route={route} session={session} />} />
            ))}
            <Route path="*" element={<Navigate to="/" replace />} />
          </Route>
        ) : (
          <Route path="*" element={<SignInPage config={config} onSignedIn={signIn} expired={expired} />} />
        )}
      </Routes>
    </BrowserRouter>
  );
}

function Home({ session }: { session: Session }) {
  const { t } = useLang();
  const home = homeFor(session.roles);
  if (home) return <Navigate to={`/${home}`} replace />;
  return (
    <Alert color="orange" title={t('common.forbiddenTitle')} data-testid="forbidden">
      {session.roles.includes('partner') ? t('common.partnerHome') : t('common.home')}
    </Alert>
  );
}
