import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommitResult, ErrorShape, ImportPreview, PreviewColumn } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { uploadFile } from '../../api/upload';
import { toErrorShape } from '../../lib/use-load';

const POLL_MS = 250;

export interface UploadRef {
  uploadId: string;
  name: string;
}

export type ImportStage =
  | { step: 'choose' }
  | { step: 'uploading'; fileName: string }
  | { step: 'reading'; upload: UploadRef; jobId: string; rowsRead: number; fraction: number | null }
  | { step: 'preview'; upload: UploadRef; preview: ImportPreview }
  | { step: 'committing'; upload: UploadRef; preview: ImportPreview }
  | { step: 'committed'; result: CommitResult };

export interface PreviewOptions {
  sheet?: string;
  mapping?: { index: number; target: PreviewColumn['target'] }[];
}

/**
 * The import as steps: upload the file, read it in the background while
 * polling rows read, show the preview, commit or cancel. A failure returns to
 * the first step with its message; cancelling forgets the upload.
 */
export function useImportJob(siteId: string) {
  const [stage, setStage] = useState<ImportStage>({ step: 'choose' });
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const jobRef = useRef<string | null>(null);

  const start = useCallback(
    async (upload: UploadRef, options: PreviewOptions = {}) => {
      setFailure(null);
      try {
        const { jobId } = await api.inventory.preview({ siteId, uploadId: upload.uploadId, ...options });
        jobRef.current = jobId;
        setStage({ step: 'reading', upload, jobId, rowsRead: 0, fraction: null });
      } catch (err) {
        setFailure(toErrorShape(err));
        setStage({ step: 'choose' });
      }
    },
    [siteId],
  );

  const upload = useCallback(
    async (file: File) => {
      setFailure(null);
      setCancelled(false);
      setStage({ step: 'uploading', fileName: file.name });
      try {
        const stored = await uploadFile('inventory', file);
        await start({ uploadId: stored.uploadId!, name: stored.name }, {});
      } catch (err) {
        setFailure(toErrorShape(err));
        setStage({ step: 'choose' });
      }
    },
    [start],
  );

  useEffect(() => {
    if (stage.step !== 'reading') return;
    const { jobId, upload: current } = stage;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const status = await api.inventory.progress({ jobId });
        if (!live || jobRef.current !== jobId) return;
        if (status.state === 'running') {
          setStage({ step: 'reading', upload: current, jobId, rowsRead: status.rowsRead, fraction: status.fraction });
          timer = setTimeout(poll, POLL_MS);
        } else if (status.state === 'done') {
          setStage({ step: 'preview', upload: current, preview: status.preview });
        } else {
          if (status.state === 'failed') setFailure(status.error);
          // A file that cannot be read is not kept.
          await api.inventory.cancel({ jobId }).catch(() => undefined);
          setStage({ step: 'choose' });
        }
      } catch (err) {
        if (live) {
          setFailure(toErrorShape(err));
          setStage({ step: 'choose' });
        }
      }
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [stage.step === 'reading' ? stage.jobId : null]);

  const cancel = useCallback(async () => {
    const jobId = jobRef.current;
    jobRef.current = null;
    setFailure(null);
    setStage({ step: 'choose' });
    setCancelled(true);
    if (jobId) await api.inventory.cancel({ jobId }).catch(() => undefined);
  }, []);

  const commit = useCallback(
    async (profileName: string, allowEmpty = false) => {
      if (stage.step !== 'preview') return;
      const { upload: current, preview } = stage;
      setFailure(null);
      setStage({ step: 'committing', upload: current, preview });
      try {
        const result = await api.inventory.commit({
          jobId: preview.jobId,
          ...(profileName.trim() ? { profileName: profileName.trim() } : {}),
          ...(allowEmpty ? { allowEmpty } : {}),
        });
        jobRef.current = null;
        setStage({ step: 'committed', result });
      } catch (err) {
        setFailure(toErrorShape(err));
        setStage({ step: 'preview', upload: current, preview });
      }
    },
    [stage],
  );

  const restart = useCallback(() => {
    setFailure(null);
    setCancelled(false);
    setStage({ step: 'choose' });
  }, []);

  return { stage, failure, cancelled, upload, start, cancel, commit, restart };
}
