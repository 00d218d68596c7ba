import type { ChannelName } from './contract';
import type { Handler, Handlers } from './handlers/handler-types';

/**
 * The handlers, one module per group, each required the first time a
 * channel of one of its domains is called. Requiring them all at start
 * (with the core modules they import: bundles, definitions, reports,
 * inventory…) was most of a host's start-up (issue 15, profiled with
 * --cpu-prof): the first screen's first answer needs app-handlers alone.
 * The channels themselves are still checked against the contract by the
 * router before any of this runs.
 */

type Group = Partial<Handlers>;
/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, typed from the module */
const app = () => (require('./handlers/app-handlers') as typeof import('./handlers/app-handlers')).appHandlers;
const sites = () => (require('./handlers/site-handlers') as typeof import('./handlers/site-handlers')).siteHandlers;
const checklist = () => (require('./handlers/checklist-handlers') as typeof import('./handlers/checklist-handlers')).checklistHandlers;
const regulation = () => (require('./handlers/regulation-handlers') as typeof import('./handlers/regulation-handlers')).regulationHandlers;
const report = () => (require('./handlers/report-handlers') as typeof import('./handlers/report-handlers')).reportHandlers;
const media = () => (require('./handlers/media-handlers') as typeof import('./handlers/media-handlers')).mediaHandlers;
const inventory = () => (require('./handlers/inventory-handlers') as typeof import('./handlers/inventory-handlers')).inventoryHandlers;
const bundle = () => (require('./handlers/bundle-handlers') as typeof import('./handlers/bundle-handlers')).bundleHandlers;
const definitions = () => (require('./handlers/definitions-handlers') as typeof import('./handlers/definitions-handlers')).definitionsHandlers;
const advisories = () => (require('./handlers/advisories-handlers') as typeof import('./handlers/advisories-handlers')).advisoriesHandlers;
const matching = () => (require('./handlers/advisory-matching-handlers') as typeof import('./handlers/advisory-matching-handlers')).advisoryMatchingHandlers;
const triage = () => (require('./handlers/triage-handlers') as typeof import('./handlers/triage-handlers')).triageHandlers;
const registers = () => (require('./handlers/registers-handlers') as typeof import('./handlers/registers-handlers')).registersHandlers;
/* eslint-enable @typescript-eslint/no-require-imports */

/** Together the groups handle every channel: checked by the compiler, as a spread of them all was. */
type AllGroups = ReturnType<typeof app> & ReturnType<typeof sites> & ReturnType<typeof checklist> & ReturnType<typeof regulation> &
  ReturnType<typeof report> & ReturnType<typeof media> & ReturnType<typeof inventory> & ReturnType<typeof bundle> &
  ReturnType<typeof definitions> & ReturnType<typeof advisories> & ReturnType<typeof matching> & ReturnType<typeof triage> &
  ReturnType<typeof registers>;
export const EVERY_CHANNEL_HANDLED: AllGroups extends Handlers ? true : never = true;

/** Where a domain's channels are handled (the part of `domain:verb` before the colon); a test checks each channel is found. */
export const GROUPS_BY_DOMAIN: Readonly<Record<string, readonly (() => Group)[]>> = {
  app: [app],
  settings: [app],
  setup: [app],
  reference: [app],
  db: [app],
  sites: [sites],
  classification: [sites],
  catalogue: [checklist],
  assessment: [checklist],
  risks: [checklist],
  dashboard: [checklist],
  regulation: [regulation],
  report: [report],
  media: [media],
  inventory: [inventory],
  bundle: [bundle],
  keys: [bundle],
  review: [bundle],
  trust: [bundle],
  definitions: [definitions],
  advisories: [advisories, matching, triage],
  registers: [registers],
};

const loaded = new Map<string, Handler<ChannelName>>();

/** The channel's handler, requiring its group on first use; undefined only if no group handles it (a test rules that out). */
export function handlerFor(channel: ChannelName): Handler<ChannelName> | undefined {
  const known = loaded.get(channel);
  if (known) return known;
  for (const load of GROUPS_BY_DOMAIN[channel.slice(0, channel.indexOf(':'))] ?? []) {
    for (const [name, handler] of Object.entries(load())) loaded.set(name, handler as Handler<ChannelName>);
  }
  return loaded.get(channel);
}
