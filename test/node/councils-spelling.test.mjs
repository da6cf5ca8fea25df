// The councils page's texts (server/councils/texts.ts) spelled as the widget's are: bokmål with
// Debian's nb_NO dictionary, nynorsk with nn_NO, so no bokmål word slips into the nynorsk page.
// Besides the project's lists (test/spelling/), the few terms only this page uses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedWords, unknownWords } from './hunspell.mjs';

const { councilsTexts } = await import('../../server/councils/texts.ts');
const { MONTHS } = await import('../../contract/dates.ts');

/** Right here though the dictionaries lack them. */
const COUNCILS_WORDS = {
  both: ['JSON', 'CSV', 'A'], // A: the first letter, in "fra A til Å"
  nb: [],
  nn: [],
};

const allowed = (lang) => allowedWords(lang, [...COUNCILS_WORDS.both, ...COUNCILS_WORDS[lang]]);

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
    const unknown = unknownWords(dictionary, prose(councilsTexts[lang]).join('\n')).filter((w) => !ok.has(w));
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
