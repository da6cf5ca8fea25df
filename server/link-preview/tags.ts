import type { Lang } from '../../contract/signature.js';
import { escapeHtml } from '../html.js';
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
 * The head's Open Graph (ogp.me) and Twitter card tags, every value escaped: what Facebook, Slack,
 * Teams, LinkedIn and X show for a shared link of the page, with the pledge's image in the page's
 * language.
 */
export function linkPreviewTags({ publicUrl, lang, url, title, description }: LinkPreview): string {
  const t = linkPreviewTexts[lang];
  const image = `${publicUrl}${previewImagePath(lang)}`;
  const other: Lang = lang === 'nb' ? 'nn' : 'nb';
  const tags: [string, string, string | number][] = [
    ['property', 'og:type', 'website'],
    ['property', 'og:site_name', t.publisher],
    ['property', 'og:title', title],
    ['property', 'og:description', description],
    ['property', 'og:url', url],
    ['property', 'og:locale', LOCALES[lang]],
    ['property', 'og:locale:alternate', LOCALES[other]],
    ['property', 'og:image', image],
    ['property', 'og:image:type', 'image/png'],
    ['property', 'og:image:width', CARD_WIDTH],
    ['property', 'og:image:height', CARD_HEIGHT],
    ['property', 'og:image:alt', t.imageAlt],
    ['name', 'twitter:card', 'summary_large_image'],
    ['name', 'twitter:title', title],
    ['name', 'twitter:description', description],
    ['name', 'twitter:image', image],
    ['name', 'twitter:image:alt', t.imageAlt],
  ];
  return tags.map(([attr, key, value]) => `<meta ${attr}="${key}" content="${escapeHtml(String(value))}">\n`).join('');
}
