import fs from 'node:fs';
import path from 'node:path';
import { translate } from '../../core/i18n/translate';
import { call, print, requireArg, UsageError, type Command } from '../session';

/** `hoan keys show|export|rename`: this installation's identity, and the line other installations trust. */
export const keysCommand: Command = {
  name: 'keys',
  usage: ['hoan keys show', 'hoan keys export [--out FILE]                  (an allowed_signers line)', 'hoan keys rename NAME'],
  options: { out: { type: 'string' } },
  async run(s, [verb, ...args], values) {
    switch (verb) {
      case 'show': {
        const info = await call(s, 'keys:show', {});
        return print(s, info, () =>
          [
            `${translate(s.locale, 'bundle.keys.name')}: ${info.name}`,
            `${translate(s.locale, 'bundle.keys.fingerprint')}: ${info.fingerprint}`,
            `${translate(s.locale, 'bundle.keys.principal')}: ${info.principal}`,
            `${translate(s.locale, 'bundle.keys.protection')}: ${translate(s.locale, `bundle.keys.protections.${info.protection}`)}`,
            ...(info.protection === 'missing'
              ? []
              : [`${translate(s.locale, 'bundle.keys.access')}: ${translate(s.locale, `bundle.keys.accesses.${info.access}`, { mode: info.mode ?? '', path: info.keyFile })}`]),
          ].join('\n'),
        );
      }
      case 'export': {
        const info = await call(s, 'keys:show', {});
        const out = values.out as string | undefined;
        if (!out) return print(s, { allowedSigners: info.allowedSigners, fingerprint: info.fingerprint }, () => info.allowedSigners);
        const target = path.resolve(out);
        // Written beside the target and renamed: a half-written trust line is worse than none.
        fs.writeFileSync(`${target}.partial`, `${info.allowedSigners}\n`, { flag: 'wx' });
        fs.renameSync(`${target}.partial`, target);
        return print(s, { path: target, fingerprint: info.fingerprint }, () => `${target}\t${info.fingerprint}`);
      }
      case 'rename': {
        const info = await call(s, 'keys:rename', { name: requireArg(args.join(' ').trim() || undefined) });
        return print(s, info, () => info.name);
      }
      default:
        throw new UsageError();
    }
  },
};
