// The councils page's texts (server/councils/texts.ts) spelled as the widget's are: bokmål with
// Debian's nb_NO dictionary, nynorsk with nn_NO, so no bokmål word slips into the nynorsk page.
// Besides the project's lists (test/spelling/), the few terms only this page uses.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

const { councilsTexts } = await import('../../server/councils/texts.ts');
const { MONTHS } = await import('../../contract/dates.ts');

/** Right here though the dictionaries lack them. */
const COUNCILS_WORDS = {
  both: ['JSON', 'CSV'],
  nb: [],
  nn: [],
};

async function allowed(lang) {
  const text = await readFile(new URL(`../spelling/${lang}.words`, import.meta.url), 'utf8');
  return new Set([
    ...text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split(/\s+/)[0]),
    ...COUNCILS_WORDS.both,
    ...COUNCILS_WORDS[lang],
  ]);
}

/** Every string a reader sees, placeholders taken out, and the month names dates are written with. */
function prose(texts) {
  const strings = [...MONTHS];
  const walk = (value) => (typeof value === 'string' ? strings.push(value) : Object.values(value).forEach(walk));
  walk(texts);
  return strings.map((s) => s.replace(/\{\w+\}/g, ' ').replace(/^(nb|nn)$/, ' '));
}

for (const [lang, dictionary] of [
  ['nb', 'nb_NO'],
  ['nn', 'nn_NO'],
]) {
  test(`every ${lang} string of the councils page is spelled right (${dictionary})`, async () => {
    const ok = await allowed(lang);
    const run = spawnSync('hunspell', ['-d', dictionary, '-l'], {
      input: prose(councilsTexts[lang]).join('\n'),
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, `hunspell: ${run.stderr}`);
    const unknown = [...new Set(run.stdout.split('\n').filter(Boolean))].filter((w) => !ok.has(w));
    assert.deepEqual(unknown, []);
  });
}

test('no nynorsk text of the councils page is the bokmål one left untranslated', () => {
  // The few that are the same words in both languages.
  const same = new Set([
    'Per fylke',
    'Fylke',
    'Fra fylkeskommunen',
    'I alt',
    'Søk',
    'Vis alle',
    'JSON',
    'Kommune',
    'Les vedtaket',
  ]);
  same.add('Søk etter kommune eller fylkeskommune');
  same.add('{n} treff for «{q}»');
  // How the table is sorted, where the words are the same.
  same.add('etter fylke, alfabetisk');
  same.add('etter fylke, baklengs alfabetisk');
  same.add('etter dato for vedtaket, eldste først');
  const strings = (texts) => {
    const out = [];
    const walk = (value) => (typeof value === 'string' ? out.push(value) : Object.values(value).forEach(walk));
    walk(texts);
    return out;
  };
  const nb = strings(councilsTexts.nb);
  const nn = strings(councilsTexts.nn);
  assert.equal(nb.length, nn.length);
  assert.deepEqual(
    nn.filter((s, i) => s === nb[i] && !same.has(s)),
    [],
  );
});
