import type { ErrorShape, HoanApi, HoanBridge } from '../../../electron/api/contract';

/** An API refusal, carrying the message key and field errors to show. */
export class ApiError extends Error {
  constructor(readonly shape: ErrorShape) {
    super(shape.messageKey);
    this.name = 'ApiError';
  }
}

type Call = (channel: string, input: unknown) => Promise<unknown>;

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the web host. */
    hoan?: HoanBridge;
  }
}

function unwrap(envelope: unknown): unknown {
  const e = envelope as { ok?: boolean; data?: unknown; error?: ErrorShape } | null;
  if (e && e.ok === true) return e.data;
  if (e && e.ok === false && e.error) throw new ApiError(e.error);
  throw new ApiError({ code: 'internal', messageKey: 'errors.internal' });
}

function bridgeCall(bridge: HoanBridge): Call {
  return async (channel, input) => {
    const [domain, verb] = channel.split(':') as [string, string];
    const fn = (bridge as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>)[domain]?.[verb];
    if (!fn) throw new ApiError({ code: 'unknown_channel', messageKey: 'errors.unknownChannel' });
    return unwrap(await fn(input));
  };
}

const httpCall: Call = async (channel, input) => {
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    throw new ApiError({ code: 'internal', messageKey: 'errors.network' });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError({ code: 'internal', messageKey: response.status === 401 ? 'errors.network' : 'errors.internal' });
  }
  return unwrap(body);
};

/**
 * The typed client: `api.sites.list({})`. Whether the calls travel over
 * Electron IPC or loopback HTTP is decided here once and nowhere else.
 */
export function createApi(call: Call = window.hoan ? bridgeCall(window.hoan) : httpCall): HoanApi {
  return new Proxy({} as HoanApi, {
    get: (_, domain: string) =>
      new Proxy(
        {},
        {
          get: (__, verb: string) => (input: unknown) => call(`${domain}:${verb}`, input),
        },
      ),
  });
}

export const api = createApi();
