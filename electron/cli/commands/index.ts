import type { Command } from '../session';
import { advisoriesCommand } from './advisories-command';
import { bundleCommand } from './bundle-command';
import { checklistCommand } from './checklist-command';
import { dbCommand } from './db-command';
import { definitionsCommand } from './definitions-command';
import { registersCommand } from './registers-command';
import { reportCommand } from './report-command';
import { inventoryCommand } from './inventory-command';
import { keysCommand } from './keys-command';
import { mediaCommand } from './media-command';
import { serveCommand } from './serve-command';
import { setupCommand } from './setup-command';
import { sitesCommand } from './sites-command';
import { trustCommand } from './trust-command';

/** Every `hoan` command. A new domain adds its file here. */
export const COMMANDS: readonly Command[] = [serveCommand, setupCommand, sitesCommand, checklistCommand, reportCommand, dbCommand, mediaCommand, keysCommand, trustCommand, bundleCommand, inventoryCommand, definitionsCommand, advisoriesCommand, registersCommand];
