import fs from 'node:fs';
import { advisoryGlances } from '../../core/advisories/advisory-glance';
import { assessmentWorkbook } from '../../core/checklist/assessment-xlsx';
import { activeCatalogues, applyCatalogueImport, previewCatalogueImport } from '../../core/checklist/catalogue-store';
import { overview, siteDashboard } from '../../core/checklist/dashboard';
import { siteDefinitions, sitesDefinitions } from '../../core/definitions/site-definitions';
import { attachEvidence, detachEvidence, itemHistory, updateDecision } from '../../core/checklist/item-repository';
import { createRisk, listRisks, removeRisk, updateRisk } from '../../core/checklist/risk-repository';
import { completeRound, createRound, getAssessment, getRoundRow, listRounds } from '../../core/checklist/round-repository';
import type { Core } from '../../core/core';
import { HoanError } from '../../core/errors';
import { evidenceFilePath } from '../../core/evidence/evidence-store';
import { actingUser } from '../../core/settings/acting-user';
import { getSite } from '../../core/sites/site-repository';
import type { Handlers } from './handler-types';

function storedBytes(core: Core, sha256: string): Buffer {
  try {
    return fs.readFileSync(evidenceFilePath(core.dataDir, sha256));
  } catch {
    throw new HoanError('not_found', 'errors.evidence.notFound', { sha256 });
  }
}

/** A file name safe on every file system, from the site and round. */
function exportName(siteName: string, title: string): string {
  const clean = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim().slice(0, 60);
  return `${clean(siteName)}_${clean(title)}_チェックリスト.xlsx`;
}

type ChecklistChannel =
  | 'catalogue:list'
  | 'catalogue:previewImport'
  | 'catalogue:applyImport'
  | 'assessment:list'
  | 'assessment:create'
  | 'assessment:get'
  | 'assessment:updateItem'
  | 'assessment:attach'
  | 'assessment:detach'
  | 'assessment:complete'
  | 'assessment:itemHistory'
  | 'assessment:exportXlsx'
  | 'risks:list'
  | 'risks:create'
  | 'risks:update'
  | 'risks:remove'
  | 'dashboard:site'
  | 'dashboard:overview';

export const checklistHandlers: Handlers<ChecklistChannel> = {
  'catalogue:list': (core) => activeCatalogues(core.db),
  'catalogue:previewImport': (core, { sha256, name }) => previewCatalogueImport(core.db, storedBytes(core, sha256), name),
  'catalogue:applyImport': (core, { sha256, name }) => applyCatalogueImport(core.db, storedBytes(core, sha256), name, core.now()),
  'assessment:list': (core, { siteId }) => listRounds(core.db, siteId, core.now()),
  'assessment:create': (core, input) => createRound(core.db, input, actingUser(core), core.now()),
  'assessment:get': (core, { roundId }) => getAssessment(core.db, roundId, core.now()),
  'assessment:updateItem': (core, { roundId, itemId, decision }) =>
    updateDecision(core.db, roundId, itemId, decision, actingUser(core), core.now()),
  'assessment:attach': (core, { roundId, itemId, sha256, name }) =>
    attachEvidence(core.db, roundId, itemId, { sha256, name }, actingUser(core), core.now()),
  'assessment:detach': (core, { roundId, itemId, sha256 }) => detachEvidence(core.db, roundId, itemId, sha256, actingUser(core), core.now()),
  'assessment:complete': (core, { roundId }) => completeRound(core.db, roundId, actingUser(core), core.now()),
  'assessment:itemHistory': (core, { roundId, itemId }) => itemHistory(core.db, roundId, itemId),
  'assessment:exportXlsx': async (core, { roundId }) => {
    const round = getRoundRow(core.db, roundId);
    const bytes = await assessmentWorkbook(core.db, roundId, core.now());
    return { fileName: exportName(getSite(core.db, round.site_id).name, round.title), base64: bytes.toString('base64') };
  },
  'risks:list': (core, { roundId }) => listRisks(core.db, roundId),
  'risks:create': (core, { roundId, fields }) => createRisk(core.db, roundId, fields, actingUser(core), core.now()),
  'risks:update': (core, { id, fields }) => updateRisk(core.db, id, fields, actingUser(core), core.now()),
  'risks:remove': (core, { id }) => {
    removeRisk(core.db, id, actingUser(core), core.now());
    return { done: true };
  },
  'dashboard:site': (core, { siteId }) => {
    getSite(core.db, siteId);
    return siteDashboard(core.db, siteId, core.now(), siteDefinitions(core, siteId, core.now()), advisoryGlances(core, [siteId]).get(siteId) ?? null);
  },
  'dashboard:overview': (core) => overview(core.db, core.now(), sitesDefinitions(core, core.now()), advisoryGlances(core)),
};
