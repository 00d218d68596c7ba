import { z } from 'zod';
import { singleLine } from '../text-schema';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../time/time-zone';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CALENDARS = ['gregorian', 'japanese'] as const;

export const settingsSchema = z.object({
  language: z.enum(LANGUAGES),
  /** 'japanese' shows dates in 和暦 (令和7年…). */
  calendar: z.enum(CALENDARS),
  /** The zone every time is shown and written in (IANA name); stored instants stay UTC. */
  timeZone: z.string().refine(isTimeZone, { message: 'errors.settings.timeZoneUnknown' }),
  /** Recorded with every change (判定者, 変更者); empty only until the first-run screen. */
  userName: singleLine(100),
  /** Largest evidence file accepted, in MB (photos, PDFs, scan logs, configs). */
  evidenceMaxMb: z.number().int().min(1).max(4096),
});

export type Settings = z.output<typeof settingsSchema>;

/** A saved name can be changed, never cleared: writes refuse to record an empty one. */
export const settingsPatchSchema = settingsSchema.extend({ userName: singleLine(100, 1) }).partial().strict();
export type SettingsPatch = z.output<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = { language: 'ja', calendar: 'gregorian', timeZone: DEFAULT_TIME_ZONE, userName: '', evidenceMaxMb: 200 };

/** The first-run screen (and `hoan setup`): who uses this installation, and what it is called. */
export const setupSchema = z
  .object({
    userName: singleLine(100, 1),
    /** The signer's name in bundles and review notes (署名者); the same rule as `keys:rename`. */
    installationName: singleLine(100, 1),
  })
  .strict();
export type SetupInput = z.output<typeof setupSchema>;

export interface SetupState {
  userName: string;
  installationName: string;
  /** Both names are given: the app opens on its screens, not the first-run form. */
  complete: boolean;
}
