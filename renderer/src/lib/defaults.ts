import type { Settings } from '../../../electron/api/contract';
import { DEFAULT_TIME_ZONE } from '../../../electron/core/time/time-zone';

export const DEFAULT_SETTINGS_FALLBACK: Settings = { language: 'ja', calendar: 'gregorian', timeZone: DEFAULT_TIME_ZONE, userName: '', evidenceMaxMb: 200 };
