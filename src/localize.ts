import type { MsgFn } from '@lit/localize';
import { templates as nn } from './generated/locales/nn.js';
import type { Lang } from './language.js';

/**
 * A `msg` for one element. @lit/localize keeps a single, page-wide locale, but two widgets on one
 * page may speak different languages, so each element looks its strings up itself in the generated
 * locale module. Every message is a plain string with an explicit `id`; the source text (bokmål)
 * is the fallback. Typed as `MsgFn`, so `lit-localize extract` finds every call.
 */
export function translator(lang: Lang): MsgFn {
  const table = lang === 'nn' ? (nn as Record<string, string | undefined>) : {};
  return ((source: string, options?: { id?: string }) => (options?.id && table[options.id]) || source) as MsgFn;
}

const formats: Partial<Record<Lang, Intl.NumberFormat>> = {};

/** Formats a count for the language, grouping thousands with a no-break space ("12 345"). */
export const formatNumber = (lang: Lang, n: number): string =>
  (formats[lang] ??= new Intl.NumberFormat(lang === 'nn' ? ['nn-NO', 'nb-NO'] : 'nb-NO')).format(n);
