// One language's catalogues: the renderer loads only the language in use (lib/i18n.ts); core and the CLI read both through index.ts.
import advisories from './ja/advisories.json';
import app from './ja/app.json';
import bundle from './ja/bundle.json';
import checklist from './ja/checklist.json';
import classification from './ja/classification.json';
import cli from './ja/cli.json';
import definitions from './ja/definitions.json';
import errors from './ja/errors.json';
import inventory from './ja/inventory.json';
import media from './ja/media.json';
import registers from './ja/registers.json';
import regulation from './ja/regulation.json';
import report from './ja/report.json';
import settings from './ja/settings.json';
import sites from './ja/sites.json';

export const ja = { app, sites, classification, settings, errors, cli, checklist, regulation, report, media, inventory, bundle, definitions, advisories, registers };
