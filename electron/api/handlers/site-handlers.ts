import {
  latestClassifications,
  listClassifications,
  recordClassification,
} from '../../core/classification/classification-repository';
import { answersFromSite, classify, sameAnswers } from '../../core/classification/classify';
import { regionById } from '../../core/reference/regions';
import { actingUser } from '../../core/settings/acting-user';
import {
  createSite,
  getSite,
  listSites,
  setSiteArchived,
  updateSite,
} from '../../core/sites/site-repository';
import type { Handlers } from './handler-types';

export const siteHandlers: Handlers<
  | 'sites:list'
  | 'sites:get'
  | 'sites:create'
  | 'sites:update'
  | 'sites:archive'
  | 'sites:restore'
  | 'sites:classify'
  | 'classification:preview'
> = {
  'sites:list': (core, input) => {
    const latest = latestClassifications(core.db);
    return listSites(core.db, input).map((site) => {
      const c = latest.get(site.id);
      return { ...site, classification: c ? { result: c.result, classifiedAt: c.classifiedAt } : null };
    });
  },
  'sites:get': (core, { id }) => {
    const site = getSite(core.db, id);
    const classifications = listClassifications(core.db, id);
    const suggestedAnswers = answersFromSite(site);
    const current = classifications[0];
    return {
      site,
      region: regionById(core.resourcesDir, site.region),
      classifications,
      suggestedAnswers,
      classificationStale: current !== undefined && !sameAnswers(current.answers, suggestedAnswers),
    };
  },
  'sites:create': (core, fields) => createSite(core.db, fields, core.now(), actingUser(core)),
  'sites:update': (core, { id, fields }) => updateSite(core.db, id, fields, core.now(), actingUser(core)),
  'sites:archive': (core, { id }) => setSiteArchived(core.db, id, true, core.now(), actingUser(core)),
  'sites:restore': (core, { id }) => setSiteArchived(core.db, id, false, core.now(), actingUser(core)),
  'sites:classify': (core, { siteId, answers }) =>
    recordClassification(core.db, siteId, answers, actingUser(core), core.now()),
  'classification:preview': (_core, { answers }) => classify(answers),
};
