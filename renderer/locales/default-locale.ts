import type { LocaleId } from './index';

/** Japanese first: the language of a data folder that has not chosen one. Its own module so the renderer can name it without loading every catalogue. */
export const DEFAULT_LOCALE: LocaleId = 'ja';
