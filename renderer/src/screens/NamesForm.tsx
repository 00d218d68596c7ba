import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape, SetupState } from '../../../electron/api/contract';
import { api } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { ErrorSummary, Field, indexFieldErrors, useFieldErrors } from '../components/fields';
import { useSettings } from '../lib/settings-context';
import { useUnsavedChanges } from '../lib/unsaved-changes';
import { toErrorShape, useLoad } from '../lib/use-load';

interface Props {
  state: SetupState;
  submitLabel: string;
  userNameHint: string;
  onSaved(next: SetupState): void;
}

/**
 * The two names every record needs: who the user is (判定者, 変更者) and what
 * this installation is called (署名者 of its bundles). Asked on first run,
 * edited in settings; saved together in one step.
 */
export function NamesForm({ state, submitLabel, userNameHint, onSaved }: Props) {
  const { t } = useTranslation();
  const { reload } = useSettings();
  const initial = useMemo(() => ({ userName: state.userName, installationName: state.installationName }), [state]);
  const [names, setNames] = useState(initial);
  const { errors, raise } = useFieldErrors(names);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = names.userName !== initial.userName || names.installationName !== initial.installationName;

  async function save(): Promise<boolean> {
    setSaving(true);
    try {
      const next = await api.setup.save(names);
      await reload();
      setFailure(null);
      raise({});
      onSaved(next);
      return true;
    } catch (err) {
      const shape = toErrorShape(err);
      const fieldErrors = indexFieldErrors(shape.fields);
      raise(fieldErrors);
      setFailure(shape.code === 'validation' && Object.keys(fieldErrors).length > 0 ? null : shape);
      return false;
    } finally {
      setSaving(false);
    }
  }

  useUnsavedChanges(dirty, save);

  return (
    <form
      className="form"
      noValidate
      data-testid="names-form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void save();
      }}
    >
      {failure && <ErrorMessage error={failure} />}
      <ErrorSummary errors={errors} label={(path) => t(`settings.${path}`, { defaultValue: path })} />
      <Field label={t('settings.userName')} hint={userNameHint} error={errors.userName}>
        {(props) => (
          <input {...props} name="userName" autoComplete="name" value={names.userName} onChange={(e) => setNames({ ...names, userName: e.target.value })} />
        )}
      </Field>
      <Field label={t('settings.installationName')} hint={t('settings.installationNameHint')} error={errors.installationName}>
        {(props) => (
          <input {...props} name="installationName" autoComplete="off" value={names.installationName} onChange={(e) => setNames({ ...names, installationName: e.target.value })} />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

/** The settings screen's card: the same form, saved in place. */
export function NamesSection({ onSaved }: { onSaved(): void }) {
  const { t } = useTranslation();
  const [state, reload] = useLoad(() => api.setup.get({}), []);
  if (state.state === 'error') return <ErrorMessage error={state.error} />;
  if (state.state !== 'ready') return null;
  return (
    <section className="card" aria-labelledby="names-heading">
      <h2 id="names-heading">{t('settings.names')}</h2>
      <NamesForm
        key={`${state.data.userName}\n${state.data.installationName}`}
        state={state.data}
        submitLabel={t('app.actions.save')}
        userNameHint={t('settings.userNameHint')}
        onSaved={() => {
          reload();
          onSaved();
        }}
      />
    </section>
  );
}
