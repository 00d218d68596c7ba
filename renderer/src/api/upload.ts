import type { ErrorShape, UploadResult } from '../../../electron/api/contract';
import { ApiError } from './client';

/**
 * Sends a file as a raw body to `./upload/<kind>`: the web host serves that
 * over HTTP and Electron over its app:// protocol, so this code does not know
 * which host it runs in. The file's name travels URI-encoded in a header,
 * its size in another: Electron's protocol handler may not see
 * Content-Length, and needs the size to tell a cut-off upload from a
 * complete one.
 */
export async function uploadFile(kind: 'evidence' | 'bundle' | 'inventory', file: File): Promise<UploadResult> {
  let response: Response;
  try {
    response = await fetch(`./upload/${kind}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/octet-stream',
        'X-Hoan-File-Name': encodeURIComponent(file.name),
        'X-Hoan-File-Size': String(file.size),
      },
      body: file,
    });
  } catch {
    throw new ApiError({ code: 'io', messageKey: 'errors.evidence.unreadable', params: { name: file.name, reason: 'network' } });
  }
  const envelope = (await response.json().catch(() => null)) as
    | { ok: true; data: UploadResult }
    | { ok: false; error: ErrorShape }
    | null;
  if (envelope?.ok) return envelope.data;
  throw new ApiError(envelope?.ok === false ? envelope.error : { code: 'internal', messageKey: 'errors.internal' });
}
