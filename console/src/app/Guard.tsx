import { Alert } from '@mantine/core';
import { Suspense } from 'react';
import { hasAnyRole, type Session } from '../auth/session';
import { useLang } from '../i18n';
import { Loading } from '../ui/States';
import type { PageRoute } from './routes';

/** Opens a page only for the roles it is for; anyone else reads why. */
export function Guard({ route, session }: { route: PageRoute; session: Session }) {
  const { t } = useLang();
  if (!hasAnyRole(session, route.roles)) {
    return (
      <Alert color="orange" title={t('common.forbiddenTitle')} role="alert" data-testid="forbidden">
        {t('common.forbidden', { roles: session.roles.map((r) => t(`roles.${r}`)).join(', ') })}
      </Alert>
    );
  }
  const Page = route.page;
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}
