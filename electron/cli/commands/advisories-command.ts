import { runTriage, TRIAGE_OPTIONS, TRIAGE_USAGE } from './advisories-triage';
import { UsageError, type Command } from '../session';

/** `hoan advisories …`: CSAF advisories matched to the inventory (issue 13). */
export const advisoriesCommand: Command = {
  name: 'advisories',
  usage: [...TRIAGE_USAGE],
  options: { site: { type: 'string' }, ...TRIAGE_OPTIONS },
  async run(s, [verb, ...args], values) {
    switch (verb) {
      case 'triage':
        return runTriage(s, args, values);
      default:
        throw new UsageError();
    }
  },
};
