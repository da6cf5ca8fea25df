/**
 * What a name may not be. The name is shown on the signer's own confirmation page (and, with
 * consent, publicly later), so it must be a name: text that a mail client or a browser could turn
 * into a link is refused, and so is text that shows nothing or reorders what stands around it.
 * The widget checks the link rule before sending (it saves a round trip); the service checks all.
 */

/**
 * A scheme ("https://", "mailto:" with //), "www.", or a word.word.tld / word.tld with a common
 * top-level domain: what mail clients and chat apps make into links.
 */
export const LINK_LIKE =
  /[a-z][a-z0-9+.-]*:\/\/|www\.|[\p{L}\p{N}-]+\.[\p{L}\p{N}-]+\.\p{L}{2,}|[\p{L}\p{N}-]{2,}\.(?:no|com|net|org|io|info|biz|xyz|ru|eu|se|dk|uk|de|app|dev|ly|me|co)\b/iu;

// Bidi embeddings, overrides and isolates: they make text read in another order than it is stored.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
// A lone surrogate is no character at all.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// Letters that show nothing (Hangul fillers, the braille blank) and every format, space or
// control character.
// The combining ones (U+034F, U+17B4, U+17B5, the variation selectors) stand alone, so that none
// reads as joined to the character before it in a class.
const INVISIBLE =
  /[\p{Cf}\p{Z}\p{Cc}\u115f\u1160\u3164\uffa0\u2800\s]|\u034f|\u17b4|\u17b5|[\u180b-\u180f]|[\ufe00-\ufe0f]/gu;

export type NameProblem = 'contains_link' | 'invalid' | 'empty';

export function nameProblem(name: string): NameProblem | undefined {
  if (LONE_SURROGATE.test(name) || BIDI_CONTROL.test(name)) return 'invalid';
  if (!name.replace(INVISIBLE, '')) return 'empty';
  if (LINK_LIKE.test(name)) return 'contains_link';
  return undefined;
}
