// The link previews' texts and images (server/link-preview/): the card says the widget's own title
// and lead, spelled right in each language; the committed images are those of today's cards, at
// 1200×630; and the build's renderer (scripts/link-preview-images.mjs) makes them in Chromium.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { allowedWords, unknownWordsEach } from './hunspell.mjs';
import { hasTool } from './tools.mjs';
import { readMessages } from './xliff.mjs';
import { CHROMIUM_PATH } from '../../scripts/chromium.mjs';

const { linkPreviewTexts } = await import('../../server/link-preview/texts.ts');
const { cardSource } = await import('../../server/link-preview/card.ts');

const root = new URL('../../', import.meta.url);
const IMAGES = new URL('server/link-preview/images/', root);

/** Width and height from a PNG's IHDR chunk, right after the 8-byte signature (PNG spec, 11.2.2). */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("the card's title and lead are the widget's, word for word, in both languages", async () => {
  const messages = new Map((await readMessages()).map((m) => [m.id, m]));
  for (const id of ['title', 'lead']) {
    const message = messages.get(id);
    assert.ok(message, id);
    assert.equal(linkPreviewTexts.nb[id], message.source);
    assert.equal(linkPreviewTexts.nn[id], message.target);
  }
});

for (const [lang, dictionary] of [
  ['nb', 'nb_NO'],
  ['nn', 'nn_NO'],
]) {
  test(`every ${lang} text of the link preview is spelled right (${dictionary})`, async () => {
    const texts = Object.values(linkPreviewTexts[lang]);
    const unknown = unknownWordsEach(dictionary, texts, await allowedWords(lang));
    assert.deepEqual(
      texts.flatMap((text, i) => (unknown[i].length ? [{ text, unknown: unknown[i] }] : [])),
      [],
    );
  });
}

test('the committed images are those of the cards as they are now, 1200×630 (else: npm run build)', async () => {
  const made = JSON.parse(await readFile(new URL('sources.json', IMAGES), 'utf8'));
  for (const lang of ['nb', 'nn']) {
    assert.equal(made[lang], cardSource(lang), `${lang}: the card changed since its image was made`);
    assert.deepEqual(pngSize(await readFile(new URL(`valgloftet-${lang}.png`, IMAGES))), { width: 1200, height: 630 });
  }
});

test("the build's renderer makes both images anew in Chromium, 1200×630", async (t) => {
  if (!hasTool(t, CHROMIUM_PATH, 'chromium')) return;
  const out = await mkdtemp(join(tmpdir(), 'ks-valgloftet-link-preview-'));
  try {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/link-preview-images.mjs', '--force', '--out', out],
      { cwd: fileURLToPath(root), encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stderr);
    const made = JSON.parse(await readFile(join(out, 'sources.json'), 'utf8'));
    for (const lang of ['nb', 'nn']) {
      assert.equal(made[lang], cardSource(lang));
      assert.deepEqual(pngSize(await readFile(join(out, `valgloftet-${lang}.png`))), { width: 1200, height: 630 });
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
