/** The two written standards of Norwegian that the widget speaks. */
export type Lang = 'nb' | 'nn';

/**
 * Maps a BCP 47 tag to bokmål or nynorsk. `nn`, `nn-*` and `no-NYN` are nynorsk; everything else,
 * including `no`, `no-BOK` and languages the widget does not speak, is bokmål.
 */
export function toLang(tag: string): Lang {
  return /^(nn|no-nyn)(-|$)/i.test(tag.trim()) ? 'nn' : 'nb';
}

/**
 * The `lang` that applies to an element: its own, else the closest ancestor's (crossing shadow
 * roots, so a wrapper component's `lang` counts), which ends at `<html lang>`. Empty values are
 * skipped. Returns '' when no ancestor declares a language.
 */
export function declaredLang(el: Element): string {
  for (let node: Element | null = el; node;) {
    const lang = node.getAttribute('lang')?.trim();
    if (lang) return lang;
    node = node.parentElement ?? (node.parentNode as ShadowRoot | null)?.host ?? null;
  }
  return '';
}

export const resolveLang = (el: Element): Lang => toLang(declaredLang(el));
