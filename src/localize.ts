import type { MsgFn } from '@lit/localize';
import { numberLocales } from '../contract/number-format.js';
import { templates } from './generated/locales/nn.js';
import type { Lang } from './language.js';

/** The nynorsk messages: the first script's, and the form's once its module has come. */
const nn: Record<string, string | undefined> = { ...(templates as Record<string, string>) };

/** Adds the messages a lazily loaded module brings (the form's nynorsk table, id → text). */
export const addMessages = (table: unknown): void => {
  Object.assign(nn, table);
};

/**
 * A `msg` for one element. @lit/localize keeps a single, page-wide locale, but two widgets on one
 * page may speak different languages, so each element looks its strings up itself in the generated
 * locale module. Every message is a plain string with an explicit `id`; the source text (bokmål)
 * is the fallback. Typed as `MsgFn`, so `lit-localize extract` finds every call.
 */
export function translator(lang: Lang): MsgFn {
  const table = lang === 'nn' ? nn : {};
  return ((source: string, options?: { id?: string }) => (options?.id && table[options.id]) || source) as MsgFn;
}

const formats: Partial<Record<Lang, Intl.NumberFormat>> = {};

/** Formats a count for the language, grouping thousands with a no-break space ("12 345"). */
export const formatNumber = (lang: Lang, n: number): string =>
  (formats[lang] ??= new Intl.NumberFormat(numberLocales(lang))).format(n);
