// The link previews' images (server/link-preview/images/valgloftet-<lang>.png, 1200×630): the card
// of server/link-preview/card.ts in bokmål and nynorsk, photographed by Debian's Chromium. Part of
// `npm run build`. The images are committed with what they were made from (sources.json), so a build
// whose cards have not changed needs no Chromium (`npm install && npm start` works without it); a
// card that changed is made again, and without Chromium the build then fails rather than serve a
// picture of old text. --force makes both anew; --out <dir> writes there instead (the tests).
// Usage: node --import tsx scripts/link-preview-images.mjs [--force] [--out dir]
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CARD_HEIGHT, CARD_WIDTH, cardHtml, cardSource } from '../server/link-preview/card.js';

const IMAGES = fileURLToPath(new URL('../server/link-preview/images/', import.meta.url));
const LANGS = /** @type {const} */ (['nb', 'nn']);

const { values } = parseArgs({ options: { force: { type: 'boolean' }, out: { type: 'string' } } });
const out = values.out ?? IMAGES;
const sourcesFile = join(out, 'sources.json');

/** @type {Record<string, string>} */
const made = existsSync(sourcesFile) ? JSON.parse(await readFile(sourcesFile, 'utf8')) : {};
const stale = LANGS.filter(
  (lang) => values.force || made[lang] !== cardSource(lang) || !existsSync(join(out, `valgloftet-${lang}.png`)),
);
if (!stale.length) {
  console.log('link-preview images: up to date');
  process.exit(0);
}

const { CHROMIUM_FLAGS, chromiumPath } = await import('./chromium.mjs');
let executablePath;
try {
  executablePath = chromiumPath();
} catch (error) {
  console.error(
    `link-preview images: ${stale.join(', ')} must be made (missing, or their card changed), but ${/** @type {Error} */ (error).message}`,
  );
  process.exit(1);
}
const { default: puppeteer } = await import('puppeteer-core');
const browser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: CARD_WIDTH, height: CARD_HEIGHT, deviceScaleFactor: 1 });
  await page.setJavaScriptEnabled(false);
  await mkdir(out, { recursive: true });
  for (const lang of stale) {
    await page.setContent(cardHtml(lang), { waitUntil: 'load' });
    // Text that does not fit would be cut off silently by the card's overflow: fail instead.
    const overflow = await page.$eval('body', (body) => body.scrollHeight > body.clientHeight);
    if (overflow) throw new Error(`link-preview images: the ${lang} card's text does not fit ${CARD_HEIGHT} px`);
    const png = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: CARD_WIDTH, height: CARD_HEIGHT } });
    await writeFile(join(out, `valgloftet-${lang}.png`), png);
    made[lang] = cardSource(lang);
    console.log(`link-preview images: ${join(out, `valgloftet-${lang}.png`)} (${png.length} B)`);
  }
} finally {
  await browser.close();
}
await writeFile(sourcesFile, `${JSON.stringify(made, null, 2)}\n`);
