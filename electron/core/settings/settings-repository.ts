import type Database from 'better-sqlite3';
import type { DateStyle } from '../time/format-date';
import { DEFAULT_SETTINGS, settingsSchema, type Language, type Settings, type SettingsPatch } from './settings-schema';
import { writeTransaction } from '../db/transactions';

export function getSettings(db: Database.Database): Settings {
  const rows = db.prepare('SELECT key, value_json FROM settings').all() as { key: string; value_json: string }[];
  const stored: Record<string, unknown> = {};
  for (const row of rows) stored[row.key] = JSON.parse(row.value_json);
  // A value from an older or hand-edited database that no longer fits falls back to its default.
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const candidate = settingsSchema.shape[key].safeParse(stored[key]);
    if (candidate.success) merged[key] = candidate.data;
  }
  return merged as Settings;
}

/** The zone every time is shown and written in (time/time-zone.ts). */
export function getTimeZone(db: Database.Database): string {
  return getSettings(db).timeZone;
}

/** How a document's dates read: its own language, the installation's zone and 西暦/和暦. */
export function documentDates(db: Database.Database, language: Language): DateStyle {
  const { calendar, timeZone } = getSettings(db);
  return { language, calendar, timeZone };
}

export function updateSettings(db: Database.Database, patch: SettingsPatch, now: Date): Settings {
  const upsert = db.prepare(
    `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
  );
  writeTransaction(db, () => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) upsert.run(key, JSON.stringify(value), now.toISOString());
    }
  });
  return getSettings(db);
}
