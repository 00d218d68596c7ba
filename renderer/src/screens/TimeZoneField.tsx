import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../electron/api/contract';
import { isTimeZone, offsetMinutes, offsetText } from '../../../electron/core/time/time-zone';

/** Every zone this browser knows, the current one always among them (core checks the choice again). */
function zoneNames(current: string): string[] {
  const known = Intl.supportedValuesOf('timeZone').filter(isTimeZone);
  return [...new Set([current, 'UTC', ...known])].sort();
}

/**
 * The zone every date is shown and written in. Saved with its own button,
 * not on change: it renames files and re-dates documents, so a stray arrow
 * key on the list must not change it.
 */
export function TimeZoneField({ current, error, onSave }: { current: string; error: FieldError | undefined; onSave(zone: string): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [zone, setZone] = useState(current);
  const options = useMemo(() => {
    const now = new Date();
    // A zone core accepted but this browser does not know is listed by its name alone.
    return zoneNames(current).map((name) => ({ name, label: isTimeZone(name) ? t('settings.timeZoneOption', { zone: name, offset: offsetText(offsetMinutes(now, name)) }) : name }));
  }, [current, t]);
  return (
    <fieldset>
      <legend id={`${id}-legend`}>{t('settings.timeZone')}</legend>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          onSave(zone);
        }}
      >
        <div className={`field${error ? ' field-invalid' : ''}`}>
          <select
            name="timeZone"
            value={zone}
            onChange={(e) => setZone(e.target.value)}
            aria-labelledby={`${id}-legend`}
            aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
            aria-invalid={!!error}
          >
            {options.map((o) => (
              <option key={o.name} value={o.name}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={zone === current}>
          {t('app.actions.save')}
        </button>
      </form>
      <p className="field-hint" id={`${id}-hint`}>
        {t('settings.timeZoneHint')}
      </p>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {t(error.messageKey, error.params ?? {})}
        </p>
      )}
    </fieldset>
  );
}
