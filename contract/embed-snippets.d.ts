import type { EmbedOptions } from './embed.js';

export interface Snippets {
  /** `<script type="module" …>` and the element with its fallback link, one line each. */
  module: string;
  /** The same with the classic script (`defer`). */
  classic: string;
  /** The embed page in an iframe of the recommended height. */
  iframe: string;
  /** The iframe and the host helper script that fits its height to the content. */
  iframeWithHelper: string;
  /** The pledge page's address, for oEmbed. */
  url: string;
  shortcode: string;
}

export function snippets(service: string, options: EmbedOptions): Snippets;
