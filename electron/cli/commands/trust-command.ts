import fs from 'node:fs';
import type { TrustPreview } from '../../core/bundle/bundle-types';
import { HoanError } from '../../core/errors';
import { translate } from '../../core/i18n/translate';
import { EXIT } from '../cli-io';
import { call, CliFailure, failWith, print, requireArg, UsageError, type Command, type Session } from '../session';

function readText(s: Session, file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw failWith(s.locale, new HoanError('io', 'bundle.errors.unreadable', { path: file, reason: (err as Error).message.slice(0, 200) }).toShape());
  }
}

/** Each key to be trusted with its fingerprint, to read out over the phone with the sender. */
function previewText(s: Session, preview: TrustPreview, role: string): string {
  const t = (key: string, params?: Record<string, string>) => translate(s.locale, key, params);
  return [
    t('cli.trust.willAdd', { role: t(`bundle.trust.roles.${role}`) }),
    ...preview.signers.map((x) => `  ${x.fingerprint}  ${x.name} (${x.principal})${x.alreadyTrusted ? ` ${t('cli.trust.alreadyTrusted')}` : ''}`),
    t('cli.trust.compare'),
  ].join('\n');
}

/**
 * A key is trusted only once a person has compared its fingerprint with the
 * sender's: asked y/N at a terminal, or `--yes` from a script that did the
 * comparison itself. Without either (stdin is not a terminal) nothing is
 * added, so a piped or scheduled call cannot trust a key nobody checked.
 */
async function confirmed(s: Session, preview: TrustPreview, role: string, yes: boolean): Promise<boolean> {
  if (!s.json || !yes) s.io.err(previewText(s, preview, role));
  if (yes) return true;
  if (!s.io.interactive || !s.io.ask) throw new CliFailure(EXIT.usage, [translate(s.locale, 'cli.trust.needsYes')]);
  const answer = (await s.io.ask(translate(s.locale, 'cli.trust.question'))).trim().toLowerCase();
  return answer === 'y' || answer === 'yes' || answer === 'はい';
}

/** `hoan trust add|list|revoke`: the signers whose bundles this installation accepts. */
export const trustCommand: Command = {
  name: 'trust',
  usage: [
    'hoan trust add FILE [--role site|head_office] [--yes]   (allowed_signers lines; prints each fingerprint and asks y/N; --yes once compared by phone)',
    'hoan trust list',
    'hoan trust revoke SHA256:…',
  ],
  options: { role: { type: 'string' }, yes: { type: 'boolean' } },
  async run(s, [verb, arg], values) {
    switch (verb) {
      case 'add': {
        const role = (values.role as string | undefined) ?? 'site';
        const text = readText(s, requireArg(arg));
        const preview = await call(s, 'trust:preview', { text });
        // Lines that cannot be trusted at all are refused by trust:add with their reasons, before any question.
        const acceptable = preview.errors.length === 0 && preview.signers.length > 0 && !preview.signers.some((x) => x.isSelf);
        if (acceptable && ['site', 'head_office'].includes(role) && !(await confirmed(s, preview, role, values.yes === true))) {
          s.io.err(translate(s.locale, 'cli.trust.declined'));
          return EXIT.declined;
        }
        const added = await call(s, 'trust:add', { text, role: role as 'site' });
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
