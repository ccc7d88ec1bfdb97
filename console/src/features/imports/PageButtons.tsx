import { Button, Group, Text } from '@mantine/core';
import { useLang } from '../../i18n';
import type { useRowPages } from './rowPages';

export function PageButtons({ pages, hasNext, lastRow }: { pages: ReturnType<typeof useRowPages>; hasNext: boolean; lastRow: number | undefined }) {
  const { t } = useLang();
  return (
    <Group>
      <Button variant="default" size="xs" disabled={pages.pageNumber === 1} onClick={pages.previous}>
        {t('common.previous')}
      </Button>
      <Text size="sm">{t('common.page', { page: pages.pageNumber })}</Text>
      <Button variant="default" size="xs" disabled={!hasNext} onClick={() => pages.next(lastRow)}>
        {t('common.next')}
      </Button>
    </Group>
  );
}
