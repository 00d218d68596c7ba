import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Settings } from '../../../electron/api/contract';
import { api } from '../api/client';
import { changeLanguage } from './i18n';

interface SettingsValue {
  settings: Settings;
  update(patch: Partial<Settings>): Promise<void>;
  /** Reads the settings again, after a write that went another way (setup:save). */
  reload(): Promise<void>;
}

const SettingsContext = createContext<SettingsValue | null>(null);

export function SettingsProvider({ initial, children }: { initial: Settings; children: ReactNode }) {
  const [settings, setSettings] = useState(initial);
  const update = useCallback(async (patch: Partial<Settings>) => {
    const next = await api.settings.update(patch);
    if (next.language !== settings.language) await changeLanguage(next.language);
    setSettings(next);
  }, [settings.language]);
  const reload = useCallback(async () => setSettings(await api.settings.get({})), []);
  const value = useMemo(() => ({ settings, update, reload }), [settings, update, reload]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsValue {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('useSettings outside SettingsProvider');
  return value;
}
