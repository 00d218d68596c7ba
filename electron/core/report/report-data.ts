import type { AssessmentDetail } from '../checklist/assessment-schema';
import { getAssessment } from '../checklist/round-repository';
import { listRisks } from '../checklist/risk-repository';
import type { Risk } from '../checklist/risk-schema';
import { listClassifications } from '../classification/classification-repository';
import type { Classification } from '../classification/classification-schema';
import type { Core } from '../core';
import { listBundles } from '../bundle/bundle-history';
import type { BundleRecord } from '../bundle/bundle-types';
import { iterateDevices } from '../inventory/device-repository';
import type { Device } from '../inventory/inventory-types';
import { verifyChain } from '../media/log-chain';
import type { LogEntry, VerifyResult } from '../media/media-types';
import { regionById } from '../reference/regions';
import type { Region } from '../reference/region-types';
import { listProvisions } from '../regulation/provision-repository';
import type { Provision } from '../regulation/regulation-schema';
import { getSite } from '../sites/site-repository';
import type { Site } from '../sites/site-schema';
import { documentDates } from '../settings/settings-repository';
import type { DateStyle } from '../time/format-date';
import { addDays, dayIn, dayStart } from '../time/time-zone';
import { gatherRegisters, type ReportRegisters } from './register-tables';
import { gatherAdvisories, type ReportAdvisories } from './report-advisories';
import { periodCheckIns, type PeriodCheckIns } from './report-media';
import type { ReportInput } from './report-schema';

/** Everything the inspector's report shows, for one site and one period. */
export interface ReportData {
  input: ReportInput;
  generatedAt: string;
  /** How its dates read: the report's language, the installation's zone and 西暦/和暦 (time/format-date.ts). */
  dateStyle: DateStyle;
  site: Site;
  region: Region;
  classification: Classification | null;
  /** The latest round begun by the end of the period. */
  assessment: AssessmentDetail | null;
  risks: Risk[];
  /**
   * The period's check-ins are read in batches when written (report-media.ts); the exceptions, few, are held for the cover.
   * `verify`, the whole chain's check, is made when first read (the HTML and PDF show it; the workbook does not).
   */
  media: { checkIns: PeriodCheckIns; exceptions: LogEntry[]; readonly verify: VerifyResult };
  devices: Device[];
  bundles: BundleRecord[];
  provision: Provision | null;
  /** 8-4: the site's advisory matches with their decisions, and the open ones past their date. */
  advisories: ReportAdvisories;
  /** Issue 14: 体制, 連絡体制 and the 接続点台帳 as they stand when printed, with the devices the network diagram draws. */
  registers: ReportRegisters;
}

export function gatherReport(core: Core, input: ReportInput): ReportData {
  const now = core.now();
  const site = getSite(core.db, input.siteId);
  const dateStyle = documentDates(core.db, input.language);
  const { timeZone } = dateStyle;
  // The end of the period's last day, in the installation's zone.
  const end = new Date(Math.min(Date.parse(dayStart(addDays(input.to), timeZone)), now.getTime())).toISOString();
  const round = core.db
    .prepare('SELECT id FROM assessment_rounds WHERE site_id = ? AND started_at <= ? ORDER BY started_at DESC, rowid DESC LIMIT 1')
    .get(site.id, end) as { id: string } | undefined;
  const assessment = round ? getAssessment(core.db, round.id, now) : null;
  const inPeriod = (iso: string) => {
    const day = dayIn(iso, timeZone);
    return day >= input.from && day <= input.to;
  };
  let verified: VerifyResult | undefined;
  const { checkIns, exceptions } = periodCheckIns(core.db, site.id, input.from, input.to, timeZone);
  return {
    input,
    generatedAt: now.toISOString(),
    dateStyle,
    site,
    region: regionById(core.resourcesDir, site.region),
    classification: listClassifications(core.db, site.id)[0] ?? null,
    assessment,
    risks: assessment ? listRisks(core.db, assessment.round.id) : [],
    media: {
      checkIns,
      exceptions,
      get verify() {
        return (verified ??= verifyChain(core.db, site.id, core.now));
      },
    },
    devices: [...iterateDevices(core.db, site.id)],
    bundles: listBundles(core.db, site.id).filter((b) => inPeriod(b.recordedAt)),
    provision: listProvisions(core.db, site.id).find((p) => p.adoptedOn !== null) ?? null,
    advisories: gatherAdvisories(core, site.id),
    registers: gatherRegisters(core, site.id),
  };
}
