import { createHash } from 'node:crypto';
import type { Lang } from '../../contract/signature.js';
import { escapeHtml } from '../mail/html.js';
import { linkPreviewTexts } from './texts.js';

/** The size Facebook, LinkedIn and X ask for (1.91:1); Slack and Teams scale it down. */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** A no-break space inside the pledge's name, which balanced lines would otherwise split. */
const keepTogether = (text: string) => text.replace(/Valgløftet 2023/g, 'Valgløftet\u00a02023');

/**
 * The card, as a page for Chromium to take a picture of (scripts/link-preview-images.mjs): the
 * widget's colours, large type so the lead is still read in a 400 px wide preview, no image of its
 * own and no font from elsewhere (the rendering needs no network).
 */
export function cardHtml(lang: Lang): string {
  const t = linkPreviewTexts[lang];
  return `<!doctype html>
<html lang="${lang}">
<meta charset="utf-8">
<style>
html, body { margin: 0; }
body {
  width: ${CARD_WIDTH}px; height: ${CARD_HEIGHT}px; box-sizing: border-box; overflow: hidden;
  display: flex; flex-direction: column; padding: 64px 72px 56px;
  background: #0f5b8c; color: #fff;
  font-family: 'Liberation Sans', Arial, Helvetica, 'DejaVu Sans', sans-serif;
  border-top: 20px solid #8cc8f0;
}
h1 { margin: 0 0 28px; font-size: 92px; line-height: 1.05; letter-spacing: -1px; }
p { margin: 0; }
.lead { font-size: 46px; line-height: 1.28; max-width: 1040px; text-wrap: balance; }
.publisher {
  margin-top: auto; padding-top: 20px; border-top: 3px solid rgb(255 255 255 / 0.6);
  font-size: 32px; font-weight: bold;
}
</style>
<h1>${escapeHtml(t.title)}</h1>
<p class="lead">${keepTogether(escapeHtml(t.lead))}</p>
<p class="publisher">${escapeHtml(t.publisher)}</p>
</html>
`;
}

/** What an image was made from: when this changes, the image is out of date. */
export const cardSource = (lang: Lang): string => createHash('sha256').update(cardHtml(lang)).digest('hex');
