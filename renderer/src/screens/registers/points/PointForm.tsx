import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFENCE_KINDS,
  INSIDE_ZONES,
  POINT_KINDS,
  POINT_MEDIA,
  ZONES,
  type ConnectionPoint,
  type DefenceEvidence as Evidence,
  type DefenceKind,
  type ErrorShape,
  type PointInput,
  type RegisterFlag,
  type SavedPoint,
  type SiteRegisters,
} from '../../../../../electron/api/contract';
import { api } from '../../../api/client';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { CheckField, ErrorSummary, Field, indexFieldErrors, useFieldErrors } from '../../../components/fields';
import { navigate } from '../../../lib/routes';
import { pointsHref } from './points-href';
import { useUnsavedChanges } from '../../../lib/unsaved-changes';
import { toErrorShape } from '../../../lib/use-load';
import { mediaHref } from '../../media/media-paths';
import { DefenceEvidence } from './DefenceEvidence';
import { DevicePicker } from './DevicePicker';
import { PointFlags } from './PointFlags';

type Draft = Omit<Required<PointInput>, 'siteId' | 'id' | 'managedByParty' | 'removalDate' | 'defences'> & {
  managedByParty: string;
  removalDate: string;
  defences: { id?: string; kind: DefenceKind; note: string; key: string }[];
};

const TEXT = 'registers.points.fields';
let keys = 0;

function draftOf(point: ConnectionPoint | null): Draft {
  return {
    name: point?.name ?? '',
    kind: point?.kind ?? 'remote_monitoring',
    insideZone: point?.insideZone ?? 'monitoring',
    outsideZone: point?.outsideZone ?? 'external',
    peer: point?.peer ?? '',
    purpose: point?.purpose ?? '',
    medium: point?.medium ?? 'lte',
    mediumNote: point?.mediumNote ?? '',
    managedBy: point?.managedBy ?? '',
    managedByParty: point?.managedByParty ?? '',
    needed: point?.needed ?? true,
    necessityReason: point?.necessityReason ?? '',
    removalPlan: point?.removalPlan ?? '',
    removalDate: point?.removalDate ?? '',
    noDefenceReason: point?.noDefenceReason ?? '',
    insideAssets: point?.ends.filter((e) => e.side === 'inside').map((e) => e.assetId) ?? [],
    outsideAssets: point?.ends.filter((e) => e.side === 'outside').map((e) => e.assetId) ?? [],
    defences: point?.defences.map((d) => ({ id: d.id, kind: d.kind, note: d.note, key: d.id })) ?? [],
  };
}

function partyLabel(p: SiteRegisters['parties'][number], t: (k: string) => string): string {
  return [p.organisation, p.personName].filter(Boolean).join(' ') + `（${t(`registers.roles.${p.role}`)}）`;
}

interface Props {
  siteId: string;
  registers: SiteRegisters;
  point: ConnectionPoint | null;
  readOnly: boolean;
  /** Saved: the page reloads the registers and shows the point as stored, with its flags. */
  onSaved(result: SavedPoint): void;
  /** Set right after a save, until the next edit. */
  savedFlags: RegisterFlag[] | null;
}

