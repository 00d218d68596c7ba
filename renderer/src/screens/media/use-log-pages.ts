import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorShape, LogRow } from '../../../../electron/api/contract';
import type { LogFilter } from '../../../../electron/core/media/media-schema';
import { api } from '../../api/client';
import { pagesFor } from '../../lib/virtual-range';
import { toErrorShape } from '../../lib/use-load';

export const PAGE_SIZE = 100;

export interface LogPages {
  total: number | null;
  capped: boolean;
  row(index: number): LogRow | undefined;
  /** The view shows these rows: fetch the pages it lacks. */
  want(start: number, end: number): void;
  reload(): void;
  error: ErrorShape | null;
}

/**
 * The log a page at a time, as the virtualised table scrolls. A new filter
 * starts over; a page is fetched once.
 */
export function useLogPages(siteId: string, filter: LogFilter): LogPages {
  const [pages, setPages] = useState<Map<number, LogRow[]>>(new Map());
  const [total, setTotal] = useState<number | null>(null);
  const [capped, setCapped] = useState(false);
  const [error, setError] = useState<ErrorShape | null>(null);
  const [generation, setGeneration] = useState(0);
  const requested = useRef(new Set<number>());
  const key = JSON.stringify(filter);

  const fetchPage = useCallback(
    (page: number, gen: number) => {
      if (requested.current.has(page)) return;
      requested.current.add(page);
      api.media.log({ siteId, filter: JSON.parse(key) as LogFilter, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (result) => {
          if (gen !== genRef.current) return;
          // Counting stops a window past each page: a deeper page can only see further.
          setTotal((t) => {
            if (t === null || result.total >= t) setCapped(result.totalCapped);
            return Math.max(t ?? 0, result.total);
          });
          setPages((prev) => new Map(prev).set(page, result.rows));
          setError(null);
        },
        (err: unknown) => {
          if (gen !== genRef.current) return;
          requested.current.delete(page);
          setError(toErrorShape(err));
        },
      );
    },
    [siteId, key],
  );
  const genRef = useRef(0);

  useEffect(() => {
    genRef.current++;
    requested.current = new Set();
    setPages(new Map());
    setTotal(null);
    fetchPage(0, genRef.current);
  }, [fetchPage, generation]);

  const want = useCallback((start: number, end: number) => {
    for (const p of pagesFor(start, end, PAGE_SIZE)) fetchPage(p, genRef.current);
  }, [fetchPage]);

  const row = useCallback((index: number) => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [pages]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { total, capped, row, want, reload, error };
}
