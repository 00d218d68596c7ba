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
  /** Recorded with classifications and, later, every audited change. */
  userName: singleLine(100),
  /** Largest evidence file accepted, in MB (photos, PDFs, scan logs, configs). */
  evidenceMaxMb: z.number().int().min(1).max(4096),
});

export type Settings = z.output<typeof settingsSchema>;

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.output<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = { language: 'ja', calendar: 'gregorian', timeZone: DEFAULT_TIME_ZONE, userName: '', evidenceMaxMb: 200 };
