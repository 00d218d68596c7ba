import type { ErrorShape } from '../../core/errors';
import type { ChannelName } from './channel-names';
import type { ChannelInput, ChannelResult } from './contract';

export type { ErrorShape, FieldError, ErrorCode } from '../../core/errors';

/** What crosses every transport: data, or an error the UI can translate. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorShape };

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type VerbsOf<D extends string> = {
  [C in ChannelName as C extends `${D}:${infer V}` ? V : never]: C;
};
type At<D extends string, V extends keyof VerbsOf<D>> = Extract<VerbsOf<D>[V], ChannelName>;

/** `sites:list` becomes `bridge.sites.list(input)`: what the Electron preload exposes. */
export type HoanBridge = {
  [D in DomainOf<ChannelName>]: {
    [V in keyof VerbsOf<D>]: (input: ChannelInput<At<D, V>>) => Promise<Envelope<ChannelResult<At<D, V>>>>;
  };
};

/** The same shape with envelopes unwrapped: what renderer code calls. */
export type HoanApi = {
  [D in DomainOf<ChannelName>]: {
    [V in keyof VerbsOf<D>]: (input: ChannelInput<At<D, V>>) => Promise<ChannelResult<At<D, V>>>;
  };
};

export function splitChannel(channel: ChannelName): [string, string] {
  const at = channel.indexOf(':');
  return [channel.slice(0, at), channel.slice(at + 1)];
}
