import { z } from 'zod';
import { classificationAnswersSchema } from '../../core/classification/classification-schema';
import { decisionSchema, roundInputSchema } from '../../core/checklist/assessment-schema';
import { riskCreateSchema, riskUpdateSchema } from '../../core/checklist/risk-schema';
import { provisionDraftSchema, provisionSaveSchema } from '../../core/regulation/regulation-schema';
import { reportInputSchema } from '../../core/report/report-schema';
import { settingsPatchSchema, setupSchema } from '../../core/settings/settings-schema';
import { siteFieldsSchema } from '../../core/sites/site-schema';
import { singleLine } from '../../core/text-schema';
import { entityId } from '../../core/validation';
import { advisoriesContract } from './advisories-channels';
import { bundleContract } from './bundle-channels';
import type { ChannelName } from './channel-names';
import { advisoryMatchingContract } from './advisory-matching-channels';
import { definitionsContract } from './definitions-channels';
import { inventoryContract } from './inventory-channels';
import { mediaContract } from './media-channels';
import { triageContract } from './triage-channels';
import { registersContract } from './registers-channels';
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
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** A file already in the evidence store (uploaded first), and the name it came with. */
const storedFile = z.object({ sha256, name: singleLine(255, 1) }).strict();
const byRound = z.object({ roundId: entityId }).strict();
const byItem = z.object({ roundId: entityId, itemId: z.string().min(1).max(32) });

export const contract = {
  'app:info': channel(none).returns<R.AppInfo>(),
  'settings:get': channel(none).returns<R.Settings>(),
  'settings:update': channel(settingsPatchSchema).returns<R.Settings>(),
  'setup:get': channel(none).returns<R.SetupState>(),
  'setup:save': channel(setupSchema).returns<R.SetupState>(),
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
  /** The background quick_check's state (core/db/integrity-check.ts): the renderer shows problems found. */
  'db:integrity': channel(none).returns<R.IntegrityStatus>(),
  'catalogue:list': channel(none).returns<R.CatalogueRef[]>(),
  'catalogue:previewImport': channel(storedFile).returns<R.CatalogueDiff>(),
  'catalogue:applyImport': channel(storedFile).returns<R.CatalogueDiff>(),
  'assessment:list': channel(z.object({ siteId: entityId }).strict()).returns<R.AssessmentRound[]>(),
  'assessment:create': channel(roundInputSchema).returns<R.AssessmentRound>(),
  'assessment:get': channel(byRound).returns<R.AssessmentDetail>(),
  'assessment:updateItem': channel(byItem.extend({ decision: decisionSchema }).strict()).returns<R.AssessmentItemView>(),
  'assessment:attach': channel(byItem.extend(storedFile.shape).strict()).returns<R.AssessmentItemView>(),
  'assessment:detach': channel(byItem.extend({ sha256 }).strict()).returns<R.AssessmentItemView>(),
  'assessment:complete': channel(byRound).returns<R.AssessmentRound>(),
  'assessment:itemHistory': channel(byItem).returns<R.AuditEntry[]>(),
  'assessment:exportXlsx': channel(byRound).returns<R.FileDownload>(),
  'risks:list': channel(byRound).returns<R.Risk[]>(),
  'risks:create': channel(riskCreateSchema).returns<R.Risk>(),
  'risks:update': channel(riskUpdateSchema).returns<R.Risk>(),
  'risks:remove': channel(byId).returns<R.Done>(),
  'dashboard:site': channel(z.object({ siteId: entityId }).strict()).returns<R.SiteDashboard>(),
  'dashboard:overview': channel(none).returns<R.OverviewRow[]>(),
  'regulation:draft': channel(provisionDraftSchema).returns<R.ProvisionDraft>(),
  'regulation:save': channel(provisionSaveSchema).returns<R.Provision>(),
  'regulation:list': channel(z.object({ siteId: entityId }).strict()).returns<R.Provision[]>(),
  'report:html': channel(reportInputSchema).returns<R.ReportHtml>(),
  'report:xlsx': channel(reportInputSchema).returns<R.FileDownload>(),
  ...mediaContract,
  ...inventoryContract,
  ...bundleContract,
  ...definitionsContract,
  ...advisoriesContract,
  ...advisoryMatchingContract,
  ...triageContract,
  ...registersContract,
} satisfies Record<ChannelName, ChannelDef>;

export type Contract = typeof contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelResult<C extends ChannelName> = Contract[C] extends ChannelDef<z.ZodType, infer Result> ? Result : never;
