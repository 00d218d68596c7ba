import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import type { ErrorShape } from '../../../electron/api/contract';

export type Load<T> =
  | { state: 'loading' }
  | { state: 'error'; error: ErrorShape }
  | { state: 'ready'; data: T };

export function toErrorShape(err: unknown): ErrorShape {
  return err instanceof ApiError ? err.shape : { code: 'internal', messageKey: 'errors.internal' };
}

/** Runs a query when its key changes; `reload` runs it again after a write. */
export function useLoad<T>(query: () => Promise<T>, key: unknown[]): [Load<T>, () => void] {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    query().then(
      (data) => live && setLoad({ state: 'ready', data }),
      (err: unknown) => live && setLoad({ state: 'error', error: toErrorShape(err) }),
    );
    return () => {
      live = false;
    };
  }, [...key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [load, reload];
}
