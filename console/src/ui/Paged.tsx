import { Group, Pagination, Select, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useLang } from '../i18n';

/** Client-side pages over a list the API answers whole (deadlines, notifications, audit rows). */
export function usePaged<T>(rows: readonly T[], initialSize = 10): { page: T[]; controls: React.ReactNode } {
  const { t } = useLang();
  const [size, setSize] = useState(initialSize);
  const [current, setCurrent] = useState(1);
  const pages = Math.max(1, Math.ceil(rows.length / size));
  useEffect(() => {
    if (current > pages) setCurrent(pages);
  }, [current, pages]);
  const page = rows.slice((current - 1) * size, current * size);
  const controls = (
    <Group justify="space-between" mt="sm">
      <Pagination
        total={pages}
        value={current}
        onChange={setCurrent}
        size="sm"
        getControlProps={(control) => ({ 'aria-label': t(control === 'next' ? 'common.next' : control === 'previous' ? 'common.previous' : 'common.page', { page: current }) })}
      />
      <Group gap="xs">
        <Text size="sm" id="rows-per-page">
          {t('common.rowsPerPage')}
        </Text>
        <Select
          aria-labelledby="rows-per-page"
          size="xs"
          w={80}
          data={['10', '25', '50']}
          value={String(size)}
          onChange={(value) => setSize(Number(value ?? 10))}
          allowDeselect={false}
        />
      </Group>
    </Group>
  );
  return { page, controls };
}

/** Keyset pages (the API's cursors): remembers the cursors behind us so Previous works. */
export function useCursorPages(): { after: string | null; pageNumber: number; next: (cursor: string | null | undefined) => void; previous: () => void; reset: () => void } {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  return {
    after: stack[stack.length - 1] ?? null,
    pageNumber: stack.length,
    next: (cursor) => cursor && setStack((s) => [...s, cursor]),
    previous: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStack([null]),
  };
}
