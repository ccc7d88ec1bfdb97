import { Alert, Button, Center, Loader, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { CombinedError } from 'urql';
import { errorCodeOf } from '../api/client';
import { useLang } from '../i18n';

/** What went wrong, in words that say what to do, with a retry. */
export function ErrorState({ error, onRetry }: { error: CombinedError | Error; onRetry?: () => void }) {
  const { t } = useLang();
  const code = 'graphQLErrors' in error ? errorCodeOf(error) : 'code' in error && typeof error.code === 'string' ? error.code : 'UNKNOWN';
  const message = 'graphQLErrors' in error ? (error.graphQLErrors[0]?.message ?? error.message) : error.message;
  const known = [
    'UNAUTHENTICATED',
    'FORBIDDEN',
    'FOUR_EYES',
    'INVALID_TRANSITION',
    'NOT_FOUND',
    'BAD_USER_INPUT',
    'CONFLICT',
    'NOT_ELIGIBLE',
    'SERVICE_UNAVAILABLE',
    'RATE_LIMITED',
    'NETWORK',
  ];
  const text = t(`errors.${code && known.includes(code) ? code : 'UNKNOWN'}`, { message });
  return (
    <Alert color="red" title={code ?? 'ERROR'} role="alert">
      <Stack gap="xs">
        <Text size="sm">{text}</Text>
        {code !== null && known.includes(code) && message && message !== text ? (
          <Text size="xs" c="dimmed">
            {message}
          </Text>
        ) : null}
        {onRetry ? (
          <Button size="xs" variant="light" onClick={onRetry} w="fit-content">
            {t('common.retry')}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return (
    <Alert color="gray" variant="light">
      <Text size="sm">{children}</Text>
    </Alert>
  );
}

export function Loading() {
  const { t } = useLang();
  return (
    // aria-label is not allowed on the loader's plain span (axe: aria-prohibited-attr); a status with hidden text is.
    <Center p="md" role="status">
      <Loader size="sm" aria-hidden />
      <VisuallyHidden>{t('common.loading')}</VisuallyHidden>
    </Center>
  );
}