/** One connection point, every field: its sides and devices, necessity (6-2-2), and its defences with their evidence (6-2-3). */
export function PointForm({ siteId, registers, point, readOnly, onSaved, savedFlags }: Props) {
  const { t } = useTranslation();
  const initial = useMemo(() => draftOf(point), [point]);
  const [draft, setDraft] = useState(initial);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [removing, setRemoving] = useState(false);
  const [evidence, setEvidence] = useState<Record<string, Evidence[]>>(() => Object.fromEntries((point?.defences ?? []).map((d) => [d.id, d.evidence])));
  const [known, setKnown] = useState(() => new Map((point?.ends ?? []).map((e) => [e.assetId, e.deviceName])));
  const { errors, raise } = useFieldErrors(draft);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  function input(): PointInput {
    const { managedByParty, removalDate, defences, ...rest } = draft;
    return {
      ...rest,
      siteId,
      ...(point ? { id: point.id } : {}),
      managedByParty: managedByParty || null,
      removalDate: removalDate || null,
      defences: defences.map(({ id, kind, note }) => ({ ...(id ? { id } : {}), kind, note })),
    };
  }

  async function save(): Promise<boolean> {
    setFailure(null);
    try {
      const result = await api.registers.savePoint(input());
      onSaved(result);
      if (!point) navigate({ name: 'site', id: siteId, section: 'registers', rest: ['points', result.point.id] }, { afterSave: true });
      return true;
    } catch (err) {
      const shape = toErrorShape(err);
      const fieldErrors = indexFieldErrors(shape.fields);
      raise(fieldErrors);
      setFailure(shape.code === 'validation' && Object.keys(fieldErrors).length > 0 ? null : shape);
      return false;
    }
  }

  async function remove() {
    try {
      await api.registers.removePoint({ siteId, id: point!.id });
      navigate({ name: 'site', id: siteId, section: 'registers', rest: ['points'] }, { afterSave: true });
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  useUnsavedChanges(dirty && !readOnly, save);

  function submit(e: FormEvent) {
    e.preventDefault();
    void save();
  }

  const errorAt = (prefix: string) => Object.entries(errors).find(([path]) => path === prefix || path.startsWith(`${prefix}.`))?.[1];
  const labelOf = (path: string) => {
    const [head = '', index] = path.split('.');
    return head === 'defences' ? t('registers.points.defences.numbered', { n: Number(index) + 1 }) : t(`${TEXT}.${head}`);
  };
  const text = (key: 'name' | 'peer' | 'mediumNote' | 'managedBy', hint?: string) => (
    <Field label={t(`${TEXT}.${key}`)} hint={hint} error={errors[key]}>
      {(p) => <input {...p} name={key} value={draft[key]} readOnly={readOnly} onChange={(e) => set(key, e.target.value)} />}
    </Field>
  );
  const area = (key: 'purpose' | 'necessityReason' | 'removalPlan' | 'noDefenceReason', hint?: string) => (
    <Field label={t(`${TEXT}.${key}`)} hint={hint} error={errors[key]}>
      {(p) => <textarea {...p} name={key} rows={2} value={draft[key]} readOnly={readOnly} onChange={(e) => set(key, e.target.value)} />}
    </Field>
  );
  const addKnown = (found: [string, string | null][]) => setKnown((k) => new Map([...k, ...found]));

  return (
    <form className="form point-form" onSubmit={submit} noValidate data-testid="point-form">
      <ErrorSummary errors={errors} label={labelOf} />
      {failure && <ErrorMessage error={failure} />}
      {savedFlags && !dirty && (
        <div className="alert alert-ok" role="status">
          {t('registers.points.saved')}
        </div>
      )}
      {point && <PointFlags flags={registers.flags.filter((f) => f.entryId === point.id)} long />}

      <section className="card" aria-labelledby="point-what">
        <h2 id="point-what">{t('registers.points.sections.what')}</h2>
        {text('name')}
        <div className="point-pair">
          <Field label={t(`${TEXT}.kind`)} error={errors.kind}>
            {(p) => (
              <select
                {...p}
                name="kind"
                value={draft.kind}
                disabled={readOnly}
                // A USB port is a medium of 8-1-3: its medium is USB (the backend refuses any other).
                onChange={(e) => setDraft((d) => ({ ...d, kind: e.target.value as Draft['kind'], ...(e.target.value === 'usb_port' ? { medium: 'usb' } : {}) }))}
              >
                {POINT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`registers.pointKinds.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('peer', t('registers.points.hints.peer'))}
        </div>
        {draft.kind === 'usb_port' && (
          <p className="alert alert-info" data-testid="usb-port-note">
            {t('registers.points.usbPort')} <a href={mediaHref(siteId)}>{t('registers.points.mediaLog')}</a>
          </p>
        )}
        <div className="point-pair">
          <Field label={t(`${TEXT}.insideZone`)} error={errors.insideZone}>
            {(p) => (
              <select {...p} name="insideZone" value={draft.insideZone} disabled={readOnly} onChange={(e) => set('insideZone', e.target.value as Draft['insideZone'])}>
                {INSIDE_ZONES.map((z) => (
                  <option key={z} value={z}>
                    {t(`registers.zones.${z}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t(`${TEXT}.outsideZone`)} error={errors.outsideZone}>
            {(p) => (
              <select {...p} name="outsideZone" value={draft.outsideZone} disabled={readOnly} onChange={(e) => set('outsideZone', e.target.value as Draft['outsideZone'])}>
                {ZONES.map((z) => (
                  <option key={z} value={z}>
                    {t(`registers.zones.${z}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="point-pair">
          <DevicePicker
            siteId={siteId}
            label={t(`${TEXT}.insideAssets`)}
            assets={draft.insideAssets}
            known={known}
            error={errorAt('insideAssets')}
            readOnly={readOnly}
            onChange={(a) => set('insideAssets', a)}
            onKnown={addKnown}
          />
          <DevicePicker
            siteId={siteId}
            label={t(`${TEXT}.outsideAssets`)}
            assets={draft.outsideAssets}
            known={known}
            error={errorAt('outsideAssets')}
            readOnly={readOnly}
            onChange={(a) => set('outsideAssets', a)}
            onKnown={addKnown}
          />
        </div>
        {area('purpose')}
        <div className="point-pair">
          <Field label={t(`${TEXT}.medium`)} error={errors.medium}>
            {(p) => (
              <select {...p} name="medium" value={draft.medium} disabled={readOnly} onChange={(e) => set('medium', e.target.value as Draft['medium'])}>
                {POINT_MEDIA.map((m) => (
                  <option key={m} value={m}>
                    {t(`registers.media.${m}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('mediumNote', t('registers.points.hints.mediumNote'))}
        </div>
        <div className="point-pair">
          <Field label={t(`${TEXT}.managedByParty`)} hint={t('registers.points.hints.managedByParty')} error={errors.managedByParty}>
            {(p) => (
              <select {...p} name="managedByParty" value={draft.managedByParty} disabled={readOnly} onChange={(e) => set('managedByParty', e.target.value)}>
                <option value="">{t('registers.points.noParty')}</option>
                {registers.parties.map((party) => (
                  <option key={party.id} value={party.id}>
                    {partyLabel(party, t)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('managedBy', t('registers.points.hints.managedBy'))}
        </div>
      </section>

      <section className="card" aria-labelledby="point-need">
        <h2 id="point-need">{t('registers.points.sections.need')}</h2>
        <CheckField label={t(`${TEXT}.needed`)} name="needed" checked={draft.needed} onChange={(v) => !readOnly && set('needed', v)} error={errors.needed} />
        {area('necessityReason', t(draft.needed ? 'registers.points.hints.neededReason' : 'registers.points.hints.unneededReason'))}
        {!draft.needed && (
          <div className="point-pair">
            {area('removalPlan')}
            <Field label={t(`${TEXT}.removalDate`)} error={errors.removalDate}>
              {(p) => <input {...p} type="date" name="removalDate" value={draft.removalDate} readOnly={readOnly} onChange={(e) => set('removalDate', e.target.value)} />}
            </Field>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="point-defences">
        <h2 id="point-defences">{t('registers.points.sections.defences')}</h2>
        {draft.defences.length === 0 && (
          <>
            <p className="alert alert-warn">{t('registers.points.defences.none')}</p>
            {area('noDefenceReason', t('registers.points.hints.noDefenceReason'))}
          </>
        )}
        <ol className="defence-list">
          {draft.defences.map((d, i) => (
            <li key={d.key} className="defence" data-testid="defence">
              <div className="defence-fields">
                <Field label={t('registers.points.defences.kind', { n: i + 1 })} error={errors[`defences.${i}.kind`] ?? errors[`defences.${i}.id`]}>
                  {(p) => (
                    <select
                      {...p}
                      value={d.kind}
                      disabled={readOnly}
                      onChange={(e) => set('defences', draft.defences.map((x, j) => (j === i ? { ...x, kind: e.target.value as DefenceKind } : x)))}
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
                      onChange={(e) => set('defences', draft.defences.map((x, j) => (j === i ? { ...x, note: e.target.value } : x)))}
                    />
                  )}
                </Field>
                {!readOnly && (
                  <button type="button" className="link-button" onClick={() => set('defences', draft.defences.filter((_, j) => j !== i))}>
                    {t('registers.points.defences.remove')}
                  </button>
                )}
              </div>
              <div className="defence-evidence-block">
                <h3>{t('registers.points.evidence.heading')}</h3>
                {d.id && point ? (
                  <DefenceEvidence
                    siteId={siteId}
                    pointId={point.id}
                    defenceId={d.id}
                    evidence={evidence[d.id] ?? []}
                    readOnly={readOnly}
                    onChange={(defence) => setEvidence((e) => ({ ...e, [defence.id]: defence.evidence }))}
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
          <button type="button" className="button" onClick={() => set('defences', [...draft.defences, { kind: 'firewall', note: '', key: `new-${++keys}` }])}>
            {t('registers.points.defences.add')}
          </button>
        )}
      </section>

      {!readOnly && (
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t(point ? 'registers.points.save' : 'registers.points.create')}
          </button>
          <a className="button" href={pointsHref(siteId)}>
            {t('registers.points.back')}
          </a>
          {point &&
            (removing ? (
              <span className="point-remove-confirm">
                {t('registers.points.removeConfirm')}
                <button type="button" className="button button-danger" onClick={() => void remove()}>
                  {t('registers.points.removeYes')}
                </button>
                <button type="button" className="button" onClick={() => setRemoving(false)}>
                  {t('app.actions.cancel')}
                </button>
              </span>
            ) : (
              <button type="button" className="button" onClick={() => setRemoving(true)}>
                {t('registers.points.remove')}
              </button>
            ))}
        </div>
      )}
    </form>
  );
}
