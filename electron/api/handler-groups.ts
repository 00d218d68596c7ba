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
/** `import()` (a require in the built code) so the sources run under vitest too. */
const app = () => import('./handlers/app-handlers').then((m) => m.appHandlers);
const sites = () => import('./handlers/site-handlers').then((m) => m.siteHandlers);
const checklist = () => import('./handlers/checklist-handlers').then((m) => m.checklistHandlers);
const regulation = () => import('./handlers/regulation-handlers').then((m) => m.regulationHandlers);
const report = () => import('./handlers/report-handlers').then((m) => m.reportHandlers);
const media = () => import('./handlers/media-handlers').then((m) => m.mediaHandlers);
const inventory = () => import('./handlers/inventory-handlers').then((m) => m.inventoryHandlers);
const bundle = () => import('./handlers/bundle-handlers').then((m) => m.bundleHandlers);
const definitions = () => import('./handlers/definitions-handlers').then((m) => m.definitionsHandlers);
const advisories = () => import('./handlers/advisories-handlers').then((m) => m.advisoriesHandlers);
const matching = () => import('./handlers/advisory-matching-handlers').then((m) => m.advisoryMatchingHandlers);
const triage = () => import('./handlers/triage-handlers').then((m) => m.triageHandlers);
const registers = () => import('./handlers/registers-handlers').then((m) => m.registersHandlers);

/** Together the groups handle every channel: checked by the compiler, as a spread of them all was. */
type AllGroups = Awaited<ReturnType<typeof app>> & Awaited<ReturnType<typeof sites>> & Awaited<ReturnType<typeof checklist>> & Awaited<ReturnType<typeof regulation>> &
  Awaited<ReturnType<typeof report>> & Awaited<ReturnType<typeof media>> & Awaited<ReturnType<typeof inventory>> & Awaited<ReturnType<typeof bundle>> &
  Awaited<ReturnType<typeof definitions>> & Awaited<ReturnType<typeof advisories>> & Awaited<ReturnType<typeof matching>> & Awaited<ReturnType<typeof triage>> &
  Awaited<ReturnType<typeof registers>>;
export const EVERY_CHANNEL_HANDLED: AllGroups extends Handlers ? true : never = true;

/** Where a domain's channels are handled (the part of `domain:verb` before the colon); a test checks each channel is found. */
export const GROUPS_BY_DOMAIN: Readonly<Record<string, readonly (() => Promise<Group>)[]>> = {
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
export async function handlerFor(channel: ChannelName): Promise<Handler<ChannelName> | undefined> {
  const known = loaded.get(channel);
  if (known) return known;
  for (const load of GROUPS_BY_DOMAIN[channel.slice(0, channel.indexOf(':'))] ?? []) {
    for (const [name, handler] of Object.entries(await load())) loaded.set(name, handler as Handler<ChannelName>);
  }
  return loaded.get(channel);
}
