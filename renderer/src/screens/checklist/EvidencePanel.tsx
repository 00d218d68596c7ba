import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentItemView, ErrorShape } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { uploadFile } from '../../api/upload';
import { ErrorMessage } from '../../components/ErrorMessage';
import { EvidenceActions } from '../../components/EvidenceActions';
import { formatByteSize } from '../../lib/byte-size';
import { useSettings } from '../../lib/settings-context';
import { toErrorShape } from '../../lib/use-load';

interface Props {
  roundId: string;
  item: AssessmentItemView;
  readOnly: boolean;
  onChange(item: AssessmentItemView): void;
}

/** The item's evidence: dropped or picked files go to the content-addressed store, then link here; each can be opened or saved. */
export function EvidencePanel({ roundId, item, readOnly, onChange }: Props) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  const [failure, setFailure] = useState<ErrorShape | null>(null);

  async function attach(files: FileList | File[]) {
    setBusy(true);
    setFailure(null);
    try {
      let latest = item;
      for (const file of Array.from(files)) {
        const stored = await uploadFile('evidence', file);
        latest = await api.assessment.attach({ roundId, itemId: item.id, sha256: stored.sha256, name: stored.name });
      }
      onChange(latest);
    } catch (err) {
      setFailure(toErrorShape(err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  async function detach(sha256: string) {
    try {
      onChange(await api.assessment.detach({ roundId, itemId: item.id, sha256 }));
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  function drop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    if (!readOnly && event.dataTransfer.files.length > 0) void attach(event.dataTransfer.files);
  }

  return (
    <div className="evidence" data-testid="evidence-panel">
      <h3>{t('checklist.fields.evidence')}</h3>
      {failure && <ErrorMessage error={failure} />}
      {item.evidence.length > 0 && (
        <ul className="evidence-list">
          {item.evidence.map((e) => (
            <li key={e.sha256}>
              <span className="evidence-name">{e.name}</span>
              <span className="muted evidence-size">{formatByteSize(e.size, settings.language, t)}</span>
              <span className="mono evidence-hash" title={e.sha256}>
                {e.sha256}
              </span>
              <EvidenceActions sha256={e.sha256} name={e.name} />
              {!readOnly && (
                <button type="button" className="link-button" onClick={() => detach(e.sha256)}>
                  {t('checklist.walk.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <div
          className={`dropzone${over ? ' dropzone-over' : ''}`}
          data-testid="dropzone"
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={drop}
        >
          <p>{busy ? t('checklist.walk.uploading') : t('checklist.walk.dropHere')}</p>
          <label className="button">
            {t('checklist.walk.pickFile')}
            <input ref={input} type="file" multiple className="visually-hidden" disabled={busy} onChange={(e) => e.target.files && attach(e.target.files)} />
          </label>
        </div>
      )}
    </div>
  );
}
