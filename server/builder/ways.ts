// The ways in and what an editor may have: the builder's question and the one way each answer shows.

/** The ways in, in the order the builder shows them; each one's code comes from snippets(). */
export const KINDS = ['module', 'classic', 'iframe', 'iframeWithHelper', 'url', 'shortcode'] as const;
export type Kind = (typeof KINDS)[number];

/**
 * What an editor may have, in the order the builder asks (`?have=`); each answer shows one way in,
 * the one CMS.md and the tests say works there, and every other way waits under "Andre måter".
 */
export const ANSWERS = ['wp-plugin', 'wp-author', 'wp-admin', 'enonic', 'other-cms', 'script'] as const;
export type Answer = (typeof ANSWERS)[number];

/** The way in each answer shows: an Author's Embed block takes the address, Enonic's macro a frame. */
export const WAY_OF: Record<Answer, Kind> = {
  'wp-plugin': 'shortcode',
  'wp-author': 'url',
  'wp-admin': 'shortcode',
  enonic: 'iframe',
  'other-cms': 'iframe',
  script: 'module',
};

/** The answer a query names, or none for anything else (never echoed). */
export const answerOf = (value: unknown): Answer | undefined => ANSWERS.find((answer) => answer === value);
