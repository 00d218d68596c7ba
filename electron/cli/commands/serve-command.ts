import fs from 'node:fs';
import path from 'node:path';
import { CHECK_AFTER_MS } from '../../core/db/integrity-check';
import { translate } from '../../core/i18n/translate';
import { findBrowser, openInBrowser } from '../../web-host/open-browser';
import { startWebHost } from '../../web-host/web-host';
import { EXIT } from '../cli-io';
import type { Command } from '../session';

/** Where Vite writes the renderer (vite.config.mts build.outDir), from out/electron/cli/commands. */
const RENDERER_DIR = path.resolve(__dirname, '..', '..', '..', 'ui');

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export const serveCommand: Command = {
  name: 'serve',
  usage: ['hoan serve [--port N] [--no-open]'],
  options: { port: { type: 'string' }, 'no-open': { type: 'boolean' } },
  async run(s, _args, values) {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      s.io.err(translate(s.locale, 'cli.serve.badPort', { port: String(values.port) }));
      return EXIT.usage;
    }
    if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
      s.io.err(translate(s.locale, 'cli.serve.notBuilt', { dir: RENDERER_DIR }));
      return EXIT.io;
    }
    const host = await startWebHost({ router: s.router, rendererDir: RENDERER_DIR, port });
    s.io.out(translate(s.locale, 'cli.serve.listening', { dataDir: s.core.dataDir }));
    // The address alone on its line, for people to copy and for scripts to read.
    s.io.out(host.url);
    // Reads the whole file in a worker, off the start-up path; the renderer shows its outcome.
    s.core.integrity.start({ afterMs: CHECK_AFTER_MS });
    if (values['no-open'] !== true) {
      const browser = findBrowser();
      if (browser) openInBrowser(browser, host.url, path.join(s.core.dataDir, 'browser-profile'));
      else s.io.out(translate(s.locale, 'cli.serve.noBrowser'));
    }
    await untilSignal();
    await host.close();
    return EXIT.ok;
  },
};
