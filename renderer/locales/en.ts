// One language's catalogues: the renderer loads only the language in use (lib/i18n.ts); core and the CLI read both through index.ts.
import advisories from './en/advisories.json';
import app from './en/app.json';
import bundle from './en/bundle.json';
import checklist from './en/checklist.json';
import classification from './en/classification.json';
import cli from './en/cli.json';
import definitions from './en/definitions.json';
import errors from './en/errors.json';
import inventory from './en/inventory.json';
import media from './en/media.json';
import registers from './en/registers.json';
import regulation from './en/regulation.json';
import report from './en/report.json';
import settings from './en/settings.json';
import sites from './en/sites.json';

export const en = { app, sites, classification, settings, errors, cli, checklist, regulation, report, media, inventory, bundle, definitions, advisories, registers };
