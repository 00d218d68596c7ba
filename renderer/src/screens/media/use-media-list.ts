import type { Medium } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { useLoad } from '../../lib/use-load';

/** The site's registry, lost and retired media included (old log entries name them). */
export function useMediaList(siteId: string): { media: Medium[]; reload(): void } {
  const [load, reload] = useLoad(() => api.media.list({ siteId, includeInactive: true }), [siteId]);
  return { media: load.state === 'ready' ? load.data : [], reload };
}
