import { createContext, useContext, type ReactNode } from 'react';
import type { SiteOrigin } from '../../../electron/api/contract';
import { api } from '../api/client';
import { useLoad } from './use-load';

interface SiteAccess {
  /** Imported from its home installation: shown, never edited here (the backend refuses too). */
  readOnly: boolean;
  origin: SiteOrigin | null;
}

const SiteAccessContext = createContext<SiteAccess>({ readOnly: false, origin: null });

/** Wraps a site's screens, so each can hide what an imported copy cannot do. */
export function SiteAccessProvider({ siteId, children }: { siteId: string; children: ReactNode }) {
  const [origins] = useLoad(() => api.bundle.origins({}), [siteId]);
  const origin = origins.state === 'ready' ? (origins.data.find((o) => o.siteId === siteId) ?? null) : null;
  return <SiteAccessContext.Provider value={{ readOnly: origin !== null, origin }}>{children}</SiteAccessContext.Provider>;
}

export function useSiteAccess(): SiteAccess {
  return useContext(SiteAccessContext);
}
