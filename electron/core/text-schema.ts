import { z } from 'zod';

/**
 * What text Hoan accepts, decided once for every input: the router (app and
 * web host), the CLI (which goes through the router) and upload names. Each
 * class of character is either folded or refused, the same way everywhere.
 *
 * Single-line text — anything shown to people as a name or a label: sites and
 * their owner and contractor, installations, media (管理番号, persons,
 * companies, purposes), evidence and upload file names, persons (user name,
 * approvers, reviewers, those responsible), mapping profiles, risk assets,
 * checklist round titles:
 * - Line breaks and tabs (CR, LF, TAB, VT, FF, NEL U+0085, LINE SEPARATOR
 *   U+2028, PARAGRAPH SEPARATOR U+2029) are FOLDED: each run becomes one
 *   space. They arrive by pasting a cell or a line copied elsewhere; the
 *   intent is a space, and refusing the paste would only annoy.
 * - Every other control character (C0 U+0000–U+001F, DEL U+007F, C1
 *   U+0080–U+009F) is REFUSED. It is invisible, means nothing in a name, and
 *   some (ESC) are commands to the terminal that prints the name. Removing it
 *   silently would store text the user never saw; the message says which
 *   character and where, so they can retype it.
 * - Bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 *   U+2066–U+2069) are REFUSED: they reorder what is displayed, so a name (or
 *   a file name hiding its extension) could read differently from what is
 *   stored. Left-to-right and right-to-left marks (U+200E, U+200F, U+061C)
 *   stay allowed: they reorder nothing around them.
 * - Unpaired UTF-16 surrogates are REFUSED: not text at all, and SQLite would
 *   store bytes that read back as U+FFFD.
 * Then leading and trailing white space is trimmed, and the length checked.
 *
 * Multi-line text — reasons, notes, measures, the 保安規程 article: CRLF, CR,
 * NEL, VT, FF, U+2028 and U+2029 become LF; tabs stay; the rest is refused
 * as above. Trimmed the same way.
 *
 * Ids, hashes, paths and fields with their own pattern keep their own schemas.
 * Names that reach Hoan from the outside with nobody to ask (a host name, a
 * file name on disk) go through `toSingleLine`, which folds the same way and
 * drops what a schema would refuse.
 */

/** Folded to a space in single-line text, to LF in multi-line text (tab kept there). */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
const MULTI_LINE_BREAKS = /\r\n|[\r\v\f\u0085\u2028\u2029]/g;

const UNPAIRED = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export type RefusedClass = 'controlCharacter' | 'bidiControl' | 'brokenCharacter';

/** The first refused character: its class, `U+XXXX`, and its 1-based position in characters. */
export function refusedCharacter(text: string): { class: RefusedClass; char: string; position: number } | null {
  let position = 0;
  for (let i = 0; i < text.length; i++) {
    position++;
    const c = text.charCodeAt(i);
    let cls: RefusedClass | null = null;
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) cls = c === 0x0a || c === 0x09 ? null : 'controlCharacter';
    else if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) cls = 'bidiControl';
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else cls = 'brokenCharacter';
    } else if (c >= 0xdc00 && c <= 0xdfff) cls = 'brokenCharacter';
    if (cls) return { class: cls, char: `U+${c.toString(16).toUpperCase().padStart(4, '0')}`, position };
  }
  return null;
}

export function foldSingleLine(text: string): string {
  return text.replace(BREAKS, ' ');
}

export function foldMultiLine(text: string): string {
  return text.replace(MULTI_LINE_BREAKS, '\n');
}

function refuse(value: string, ctx: z.RefinementCtx): void {
  const found = refusedCharacter(value);
  if (found) ctx.addIssue({ code: 'custom', message: `errors.field.${found.class}`, params: { char: found.char, position: found.position } });
}

/** A name or label: one line, folded and checked as the header says. */
export function singleLine(max: number, min = 0) {
  const base = z.string().overwrite(foldSingleLine).trim().superRefine(refuse).max(max);
  return min > 0 ? base.min(min) : base;
}

/** Reasons, notes, measures: line breaks kept as LF, checked as the header says. */
export function multiLine(max: number, min = 0) {
  const base = z.string().overwrite(foldMultiLine).trim().superRefine(refuse).max(max);
  return min > 0 ? base.min(min) : base;
}

/**
 * A name from outside with nobody to ask (a host name, a file's name on
 * disk): folded like `singleLine`, refused characters dropped (an unpaired
 * surrogate becomes U+FFFD), trimmed and cut to `max` without splitting a pair.
 */
export function toSingleLine(text: string, max: number): string {
  const kept = foldSingleLine(text.replace(UNPAIRED, '\ufffd'))
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
  if (kept.length <= max) return kept;
  const cut = kept.slice(0, max);
  return (/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut).trim();
}
