/**
 * Every channel of the API, `domain:verb`. Kept apart from the schemas so the
 * preload (bundled, sandboxed) can expose one named function per channel
 * without carrying zod.
 */
export const CHANNELS = [
  'app:info',
  'settings:get',
  'settings:update',
  'reference:regions',
  'sites:list',
  'sites:get',
  'sites:create',
  'sites:update',
  'sites:archive',
  'sites:restore',
  'sites:classify',
  'classification:preview',
  'db:backup',
] as const;

export type ChannelName = (typeof CHANNELS)[number];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}
