import { useCallback, useEffect, useState } from 'react';
import type { Region } from '../../../electron/api/contract';
import { api } from '../api/client';
import { useSettings } from './settings-context';

let cache: Promise<Region[]> | undefined;

/** Reference data: fetched once per launch. */
export function loadRegions(): Promise<Region[]> {
  cache ??= api.reference.regions({}).catch((err: unknown) => {
    cache = undefined;
    throw err;
  });
  return cache;
}

export function useRegionList(): Region[] {
  const [regions, setRegions] = useState<Region[]>([]);
  useEffect(() => {
    let live = true;
    loadRegions().then((r) => live && setRegions(r), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return regions;
}

/** The region's name in the user's language. */
export function useRegions(): (id: string) => string {
  const regions = useRegionList();
  const { settings } = useSettings();
  return useCallback(
    (id: string) => {
      const r = regions.find((x) => x.id === id);
      if (!r) return id;
      return settings.language === 'ja' ? r.nameJa : r.nameEn;
    },
    [regions, settings.language],
  );
}
