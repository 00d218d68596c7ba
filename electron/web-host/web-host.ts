import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { finished, PassThrough, pipeline } from 'node:stream';
import type { FileReply } from '../api/downloads';
import type { Router } from '../api/router';
import { SECURITY_HEADERS } from '../core/csp';
import { readStaticFile } from '../core/static-files';
import type { Envelope, ErrorCode } from '../api/contract';

/**
 * Cookies are shared by every port of a host, so each launch names its own:
 * a site's and head office's hosts open side by side in one browser would
 * otherwise overwrite each other's token.
 */
export const tokenCookieName = (port: number) => `hoan_token_${port}`;
/** `GET /evidence/<sha256>[?name=…&inline=1]`: a stored evidence file, behind the token like everything else. */
const EVIDENCE_PREFIX = '/evidence/';
/** Far above any form; a 10 MB paste is refused before it is parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface WebHostOptions {
  router: Router;
  rendererDir: string;
  port?: number;
  /** Fixed only by tests; otherwise random per launch. */
  token?: string;
}

export interface WebHost {
  readonly port: number;
  readonly token: string;
  /** The address to open, with the token; the token is moved into a cookie on first load. */
  readonly url: string;
  close(): Promise<void>;
}

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  validation: 400,
  not_found: 404,
  unknown_channel: 404,
  conflict: 409,
  payload_too_large: 413,
  busy: 503,
};

const UNAUTHORIZED_PAGE =
  'Hoan: 起動時に表示されたトークン付きのURLで開いてください。\n' +
  'Hoan: open the address with the token that was printed at launch.\n';

function sameToken(expected: Buffer, given: string | undefined): boolean {
  if (!given) return false;
  const candidate = Buffer.from(given);
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

function sendEnvelope(res: http.ServerResponse, envelope: Envelope<unknown>) {
  const status = envelope.ok ? 200 : (STATUS_BY_CODE[envelope.error.code] ?? 500);
  send(res, status, JSON.stringify(envelope), { 'Content-Type': 'application/json; charset=utf-8' });
}

/** A malformed escape (`%E0%A4%A`) names no channel; the router answers unknown_channel. */
function channelFromPath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname.slice('/api/'.length));
  } catch {
    return undefined;
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) overflow = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(overflow ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function decodedHeader(value: string | string[] | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * A file as the raw request body, streamed to the router. The body goes
 * through a PassThrough so a refusal mid-way (too large) can still answer
 * before the connection is closed: the receiver destroying its stream must
 * not destroy the request (that closes the socket). The other way round is
 * wired by hand: a client that goes away mid-upload errors the body at once,
 * so the receiver deletes its partial file and closes it; `pipe` alone would
 * leave the body waiting for an end that never comes.
 */
async function receiveUpload(router: Router, req: http.IncomingMessage, kind: string): Promise<Envelope<unknown>> {
  const declared = Number(req.headers['content-length']);
  const body = new PassThrough();
  req.pipe(body);
  finished(req, (err) => {
    if (err) body.destroy(err);
  });
  // A receiver sees the error through its own pipeline; a body nobody reads
  // (refused from its declared size) must not crash the host with it.
  body.on('error', () => {});
  const envelope = await router.upload(kind, body, {
    name: decodedHeader(req.headers['x-hoan-file-name']),
    ...(Number.isInteger(declared) && declared >= 0 ? { size: declared } : {}),
  });
  return envelope;
}

/**
 * A stored file with the headers core chose for it. A read that fails part
 * way (the file is damaged) cuts the connection: the client never sees the
 * declared length and does not keep a partial file as complete.
 */
function sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: FileReply) {
  res.writeHead(200, file.headers);
  if (req.method === 'HEAD') return res.end();
  pipeline(file.open(), res, (err) => {
    if (err) res.destroy();
  });
}

/**
 * The loopback host: the same renderer and the same router as the Electron
 * app, over HTTP on 127.0.0.1. Defences: a per-launch token (401 without it),
 * Host and Origin pinned to the loopback address (403 otherwise, against DNS
 * rebinding and cross-site requests), and the app's CSP on every response
 * (a stricter, sandboxing one on stored evidence files).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const expected = Buffer.from(token);
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const server = http.createServer(async (req, res) => {
    try {
      if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 403, 'Forbidden host\n');
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins().has(origin)) return send(res, 403, 'Forbidden origin\n');
      if (req.headers['sec-fetch-site'] === 'cross-site') return send(res, 403, 'Forbidden\n');

      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      const queryToken = url.searchParams.get('token') ?? undefined;
      if (req.method === 'GET' && url.pathname === '/' && sameToken(expected, queryToken)) {
        // Move the token out of the address bar and history into an HttpOnly cookie.
        return send(res, 303, '', {
          Location: '/',
          'Set-Cookie': `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        });
      }
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!sameToken(expected, cookieValue(req.headers.cookie, tokenCookieName(port))) && !sameToken(expected, bearer)) {
        return send(res, 401, UNAUTHORIZED_PAGE, { 'Content-Type': 'text/plain; charset=utf-8' });
      }

      if (url.pathname.startsWith('/upload/')) {
        if (req.method !== 'POST') return send(res, 405, 'Method not allowed\n', { Allow: 'POST' });
        const envelope = await receiveUpload(options.router, req, url.pathname.slice('/upload/'.length));
        if (!req.readableEnded) {
          // The rest of a refused upload is not worth reading: answer, then close the connection.
          res.setHeader('Connection', 'close');
          res.once('finish', () => req.destroy());
        }
        return sendEnvelope(res, envelope);
      }

      if (url.pathname.startsWith(EVIDENCE_PREFIX)) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
        const reply = await options.router.download('evidence', url.pathname.slice(EVIDENCE_PREFIX.length), Object.fromEntries(url.searchParams));
        return reply.ok ? sendFile(req, res, reply.data) : sendEnvelope(res, reply);
      }

      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, 'Method not allowed\n', { Allow: 'POST' });
        const body = await readBody(req);
        if (body === 'too_large') {
          return sendEnvelope(res, {
            ok: false,
            error: { code: 'payload_too_large', messageKey: 'errors.payloadTooLarge', params: { max: MAX_BODY_BYTES } },
          });
        }
        let input: unknown;
        try {
          input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
        } catch {
          return sendEnvelope(res, { ok: false, error: { code: 'validation', messageKey: 'errors.invalidJson' } });
        }
        return sendEnvelope(res, await options.router.handle(channelFromPath(url.pathname), input));
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed\n', { Allow: 'GET' });
      const file = readStaticFile(options.rendererDir, url.pathname);
      if (!file) return send(res, 404, 'Not found\n', { 'Content-Type': 'text/plain; charset=utf-8' });
      return send(res, 200, req.method === 'HEAD' ? '' : file.body, { 'Content-Type': file.contentType });
    } catch (err) {
      console.error('[hoan] web host error:', err);
      if (!res.headersSent) send(res, 500, 'Internal error\n');
      else res.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
