import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { ErrorShape } from '../../../electron/api/contract';
import { evidenceHref } from '../api/evidence';
import { formatByteSize } from '../lib/byte-size';
import { useSettings } from '../lib/settings-context';
import { ErrorMessage } from './ErrorMessage';
import './evidence.css';

/** Text shown in the viewer; a longer log is saved to be read whole. */
const TEXT_LIMIT = 1024 * 1024;

type View =
  | { kind: 'image' }
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: 'message'; key: 'app.evidence.notShown' | 'app.evidence.pdfNotShown' | 'app.evidence.readFailed' }
  | { kind: 'error'; error: ErrorShape };

async function readText(response: Response): Promise<{ text: string; truncated: boolean }> {
  const reader = response.body!.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size > TEXT_LIMIT) {
      await reader.cancel();
      break;
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, TEXT_LIMIT));
  return { text: size > TEXT_LIMIT ? text : indentedJson(text), truncated: size > TEXT_LIMIT };
}

/** A JSON file Hoan wrote on one line (a manifest) is easier to read indented; anything else is shown as it is. */
function indentedJson(text: string): string {
  if (!/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * Open and Save for one stored file, wherever it is listed. Open shows images
 * and text in a dialog inside the app (no new window, so it works in Electron
 * too) and a PDF in the browser's own viewer where a new tab can open;
 * whatever the backend will not show is offered for saving instead.
 */
export function EvidenceActions({ sha256, name }: { sha256: string; name: string }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const dialog = useRef<HTMLDialogElement>(null);
  const [view, setView] = useState<View | null>(null);
  const [opening, setOpening] = useState(false);
  const headingId = useId();

  useEffect(() => {
    if (view && !dialog.current?.open) dialog.current?.showModal();
  }, [view]);

  async function open() {
    setOpening(true);
    try {
      const response = await fetch(evidenceHref(sha256, name, true), { credentials: 'same-origin' });
      if (!response.ok) {
        const envelope = (await response.json().catch(() => null)) as { error?: ErrorShape } | null;
        return setView({ kind: 'error', error: envelope?.error ?? { code: 'internal', messageKey: 'errors.internal' } });
      }
      const type = response.headers.get('content-type') ?? '';
      if (type.startsWith('text/plain')) {
        try {
          return setView({ kind: 'text', ...(await readText(response)) });
        } catch {
          return setView({ kind: 'message', key: 'app.evidence.readFailed' });
        }
      }
      await response.body?.cancel();
      if (type.startsWith('image/')) return setView({ kind: 'image' });
      if (type === 'application/pdf') {
        // A tab with the browser's PDF viewer; Electron refuses new windows, so there it is saved instead.
        const tab = window.open(evidenceHref(sha256, name, true), '_blank');
        if (tab) {
          tab.opener = null;
          return;
        }
        return setView({ kind: 'message', key: 'app.evidence.pdfNotShown' });
      }
      setView({ kind: 'message', key: 'app.evidence.notShown' });
    } catch {
      setView({ kind: 'error', error: { code: 'internal', messageKey: 'errors.network' } });
    } finally {
      setOpening(false);
    }
  }

  const save = (
    <a className="button" href={evidenceHref(sha256, name)} download={name} aria-label={t('app.evidence.saveLabel', { name })}>
      {t('app.evidence.save')}
    </a>
  );

  return (
    <span className="evidence-actions">
      <button type="button" className="button" onClick={() => void open()} disabled={opening} aria-label={t('app.evidence.openLabel', { name })}>
        {t(opening ? 'app.evidence.opening' : 'app.evidence.open')}
      </button>
      {save}
      {view &&
        createPortal(
          <dialog ref={dialog} className="evidence-viewer" aria-labelledby={headingId} onClose={() => setView(null)} data-testid="evidence-viewer">
            <div className="evidence-viewer-bar">
              <h2 id={headingId}>{name}</h2>
              {save}
              <button type="button" className="button" onClick={() => dialog.current?.close()}>
                {t('app.actions.close')}
              </button>
            </div>
            <div className="evidence-viewer-body">
              {view.kind === 'image' && <img src={evidenceHref(sha256, name, true)} alt={name} />}
              {view.kind === 'text' && (
                <>
                  {view.truncated && <p className="alert alert-info">{t('app.evidence.truncated', { size: formatByteSize(TEXT_LIMIT, settings.language, t) })}</p>}
                  <pre className="evidence-text">{view.text}</pre>
                </>
              )}
              {view.kind === 'message' && <p className="alert alert-info">{t(view.key, { name })}</p>}
              {view.kind === 'error' && <ErrorMessage error={view.error} />}
            </div>
          </dialog>,
          document.body,
        )}
    </span>
  );
}
