import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../../../electron/api/contract';
import { api } from '../../../api/client';

interface Props {
  siteId: string;
  label: string;
  assets: string[];
  /** 管理番号 → the inventory's name, null when the inventory does not hold it. */
  known: Map<string, string | null>;
  error: FieldError | undefined;
  readOnly: boolean;
  onChange(assets: string[]): void;
  /** What the inventory says of each 管理番号 looked up: its name, or null when it does not hold it. */
  onKnown(found: [string, string | null][]): void;
}

/**
 * The devices on one side of a point: type-ahead over the inventory's 管理番号
 * and names; a number the inventory does not hold is taken all the same and
 * marked (the register flags it), since the point may come before the ledger.
 */
export function DevicePicker({ siteId, label, assets, known, error, readOnly, onChange, onKnown }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<{ assetId: string; name: string }[]>([]);

  async function search(value: string) {
    setText(value);
    const query = value.trim();
    if (!query) return setOptions([]);
    try {
      const list = await api.inventory.list({ siteId, search: query, limit: 20 });
      const found = list.devices.map((d) => ({ assetId: d.assetId, name: d.name }));
      setOptions(found);
      onKnown(found.map((d) => [d.assetId, d.name]));
    } catch {
      setOptions([]);
    }
  }

  async function add() {
    const typed = text.trim();
    if (!typed) return;
    // A name picked from the list stands for its 管理番号.
    const assetId = options.find((o) => o.assetId === typed || o.name === typed)?.assetId ?? typed;
    if (!assets.includes(assetId)) onChange([...assets, assetId]);
    setText('');
    setOptions([]);
    if (known.get(assetId)) return;
    try {
      const list = await api.inventory.list({ siteId, search: assetId, limit: 20 });
      onKnown([[assetId, list.devices.find((d) => d.assetId === assetId)?.name ?? null]]);
    } catch {
      // Unknown for now: the register flags it once saved if the inventory lacks it.
    }
  }

  return (
    <div className={`field device-picker${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {assets.length > 0 ? (
        <ul className="device-chips">
          {assets.map((a) => {
            const name = known.get(a);
            return (
              <li key={a} className={name === null ? 'device-chip device-unknown' : 'device-chip'}>
                <span className="mono">{a}</span>
                {name ? <span>{name}</span> : name === null && <span className="point-flag point-flag-warn">{t('registers.points.devices.notInInventory')}</span>}
                {!readOnly && (
                  <button type="button" className="link-button" onClick={() => onChange(assets.filter((x) => x !== a))} aria-label={t('registers.points.devices.removeLabel', { assetId: a })}>
                    {t('registers.points.devices.removeMark')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">{t('registers.points.devices.none')}</p>
      )}
      {!readOnly && (
        <div className="device-add">
          <input
            id={id}
            list={`${id}-options`}
            value={text}
            placeholder={t('registers.points.devices.placeholder')}
            aria-invalid={!!error}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => void search(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void add();
              }
            }}
          />
          <datalist id={`${id}-options`}>
            {options.map((o) => (
              <option key={o.assetId} value={o.assetId}>
                {o.name}
              </option>
            ))}
          </datalist>
          <button type="button" className="button" onClick={() => void add()} disabled={!text.trim()}>
            {t('registers.points.devices.add')}
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {t(error.messageKey, error.params ?? {})}
        </p>
      )}
    </div>
  );
}
