import type { Lang } from '../../contract/signature.js';

/** The language a page is asked for (`?lang=nn`, a form's `lang`): nynorsk, or else bokmål. */
export const langOf = (value: unknown): Lang => (value === 'nn' ? 'nn' : 'nb');
