import { z } from 'zod';
import { REGION_IDS, type RegionId } from '../reference/region-types';
import { singleLine } from '../text-schema';
import { alongsideFieldErrors, isoDate, refineIssue } from '../validation';

export const INSTALLATION_TYPES = ['new', 'existing'] as const;
export type InstallationType = (typeof INSTALLATION_TYPES)[number];

const shortText = singleLine(200);

/** What a user enters for a site. The same rules hold for the UI, the CLI and imports. */
export const siteFieldsSchema = z
  .object({
    name: singleLine(200, 1),
    address: singleLine(500).default(''),
    /** 設置者 */
    ownerName: shortText.default(''),
    /** 保安管理業務の受託者 (電気管理技術者, 電気保安法人) */
    contractorName: shortText.default(''),
    region: z.enum(REGION_IDS),
    /** 受電電圧 in volts, e.g. 6600 */
    receivingVoltageV: z.number().int().min(0).max(1_000_000).nullable().default(null),
    /** 発電設備容量 in kW; null or 0 when the site has no generation. */
    generationCapacityKw: z.number().min(0).max(10_000_000).nullable().default(null),
    /** 系統連系 */
    gridConnected: z.boolean(),
    /** 逆潮流あり (selling surplus power) */
    reversePowerFlow: z.boolean(),
    /** 遠隔監視システム, including monitoring done in-house */
    hasRemoteMonitoring: z.boolean(),
    hasControlSystem: z.boolean(),
    installationType: z.enum(INSTALLATION_TYPES),
    lastSystemChangeDate: isoDate.nullable().default(null),
  })
  .strict()
  .superRefine((site, ctx) => {
    if (site.reversePowerFlow && !site.gridConnected) {
      refineIssue(ctx, ['reversePowerFlow'], 'errors.field.reverseFlowNeedsGrid');
    }
    if (site.reversePowerFlow && !site.generationCapacityKw) {
      refineIssue(ctx, ['generationCapacityKw'], 'errors.field.reverseFlowNeedsGeneration');
    }
    if (site.installationType === 'new' && site.lastSystemChangeDate !== null) {
      refineIssue(ctx, ['lastSystemChangeDate'], 'errors.field.changeDateOnlyForExisting');
    }
  }, alongsideFieldErrors);

export type SiteFieldsInput = z.input<typeof siteFieldsSchema>;
export type SiteFields = z.output<typeof siteFieldsSchema>;

export interface Site {
  id: string;
  name: string;
  address: string;
  ownerName: string;
  contractorName: string;
  region: RegionId;
  receivingVoltageV: number | null;
  generationCapacityKw: number | null;
  gridConnected: boolean;
  reversePowerFlow: boolean;
  hasRemoteMonitoring: boolean;
  hasControlSystem: boolean;
  installationType: InstallationType;
  lastSystemChangeDate: string | null;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}
