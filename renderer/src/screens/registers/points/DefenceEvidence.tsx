import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Defence, DefenceEvidence as Evidence, ErrorShape } from '../../../../../electron/api/contract';
import { api } from '../../../api/client';
import { uploadFile } from '../../../api/upload';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { EvidenceActions } from '../../../components/EvidenceActions';
import { formatByteSize } from '../../../lib/byte-size';
import { useSettings } from '../../../lib/settings-context';
import { toErrorShape } from '../../../lib/use-load';

interface Props {
  siteId: string;
  pointId: string;
  defenceId: string;
  evidence: Evidence[];
  readOnly: boolean;
  onChange(defence: Defence): void;
}

/** A defence's evidence (6-2-3): files go to the evidence store through the same upload as checklist evidence, then are cited here. */
export function DefenceEvidence({ siteId, pointId, defenceId, evidence, readOnly, onChange }: Props) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const ref = { siteId, pointId, defenceId };

  async function attach(files: FileList) {
    setBusy(true);
    setFailure(null);
    try {
      for (const file of Array.from(files)) {
        const stored = await uploadFile('evidence', file);
        onChange(await api.registers.attachDefenceEvidence({ ...ref, sha256: stored.sha256, name: stored.name }));
      }
    } catch (err) {
      setFailure(toErrorShape(err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  async function detach(sha256: string) {
    setFailure(null);
    try {
      onChange(await api.registers.detachDefenceEvidence({ ...ref, sha256 }));
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  return (
    <div className="defence-evidence" data-testid="defence-evidence">
      {failure && <ErrorMessage error={failure} />}
      {evidence.length === 0 && <p className="muted">{t('registers.points.evidence.none')}</p>}
      {evidence.length > 0 && (
        <ul className="evidence-list">
          {evidence.map((e) => (
            <li key={e.sha256}>
              <span className="evidence-name">{e.name}</span>
              <span className="muted evidence-size">{formatByteSize(e.size, settings.language, t)}</span>
              <EvidenceActions sha256={e.sha256} name={e.name} />
              {!readOnly && (
                <button type="button" className="link-button" onClick={() => void detach(e.sha256)} aria-label={t('registers.points.evidence.detachLabel', { name: e.name })}>
                  {t('registers.points.evidence.detach')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <label className="button">
          {t(busy ? 'registers.points.evidence.uploading' : 'registers.points.evidence.attach')}
          <input ref={input} type="file" multiple className="visually-hidden" disabled={busy} onChange={(e) => e.target.files && void attach(e.target.files)} />
        </label>
      )}
    </div>
  );
}
