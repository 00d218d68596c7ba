import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFENCE_KINDS, type Defence, type DefenceEvidence as Evidence, type DefenceKind } from '../../../../../electron/api/contract';
import { Field, type FieldErrors } from '../../../components/fields';
import { DefenceEvidence } from './DefenceEvidence';

export interface DraftDefence {
  /** Absent until saved: evidence is attached to a saved defence only. */
  id?: string;
  kind: DefenceKind;
  note: string;
  /** React's key: the id, or a made-up one for a defence not yet saved. */
  key: string;
}

let keys = 0;

interface Props {
  siteId: string;
  /** Null while the point is new. */
  pointId: string | null;
  defences: DraftDefence[];
  errors: FieldErrors;
  /** Each saved defence's evidence, as stored (not part of the draft: attaching saves at once). */
  evidence: Record<string, Evidence[]>;
  readOnly: boolean;
  /** The field for why there is none, shown only while there is none. */
  noDefenceReason: ReactNode;
  onChange(defences: DraftDefence[]): void;
  onEvidence(defence: Defence): void;
}

/** A point's defences (6-2-3), each with its evidence files. */
export function DefenceList({ siteId, pointId, defences, errors, evidence, readOnly, noDefenceReason, onChange, onEvidence }: Props) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="point-defences">
      <h2 id="point-defences">{t('registers.points.sections.defences')}</h2>
      {defences.length === 0 && (
        <>
          <p className="alert alert-warn">{t('registers.points.defences.none')}</p>
          {noDefenceReason}
        </>
      )}
      <ol className="defence-list">
        {defences.map((d, i) => (
          <li key={d.key} className="defence" data-testid="defence">
            <div className="defence-fields">
              <Field label={t('registers.points.defences.kind', { n: i + 1 })} error={errors[`defences.${i}.kind`] ?? errors[`defences.${i}.id`]}>
                {(p) => (
                  <select
                    {...p}
                    value={d.kind}
                    disabled={readOnly}
                    onChange={(e) => onChange(defences.map((x, j) => (j === i ? { ...x, kind: e.target.value as DefenceKind } : x)))}
                  >
                    {DEFENCE_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`registers.defenceKinds.${k}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('registers.points.defences.note')} error={errors[`defences.${i}.note`]}>
                {(p) => (
                  <input
                    {...p}
                    value={d.note}
                    readOnly={readOnly}
                    onChange={(e) => onChange(defences.map((x, j) => (j === i ? { ...x, note: e.target.value } : x)))}
                  />
                )}
              </Field>
              {!readOnly && (
                <button type="button" className="link-button" onClick={() => onChange(defences.filter((_, j) => j !== i))}>
                  {t('registers.points.defences.remove')}
                </button>
              )}
            </div>
            <div className="defence-evidence-block">
              <h3>{t('registers.points.evidence.heading')}</h3>
              {d.id && pointId ? (
                <DefenceEvidence
                  siteId={siteId}
                  pointId={pointId}
                  defenceId={d.id}
                  evidence={evidence[d.id] ?? []}
                  readOnly={readOnly}
                  onChange={onEvidence}
                />
              ) : (
                <p className="muted">{t('registers.points.evidence.afterSave')}</p>
              )}
              {d.id && (evidence[d.id]?.length ?? 0) > 0 && !readOnly && (
                <p className="field-hint">{t('registers.points.defences.removeKeepsFiles')}</p>
              )}
            </div>
          </li>
        ))}
      </ol>
      {!readOnly && (
        <button type="button" className="button" onClick={() => onChange([...defences, { kind: 'firewall', note: '', key: `new-${++keys}` }])}>
          {t('registers.points.defences.add')}
        </button>
      )}
    </section>
  );
}
