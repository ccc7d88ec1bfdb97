import { useState } from 'react';

/** Pages over an import's rows: the API's cursor is the last row number of the page before. */
export function useRowPages(size: number) {
  const [stack, setStack] = useState<(number | null)[]>([null]);
  return {
    size,
    // One row more than shown tells whether there is a next page.
    first: size + 1,
    after: stack[stack.length - 1] ?? null,
    pageNumber: stack.length,
    next: (lastRow: number | undefined) => lastRow !== undefined && setStack((s) => [...s, lastRow]),
    previous: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStack([null]),
  };
}
