import { DEFAULT_LOCALE, locales, type LocaleId } from '../../../renderer/locales';
import type { ErrorShape } from '../errors';

type Params = Record<string, string | number> | undefined;

function lookup(tree: unknown, key: string): string | undefined {
  let node = tree;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * The renderer's catalogue, read outside the renderer (CLI, native dialogs).
 * Same `{{name}}` interpolation as i18next; an unknown key shows as itself.
 */
export function translate(locale: LocaleId, key: string, params?: Params): string {
  const text = lookup(locales[locale], key) ?? lookup(locales[DEFAULT_LOCALE], key) ?? key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) =>
    params && name in params ? String(params[name]) : `{{${name}}}`,
  );
}

export function isLocale(value: unknown): value is LocaleId {
  return typeof value === 'string' && value in locales;
}

/** An API error as lines of text: the message, then one line per field. */
export function describeError(locale: LocaleId, error: ErrorShape, fieldLabel: (path: string) => string = (p) => p): string[] {
  const lines = [translate(locale, error.messageKey, error.params)];
  for (const field of error.fields ?? []) {
    lines.push(`  ${fieldLabel(field.path) || '(input)'}: ${translate(locale, field.messageKey, field.params)}`);
  }
  return lines;
}
