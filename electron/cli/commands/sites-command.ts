import { contract, type ChannelInput } from '../../api/contract';
import { fieldErrorsFrom } from '../../api/zod-issues';
import { translate } from '../../core/i18n/translate';
import { call, print, rejectFields, requireArg, UsageError, type Command, type Session } from '../session';
import { flagForField, parseAnswers, SITE_FLAGS, siteInputFromFlags } from '../site-flags';

function classificationLabel(s: Session, result: string | undefined): string {
  return result ? translate(s.locale, `classification.result.${result}`) : translate(s.locale, 'sites.list.notClassified');
}

function reasonSentence(s: Session, reasons: { key: string }[], result: string): string {
  const joined = reasons.map((r) => translate(s.locale, r.key)).join(translate(s.locale, 'classification.reasonSeparator'));
  return translate(s.locale, 'classification.summary', { reasons: joined, result: classificationLabel(s, result) });
}

export const sitesCommand: Command = {
  name: 'sites',
  usage: [
    'hoan sites add --name NAME --region REGION [--address A] [--owner O] [--contractor C]',
    '               [--voltage V] [--capacity-kw KW] [--grid-connected] [--reverse-flow]',
    '               [--monitoring] [--control] [--installation new|existing] [--last-change YYYY-MM-DD]',
    'hoan sites list [--all]',
    'hoan sites show ID',
    'hoan sites classify ID [--answers monitoring=yes,control=yes,generation=yes,surplus=yes]',
  ],
  options: { ...SITE_FLAGS, all: { type: 'boolean' }, answers: { type: 'string' } },
  async run(s, [verb, ...args], values) {
    switch (verb) {
      case 'add': {
        const { input, errors } = siteInputFromFlags(values);
        if (errors.length > 0) {
          // Report every problem at once: the flags' own errors and the API's rules for the rest.
          const rest = contract['sites:create'].input.safeParse(input, { reportInput: true });
          rejectFields(s, [...errors, ...(rest.success ? [] : fieldErrorsFrom(rest.error))], flagForField);
        }
        const site = await call(s, 'sites:create', input, flagForField);
        return print(s, site, () => `${site.id}\t${site.name}`);
      }
      case 'list': {
        const sites = await call(s, 'sites:list', { includeArchived: values.all === true });
        return print(s, sites, () =>
          sites.map((site) => `${site.id}\t${classificationLabel(s, site.classification?.result)}\t${site.name}`).join('\n'),
        );
      }
      case 'show': {
        const detail = await call(s, 'sites:get', { id: requireArg(args[0]) });
        return print(s, detail, () => {
          const current = detail.classifications[0];
          return [
            `${detail.site.name} (${detail.site.id})`,
            `${translate(s.locale, 'sites.detail.currentClassification')}: ${classificationLabel(s, current?.result)}`,
            current ? reasonSentence(s, current.reasons, current.result) : '',
            `${translate(s.locale, 'sites.detail.office')}: ${s.locale === 'ja' ? detail.region.officeJa : detail.region.officeEn} ${detail.region.phone}`,
          ]
            .filter(Boolean)
            .join('\n');
        });
      }
      case 'classify': {
        const id = requireArg(args[0]);
        let answers: unknown;
        if (typeof values.answers === 'string') {
          const parsed = parseAnswers(values.answers);
          rejectFields(s, parsed.errors);
          answers = parsed.answers;
        } else {
          answers = (await call(s, 'sites:get', { id })).suggestedAnswers;
        }
        const c = await call(s, 'sites:classify', { siteId: id, answers } as ChannelInput<'sites:classify'>);
        return print(s, c, () => reasonSentence(s, c.reasons, c.result));
      }
      default:
        throw new UsageError();
    }
  },
};
