import { translate } from '../../core/i18n/translate';
import { call, print, UsageError, type Command } from '../session';

const FLAG_OF_FIELD: Record<string, string> = { userName: '--user-name', installationName: '--installation-name' };

/**
 * `hoan setup`: the app's first-run screen for a terminal. Shows both names,
 * or saves them (both in one transaction, or one alone). The saved user name
 * is what changes record when --user and HOAN_USER are absent.
 */
export const setupCommand: Command = {
  name: 'setup',
  usage: ['hoan setup [--user-name NAME] [--installation-name NAME]   (who records changes; this installation\'s name)'],
  options: { 'user-name': { type: 'string' }, 'installation-name': { type: 'string' } },
  async run(s, args, values) {
    if (args.length > 0) throw new UsageError();
    const userName = values['user-name'] as string | undefined;
    const installationName = values['installation-name'] as string | undefined;
    const label = (p: string) => FLAG_OF_FIELD[p] ?? p;
    if (userName !== undefined && installationName !== undefined) {
      await call(s, 'setup:save', { userName, installationName }, label);
    } else if (userName !== undefined) {
      await call(s, 'settings:update', { userName }, label);
    } else if (installationName !== undefined) {
      await call(s, 'keys:rename', { name: installationName }, () => '--installation-name');
    }
    const state = await call(s, 'setup:get', {});
    const unset = translate(s.locale, 'cli.setup.unset');
    return print(s, state, () =>
      [
        `${translate(s.locale, 'settings.userName')}: ${state.userName || unset}`,
        `${translate(s.locale, 'settings.installationName')}: ${state.installationName || unset}`,
        ...(state.complete ? [] : [translate(s.locale, 'cli.setup.incomplete')]),
      ].join('\n'),
    );
  },
};
