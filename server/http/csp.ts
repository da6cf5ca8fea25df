// Every Content-Security-Policy the service sends, in one place. A page names the kind it is; the
// policy follows from what that kind loads. Nothing inline runs or styles anywhere but where a hash
// names it (the embed page), and no page but the embed page may be framed.

import { createHash } from 'node:crypto';

/** A CSP source for an inline style's or script's exact text: `'sha256-…'`. */
const hashSource = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

const INLINE = {
  style: /<style\b[^>]*>([\s\S]*?)<\/style>/g,
  // A script with a src is not inline: its address is allowed by origin, not by hash.
  script: /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g,
};

/**
 * The CSP source of each distinct inline `<style>` or `<script>` of a page as it is sent (shadow
 * roots included): what its policy must allow, read from the page itself, so that no list kept
 * beside the page can drift from it.
 */
export const inlineSources = (html: string, tag: keyof typeof INLINE): string[] => [
  ...new Set([...html.matchAll(INLINE[tag])].map((m) => hashSource(m[1]))),
];

/** The service's own pages: what each may load beyond its stylesheets and images from itself. */
export interface PagePolicy {
  /** Runs its own scripts (same origin): the signers' pages' reload, the builder. */
  script?: boolean;
  /** Fetches from the service (the builder's live widget reads the count and the places). */
  connect?: boolean;
  /** Runs the widget, whose one Trusted Types policy is `ks-valgloftet`. */
  widget?: boolean;
}

/**
 * The policy of one of the service's own pages. Designsystemet draws its icons as `data:` images;
 * forms post only to the service; nothing frames these pages.
 */
export function pagePolicy({ script = false, connect = false, widget = false }: PagePolicy = {}): string {
  return [
    "default-src 'none'",
    script || widget ? "script-src 'self'" : '',
    "style-src 'self'",
    "img-src 'self' data:",
    connect || widget ? "connect-src 'self'" : '',
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    widget ? "require-trusted-types-for 'script'; trusted-types ks-valgloftet" : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** The embed page's policy: the widget from the service, the inline parts it needs by their hashes. */
export function embedPolicy(options: {
  /** The service's origin by name, not 'self': a frame sandboxed without allow-same-origin has an
   * opaque origin, which 'self' may not match in every engine. */
  origin: string;
  scriptHashes: readonly string[];
  styleHashes: readonly string[];
  /** Made to be framed by any site (nothing counts until the signer confirms from the mail). */
  frameable: boolean;
}): string {
  const { origin, scriptHashes, styleHashes, frameable } = options;
  return [
    "default-src 'none'",
    `script-src ${[origin, ...scriptHashes].join(' ')}`,
    `style-src ${[origin, ...styleHashes].join(' ')}`,
    `connect-src ${origin}`,
    `img-src ${origin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types ks-valgloftet',
    ...(frameable ? ['frame-ancestors *'] : []),
  ].join('; ');
}

/** A page that is only a link onwards (a frame's fallback): nothing loads at all. */
export const EMPTY_POLICY = "default-src 'none'";

/**
 * The demo page's policy: the strict one the README gives a host that embeds the widget, kept in
 * contract/host-csp.js because the browser tests' configuration reads it too.
 */
export { hostCsp as hostPolicy } from '../../contract/host-csp.js';

/** The embed page's own link onwards (its 400): nothing loads, and any site may frame it. */
export const FRAMEABLE_EMPTY_POLICY = `${EMPTY_POLICY}; frame-ancestors *`;
