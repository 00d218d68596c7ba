import path from 'node:path';
import { pipeline, Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { ElectronApi } from './electron-api';
import type { Router } from '../api/router';
import { SECURITY_HEADERS } from '../core/csp';
import { readStaticFile } from '../core/static-files';
import { APP_HOST, APP_SCHEME, isAppUrl } from './security';

/**
 * Where Vite writes the renderer, relative to the app's root (the project in
 * development, app.asar when packaged). Must match `build.outDir` in
 * vite.config.mts; not out/renderer, where tsc emits the locale catalogues
 * that main and the CLI read.
 */
export const RENDERER_BUILD_DIR = path.join('out', 'ui');

export function rendererDir(appPath: string): string {
  return path.join(appPath, RENDERER_BUILD_DIR);
}

/**
 * Must run before `ready`. `standard` gives app:// real origins and relative
 * URLs, `secure` lets it count as a secure context (no mixed-content rules to
 * loosen), `supportFetchAPI` lets the renderer fetch its own files.
 */
export function registerAppScheme(protocol: Pick<ElectronApi['protocol'], 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function textResponse(status: number, body: string, extra: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra },
  });
}

/**
 * Answers one app:// request from the built renderer. The same CSP and
 * headers as the web host ride on every response, errors included, so the
 * policy does not depend on a <meta> tag the page could omit.
 */
export function respond(method: string, url: string, root: string): Response {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return textResponse(400, 'Bad request\n');
  }
  if (parsed.host !== APP_HOST) return textResponse(404, 'Not found\n');
  if (method !== 'GET' && method !== 'HEAD') return textResponse(405, 'Method not allowed\n', { Allow: 'GET' });
  // Traversal, encoded separators and non-files are refused inside readStaticFile.
  const file = readStaticFile(root, parsed.pathname);
  if (!file) return textResponse(404, 'Not found\n');
  return new Response(method === 'HEAD' ? null : file.body, {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': 'no-store' },
  });
}

function decoded(value: string | null): string | undefined {
  if (value === null) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * Content-Length where Electron passes it on, else the size the renderer
 * declared for the file (a custom protocol's request may lack the former).
 */
function declaredSize(headers: Headers): number | undefined {
  for (const name of ['content-length', 'x-hoan-file-size']) {
    const value = headers.get(name);
    if (value !== null && /^\d{1,15}$/.test(value)) return Number(value);
  }
  return undefined;
}

/**
 * The request body as a Node stream that fails, never ends quietly, when the
 * upload is cut short (#10.1). An error of the web stream (the renderer went
 * away) destroys it; so does an end short of the declared size, or bytes past
 * it, because a body pipe dropped mid-way may read as a plain end. Either way
 * the receiver deletes its partial file. Destroying the returned stream (a
 * refusal) cancels the web stream.
 */
export function uploadBody(body: ReadableStream<Uint8Array> | null, declared: number | undefined): Readable {
  const source = body ? Readable.fromWeb(body as WebReadableStream<Uint8Array>) : Readable.from([]);
  if (declared === undefined) return source;
  let received = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      done(received > declared ? new Error(`upload longer than its declared ${declared} bytes`) : null, chunk);
    },
    flush(done) {
      done(received === declared ? null : new Error(`upload ended after ${received} of ${declared} bytes`));
    },
  });
  // The receiver's own pipeline reports the error; this one only links the two.
  return pipeline(source, counted, () => {});
}

/**
 * `POST app://hoan/upload/<kind>`: the same relative URL the renderer uses
 * on the web host, so file uploads need no IPC of their own.
 */
async function upload(request: Request, router: Router): Promise<Response> {
  const kind = new URL(request.url).pathname.slice(UPLOAD_PREFIX.length);
  const declared = declaredSize(request.headers);
  const envelope = await router.upload(kind, uploadBody(request.body, declared), {
    name: decoded(request.headers.get('x-hoan-file-name')),
    ...(declared !== undefined ? { size: declared } : {}),
  });
  return new Response(JSON.stringify(envelope), {
    status: envelope.ok ? 200 : 400,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

const UPLOAD_PREFIX = '/upload/';
const EVIDENCE_PREFIX = '/evidence/';

/**
 * `GET app://hoan/evidence/<sha256>[?name=…&inline=1]`: the same relative
 * URL as on the web host. Core decides every header (type, disposition,
 * the sandboxing CSP); Electron's own download handling takes an attachment.
 */
async function download(request: Request, router: Router): Promise<Response> {
  const url = new URL(request.url);
  const reply = await router.download('evidence', url.pathname.slice(EVIDENCE_PREFIX.length), Object.fromEntries(url.searchParams));
  if (!reply.ok) {
    const status = reply.error.code === 'not_found' ? 404 : reply.error.code === 'validation' ? 400 : 500;
    return new Response(JSON.stringify(reply), {
      status,
      headers: { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  const body = request.method === 'HEAD' ? null : (Readable.toWeb(reply.data.open()) as ReadableStream<Uint8Array>);
  return new Response(body, { status: 200, headers: reply.data.headers });
}

/** Must run after `ready`, on the session the window uses. */
export function serveAppProtocol(protocol: Pick<ElectronApi['protocol'], 'handle'>, root: string, router: Router): void {
  protocol.handle(APP_SCHEME, (request) => {
    const pathname = new URL(request.url).pathname;
    if (request.method === 'POST' && pathname.startsWith(UPLOAD_PREFIX) && isAppUrl(request.url)) {
      return upload(request, router);
    }
    if ((request.method === 'GET' || request.method === 'HEAD') && pathname.startsWith(EVIDENCE_PREFIX) && isAppUrl(request.url)) {
      return download(request, router);
    }
    return respond(request.method, request.url, root);
  });
}
