export const EMBED_PATH: '/embed';
export const OEMBED_PATH: '/oembed';
export const BUILDER_PATH: '/embed/builder';
export const HELPER_PATH: '/embed.js';
export const PLEDGE_PAGES: { readonly nb: '/valgloftet'; readonly nn: '/valgloftet/nn' };
export const HEIGHT_MESSAGE: 'ks-valgloftet:height';
export const EMBED_HEIGHT: number;
export const COLOUR: RegExp;
export const MUNICIPALITY: RegExp;
export const COLOUR_PROPERTIES: {
  readonly accent: '--ks-valgloftet-accent';
  readonly background: '--ks-valgloftet-background';
  readonly color: '--ks-valgloftet-color';
};
export interface EmbedOptions {
  lang: 'nb' | 'nn';
  noCounter?: boolean;
  noForm?: boolean;
  accent?: string;
  background?: string;
  color?: string;
  /** An SSB code: 4 digits for a municipality, 2 for a county. */
  municipality?: string;
}
export function embedSearch(options: EmbedOptions): string;
export function embedParams(query: string): URLSearchParams;
export function parseEmbedSearch(params: URLSearchParams): { options: EmbedOptions; errors: string[] };
export function embedUrl(service: string, options: EmbedOptions): string;
export function pledgePageUrl(service: string, options: EmbedOptions): string;
