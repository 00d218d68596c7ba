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
  'catalogue:list',
  'catalogue:previewImport',
  'catalogue:applyImport',
  'assessment:list',
  'assessment:create',
  'assessment:get',
  'assessment:updateItem',
  'assessment:attach',
  'assessment:detach',
  'assessment:complete',
  'assessment:itemHistory',
  'assessment:exportXlsx',
  'risks:list',
  'risks:create',
  'risks:update',
  'risks:remove',
  'dashboard:site',
  'dashboard:overview',
  // 8-1-3 removable-media checkpoint
  'media:list',
  'media:get',
  'media:create',
  'media:update',
  'media:drives',
  'media:scanStart',
  'media:scanStatus',
  'media:scanCancel',
  'media:checkIn',
  'media:checkOut',
  'media:correct',
  'media:log',
  'media:entry',
  'media:verify',
  'media:exportXlsx',
  'media:scannerGet',
  'media:scannerSet',
  // 8-2-1 device inventory
  'inventory:list',
  'inventory:locations',
  'inventory:profiles',
  'inventory:preview',
  'inventory:progress',
  'inventory:cancel',
  'inventory:commit',
  'inventory:undo',
  'inventory:check',
  'inventory:export',
] as const;

export type ChannelName = (typeof CHANNELS)[number];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}
