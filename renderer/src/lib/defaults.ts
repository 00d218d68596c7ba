import type { Settings } from '../../../electron/api/contract';

export const DEFAULT_SETTINGS_FALLBACK: Settings = { language: 'ja', calendar: 'gregorian', userName: '', evidenceMaxMb: 200 };
