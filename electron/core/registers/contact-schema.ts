import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { z } from 'zod';
import { singleLine } from '../text-schema';

/**
 * Contact details of the 体制 register (issue 14): Japanese phone numbers and
 * e-mail addresses, checked and stored in one normal form. They are STORED,
 * NEVER USED FOR SENDING: Hoan dials nothing and mails nothing, and the
 * screens show them as plain text (no tel:/mailto: links), since a click in a
 * closed network's laptop should not hand a number to whatever softphone or
 * mail client happens to be registered. They are what the contact card posted
 * in the electric room prints.
 *
 * Phone numbers. What people paste: full-width digits, ＋, （）, and any of
 * the dashes Japanese input gives (－ ‐ ‑ ‒ – — ― − ー ｰ). NFKC folds the
 * full-width forms; the dashes are then made '-'; spaces, hyphens and
 * parentheses are separators and dropped. What is left must be, after an
 * optional extension (内線 123, ext. 123):
 * - a fixed line: 0 and 9 more digits (0[1-9]…, 10 digits);
 * - a mobile, PHS/M2M or IP phone: 050, 070, 080 or 090 and 8 digits (11);
 * - free dial 0120 (10 digits) or 0800 (11), ナビダイヤル 0570 (10);
 * - any of these written +81 (the leading 0 dropped, or kept as in
 *   "+81 (0)3-…"). Stored in the domestic form, because the card is dialled
 *   from phones in Japan, the region table's 産業保安監督部 numbers are
 *   domestic, and one number then has one stored form (compared, sorted and
 *   bundled alike). Other country codes are refused: the register is for the
 *   site's own people and contractors, reachable on Japanese numbers.
 * Stored hyphenated as 総務省's numbering groups it (03-1234-5678,
 * 0466-12-3456, 090-1234-5678, 0120-123-456), the extension after it as
 * " 内線 123". Where the area code ends is not in the digits: it comes from
 * libphonenumber-js (Google's numbering metadata, kept up to date), the
 * well-kept library for exactly this, rather than an area-code table of our
 * own. When its metadata does not place a number that our rules accept (a
 * newly opened range), the groups the user typed are kept if they add up,
 * else a plain 3-3/4-4 grouping: the hyphens never change what is dialled.
 *
 * E-mail addresses: NFKC folds full-width letters and ＠; trimmed; exactly
 * one @; no white space; a local part of RFC 5322 "atext" and single dots;
 * a domain of two or more dotted labels (letters, digits, hyphens, not at a
 * label's ends), lower-cased. The local part is kept as typed (a few mail
 * servers tell cases apart there). Up to 254 characters.
 *
 * Both are optional: an empty string stays empty.
 */

const DASHES = /[\u2010-\u2015\u2212\u30fc\uff0d\uff70-]/g;
const EXTENSION = /^(.*?)(?:内線|ext\.?)\s*(\d{1,6})$/i;

export type PhoneProblem = 'phoneInvalid' | 'phoneForeign';

/** The stored form of a phone number typed by a user, or why it is refused. '' stays ''. */
export function normalisePhone(typed: string): { ok: true; value: string } | { ok: false; problem: PhoneProblem } {
  const folded = typed.normalize('NFKC').replace(DASHES, '-').trim();
  if (folded === '') return { ok: true, value: '' };
  const ext = EXTENSION.exec(folded);
  const main = (ext ? ext[1]! : folded).trim();
  if (!/^\+?[0-9\s()-]+$/.test(main)) return { ok: false, problem: 'phoneInvalid' };
  let digits = main.replace(/[\s()-]/g, '');
  let typedGroups = main.replace(/[()]/g, '-').split(/[\s-]+/).filter(Boolean);
  if (digits.startsWith('+')) {
    if (!digits.startsWith('+81')) return { ok: false, problem: 'phoneForeign' };
    const national = digits.slice(3);
    digits = national.startsWith('0') ? national : `0${national}`;
    typedGroups = [];
  }
  if (!isJapaneseNumber(digits)) return { ok: false, problem: 'phoneInvalid' };
  const grouped = groupDigits(digits, typedGroups);
  return { ok: true, value: ext ? `${grouped} 内線 ${ext[2]}` : grouped };
}

function isJapaneseNumber(digits: string): boolean {
  if (/^0(?:120|570)\d{6}$/.test(digits)) return true;
  if (/^0800\d{7}$/.test(digits)) return true;
  if (/^0[5789]0\d{8}$/.test(digits)) return true;
  // A fixed line; 0120/0570 have their own lengths above, 0800 is 11 digits; 050/070/080/090 are never fixed lines.
  return /^0[1-9]\d{8}$/.test(digits) && !/^0(?:120|570|800|[5789]0)/.test(digits);
}

function groupDigits(digits: string, typedGroups: string[]): string {
  const formatted = parsePhoneNumberFromString(digits, 'JP')?.formatNational() ?? '';
  if (formatted.includes('-') && formatted.replace(/-/g, '') === digits) return formatted;
  if (typedGroups.length === 3 && typedGroups.join('') === digits) return typedGroups.join('-');
  return digits.length === 11 ? `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}` : `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
}

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/** The stored form of an e-mail address, or null when it is refused. '' stays ''. */
export function normaliseEmail(typed: string): string | null {
  const folded = typed.normalize('NFKC').trim();
  if (folded === '') return '';
  if (/\s/.test(folded) || folded.length > 254) return null;
  const parts = folded.split('@');
  if (parts.length !== 2) return null;
  const [local, domain] = parts as [string, string];
  if (local.length === 0 || local.length > 64 || !LOCAL_PART.test(local)) return null;
  const labels = domain.toLowerCase().split('.');
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l)) || !/^\p{L}{2,}$/u.test(labels[labels.length - 1]!)) return null;
  return `${local}@${labels.join('.')}`;
}

const ERRORS = 'registers.errors.organisation';

/** A Japanese phone number, stored hyphenated (see the header); optional. */
export const phoneNumber = singleLine(60).transform((value, ctx) => {
  const result = normalisePhone(value);
  if (result.ok) return result.value;
  ctx.addIssue({ code: 'custom', message: `${ERRORS}.${result.problem}` });
  return z.NEVER;
});

/** An e-mail address, stored with its domain lower-cased (see the header); optional. */
export const emailAddress = singleLine(254).transform((value, ctx) => {
  const result = normaliseEmail(value);
  if (result !== null) return result;
  ctx.addIssue({ code: 'custom', message: `${ERRORS}.emailInvalid` });
  return z.NEVER;
});
