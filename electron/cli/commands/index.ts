import type { Command } from '../session';
import { dbCommand } from './db-command';
import { serveCommand } from './serve-command';
import { sitesCommand } from './sites-command';

/** Every `hoan` command. A new domain adds its file here. */
export const COMMANDS: readonly Command[] = [serveCommand, sitesCommand, dbCommand];
