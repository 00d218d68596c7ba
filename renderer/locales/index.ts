import { en } from './en';
import { ja } from './ja';

/**
 * One file per namespace, merged under the namespace's name so that keys read
 * `errors.field.required` everywhere: in the renderer, the CLI and the API's
 * message keys. Japanese first; English must carry the same keys (tested).
 * Each language is its own module (ja.ts, en.ts) so the renderer can load the
 * one in use alone.
 */
export const locales = { ja, en } as const;

export type LocaleId = keyof typeof locales;
export { DEFAULT_LOCALE } from './default-locale';
