import type { Lang } from '../../contract/signature.js';
import { html, renderHtml, type Html } from '../pages/template.js';
import { CARD_HEIGHT, CARD_WIDTH } from './card.js';
import { previewImagePath } from './images.js';
import { linkPreviewTexts } from './texts.js';

const LOCALES: Record<Lang, string> = { nb: 'nb_NO', nn: 'nn_NO' };

export interface LinkPreview {
  /** The service's configured address (PUBLIC_URL), never the request's Host: the links must be ours. */
  publicUrl: string;
  lang: Lang;
  /** The page's own absolute address, as its canonical link gives it. */
  url: string;
  title: string;
  description: string;
}

/**
 * The head's Open Graph (ogp.me) and Twitter card tags, from a template (every value is text): what
 * Facebook, Slack, Teams, LinkedIn and X show for a shared link of the page, with the pledge's image
 * in the page's language.
 */
export function linkPreviewMeta({ publicUrl, lang, url, title, description }: LinkPreview): Html {
  const t = linkPreviewTexts[lang];
  const image = `${publicUrl}${previewImagePath(lang)}`;
  const other: Lang = lang === 'nb' ? 'nn' : 'nb';
  const property = (key: string, value: string | number) => html`<meta property=${key} content=${String(value)}>
`;
  const name = (key: string, value: string) => html`<meta name=${key} content=${value}>
`;
  return [
    property('og:type', 'website'),
    property('og:site_name', t.publisher),
    property('og:title', title),
    property('og:description', description),
    property('og:url', url),
    property('og:locale', LOCALES[lang]),
    property('og:locale:alternate', LOCALES[other]),
    property('og:image', image),
    property('og:image:type', 'image/png'),
    property('og:image:width', CARD_WIDTH),
    property('og:image:height', CARD_HEIGHT),
    property('og:image:alt', t.imageAlt),
    name('twitter:card', 'summary_large_image'),
    name('twitter:title', title),
    name('twitter:description', description),
    name('twitter:image', image),
    name('twitter:image:alt', t.imageAlt),
  ];
}

/**
 * The same tags as HTML, for the pledge pages, whose head is still joined as a string
 * (server/embed/routes.ts, converted on its own track).
 */
export const linkPreviewTags = (preview: LinkPreview): string => renderHtml(linkPreviewMeta(preview));
