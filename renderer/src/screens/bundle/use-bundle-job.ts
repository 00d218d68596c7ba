import { useCallback, useEffect, useState } from 'react';
import type { BundleJob, ErrorShape } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { toErrorShape } from '../../lib/use-load';

const POLL_MS = 250;

/** A bundle job started by `start`, polled until it ends; `cancel` asks it to stop. */
export function useBundleJob() {
  const [job, setJob] = useState<BundleJob | null>(null);
  const [failure, setFailure] = useState<ErrorShape | null>(null);

  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const timer = setTimeout(() => {
      api.bundle.status({ jobId: job.id }).then(setJob, (err: unknown) => setFailure(toErrorShape(err)));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);

  const start = useCallback(async (run: () => Promise<BundleJob>) => {
    setFailure(null);
    setJob(null);
    try {
      setJob(await run());
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }, []);

  const cancel = useCallback(async () => {
    if (job) setJob(await api.bundle.cancel({ jobId: job.id }).catch(() => job));
  }, [job]);

  const reset = useCallback(() => {
    setJob(null);
    setFailure(null);
  }, []);

  return { job, failure: failure ?? (job?.state === 'failed' ? job.error : null), running: job?.state === 'running', start, cancel, reset };
}
