/**
 * A stored evidence file's address, `./evidence/<sha256>`: the web host
 * serves it over HTTP behind its token, Electron over app://, so the same
 * relative URL works in both. The name is only the one the browser suggests
 * when saving; `inline` asks to show it, which the backend grants only for
 * images, PDFs and plain text.
 */
export function evidenceHref(sha256: string, name: string, inline = false): string {
  const query = new URLSearchParams({ name });
  if (inline) query.set('inline', '1');
  return `./evidence/${sha256}?${query.toString()}`;
}
