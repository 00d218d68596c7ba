import fs from 'node:fs';
import { HoanError } from '../../core/errors';
import { translate } from '../../core/i18n/translate';
import { call, failWith, print, requireArg, UsageError, type Command } from '../session';

function readText(s: Parameters<Command['run']>[0], file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw failWith(s.locale, new HoanError('io', 'bundle.errors.unreadable', { path: file, reason: (err as Error).message.slice(0, 200) }).toShape());
  }
}

/** `hoan trust add|list|revoke`: the signers whose bundles this installation accepts. */
export const trustCommand: Command = {
  name: 'trust',
  usage: ['hoan trust add FILE [--role site|head_office]   (allowed_signers lines; prints each fingerprint)', 'hoan trust list', 'hoan trust revoke SHA256:…'],
  options: { role: { type: 'string' } },
  async run(s, [verb, arg], values) {
    switch (verb) {
      case 'add': {
        const role = (values.role as string | undefined) ?? 'site';
        const added = await call(s, 'trust:add', { text: readText(s, requireArg(arg)), role: role as 'site' });
        return print(s, added, () => added.map((t) => `${t.fingerprint}\t${t.name}\t${translate(s.locale, `bundle.trust.roles.${t.role}`)}`).join('\n'));
      }
      case 'list': {
        const list = await call(s, 'trust:list', {});
        return print(s, list, () =>
          list.map((t) => [t.fingerprint, t.name, translate(s.locale, `bundle.trust.roles.${t.role}`), t.revokedAt ? translate(s.locale, 'bundle.trust.revoked') : ''].join('\t').trimEnd()).join('\n'),
        );
      }
      case 'revoke': {
        const revoked = await call(s, 'trust:revoke', { fingerprint: requireArg(arg) });
        return print(s, revoked, () => `${revoked.fingerprint}\t${translate(s.locale, 'bundle.trust.revoked')}`);
      }
      default:
        throw new UsageError();
    }
  },
};
