import { z } from 'zod';
import { classificationAnswersSchema } from '../../core/classification/classification-schema';
import { settingsPatchSchema } from '../../core/settings/settings-schema';
import { siteFieldsSchema } from '../../core/sites/site-schema';
import { entityId } from '../../core/validation';
import type { ChannelName } from './channel-names';
import type * as R from './results';

/** A channel's input schema; its result type rides along as a phantom. */
export interface ChannelDef<I extends z.ZodType = z.ZodType, Result = unknown> {
  input: I;
  readonly __result?: Result;
}

function channel<I extends z.ZodType>(input: I) {
  return { returns: <Result>(): ChannelDef<I, Result> => ({ input }) };
}

const none = z.object({}).strict();
const byId = z.object({ id: entityId }).strict();

export const contract = {
  'app:info': channel(none).returns<R.AppInfo>(),
  'settings:get': channel(none).returns<R.Settings>(),
  'settings:update': channel(settingsPatchSchema).returns<R.Settings>(),
  'reference:regions': channel(none).returns<R.Region[]>(),
  'sites:list': channel(z.object({ includeArchived: z.boolean().optional() }).strict()).returns<R.SiteSummary[]>(),
  'sites:get': channel(byId).returns<R.SiteDetail>(),
  'sites:create': channel(siteFieldsSchema).returns<R.Site>(),
  'sites:update': channel(z.object({ id: entityId, fields: siteFieldsSchema }).strict()).returns<R.Site>(),
  'sites:archive': channel(byId).returns<R.Site>(),
  'sites:restore': channel(byId).returns<R.Site>(),
  'sites:classify': channel(
    z.object({ siteId: entityId, answers: classificationAnswersSchema }).strict(),
  ).returns<R.Classification>(),
  'classification:preview': channel(z.object({ answers: classificationAnswersSchema }).strict()).returns<R.ClassificationOutcome>(),
  'db:backup': channel(none).returns<R.BackupResult>(),
} satisfies Record<ChannelName, ChannelDef>;

export type Contract = typeof contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelResult<C extends ChannelName> = Contract[C] extends ChannelDef<z.ZodType, infer Result> ? Result : never;
