import type { Core } from '../../core/core';
import type { ChannelName, ChannelResult, ParsedInput } from '../contract';

export type Handler<C extends ChannelName> = (
  core: Core,
  input: ParsedInput<C>,
) => ChannelResult<C> | Promise<ChannelResult<C>>;

export type Handlers<C extends ChannelName = ChannelName> = { [K in C]: Handler<K> };
