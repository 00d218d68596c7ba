import fs from 'node:fs';
import path from 'node:path';
import { translate } from '../core/i18n/translate';
import { findBrowser, openInBrowser } from '../web-host/open-browser';
import { startWebHost } from '../web-host/web-host';
import { EXIT } from './cli-io';
import type { Session } from './main';

export interface ServeOptions {
  port: string | undefined;
  open: boolean;
  rendererDir: string;
  /** Resolves when the host should stop; defaults to SIGINT or SIGTERM. */
  until?: Promise<unknown>;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export async function serveCommand(s: Session, options: ServeOptions): Promise<number> {
  const port = options.port === undefined ? 0 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    s.io.err(translate(s.locale, 'cli.serve.badPort', { port: String(options.port) }));
    return EXIT.usage;
  }
  if (!fs.existsSync(path.join(options.rendererDir, 'index.html'))) {
    s.io.err(translate(s.locale, 'cli.serve.notBuilt', { dir: options.rendererDir }));
    return EXIT.io;
  }
  const host = await startWebHost({ router: s.router, rendererDir: options.rendererDir, port });
  s.io.out(translate(s.locale, 'cli.serve.listening', { dataDir: s.core.dataDir }));
  // The address alone on its line, for people to copy and for scripts to read.
  s.io.out(host.url);
  if (options.open) {
    const browser = findBrowser();
    if (browser) openInBrowser(browser, host.url, path.join(s.core.dataDir, 'browser-profile'));
    else s.io.out(translate(s.locale, 'cli.serve.noBrowser'));
  }
  await (options.until ?? untilSignal());
  await host.close();
  return EXIT.ok;
}
