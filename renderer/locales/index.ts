import enAdvisories from './en/advisories.json';
import enApp from './en/app.json';
import enBundle from './en/bundle.json';
import enRegulation from './en/regulation.json';
import enReport from './en/report.json';
import enChecklist from './en/checklist.json';
import enCli from './en/cli.json';
import enDefinitions from './en/definitions.json';
import enClassification from './en/classification.json';
import enErrors from './en/errors.json';
import enInventory from './en/inventory.json';
import enMedia from './en/media.json';
import enSettings from './en/settings.json';
import enSites from './en/sites.json';
import enRegisters from './en/registers.json';
import jaAdvisories from './ja/advisories.json';
import jaApp from './ja/app.json';
import jaBundle from './ja/bundle.json';
import jaRegulation from './ja/regulation.json';
import jaReport from './ja/report.json';
import jaChecklist from './ja/checklist.json';
import jaCli from './ja/cli.json';
import jaDefinitions from './ja/definitions.json';
import jaClassification from './ja/classification.json';
import jaErrors from './ja/errors.json';
import jaInventory from './ja/inventory.json';
import jaMedia from './ja/media.json';
import jaSettings from './ja/settings.json';
import jaSites from './ja/sites.json';
import jaRegisters from './ja/registers.json';

/**
 * One file per namespace, merged under the namespace's name so that keys read
 * `errors.field.required` everywhere: in the renderer, the CLI and the API's
 * message keys. Japanese first; English must carry the same keys (tested).
 */
export const locales = {
  ja: { app: jaApp, sites: jaSites, classification: jaClassification, settings: jaSettings, errors: jaErrors, cli: jaCli, checklist: jaChecklist, regulation: jaRegulation, report: jaReport, media: jaMedia, inventory: jaInventory, bundle: jaBundle, definitions: jaDefinitions, advisories: jaAdvisories, registers: jaRegisters },
  en: { app: enApp, sites: enSites, classification: enClassification, settings: enSettings, errors: enErrors, cli: enCli, checklist: enChecklist, regulation: enRegulation, report: enReport, media: enMedia, inventory: enInventory, bundle: enBundle, definitions: enDefinitions, advisories: enAdvisories, registers: enRegisters },
} as const;

export type LocaleId = keyof typeof locales;
export const DEFAULT_LOCALE: LocaleId = 'ja';
