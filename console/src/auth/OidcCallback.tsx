import { Alert, Center } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useLang } from '../i18n';
import { completeOidcSignIn, type OidcSettings } from './oidc';
import { sessionFromToken, type Session } from './session';

/** /console/oidc/callback: the provider sends the browser back here with a code. */
export function OidcCallback({ settings, onSignedIn }: { settings: OidcSettings; onSignedIn: (session: Session) => void }) {
  const { t } = useLang();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    completeOidcSignIn(settings, new URLSearchParams(location.search))
      .then((token) => {
        const session = sessionFromToken(token, 'oidc');
        if (!session) throw new Error('The access token names no Lindung roles or cities.');
        onSignedIn(session);
        void navigate('/', { replace: true });
      })
      .catch((failure: Error) => setError(failure.message));
  }, []); // once, on arrival
  return <Center p="xl">{error ? <Alert color="red">{t('signIn.failed', { message: error })}</Alert> : t('signIn.callback')}</Center>;
}
