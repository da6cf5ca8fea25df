// The embed builder's texts (server/builder/texts.ts) spelled as the widget's are: bokmål with
// Debian's nb_NO dictionary, nynorsk with nn_NO, so no bokmål word slips into the nynorsk page.
// Besides the project's lists (test/spelling/), the names and terms only the builder uses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedWords, unknownWords } from './hunspell.mjs';

const { builderTexts } = await import('../../server/builder/texts.ts');

/** Right here though the dictionaries lack them. */
const BUILDER_WORDS = {
  both: [
    // Names of products and standards.
    'ACOS',
    'CustomPublish',
    'Drupal',
    'Enonic',
    'XP', // Enonic XP, by its name
    'WordPress',
    'Embed', // Enonic's macro, by its name
    'oEmbed',
    'JavaScript',
    'HTML',
    'WCAG',
    'AA', // the WCAG level
    'Content', // Content-Security-Policy, split at its hyphens
    'Security',
    'Policy',
    'README',
    'Mac',
    'C', // Ctrl+C
    'a', // the letters a–f of a colour code
    'f',
    // Terms of the trade, as editors meet them.
    'iframe',
    'Iframe',
    'multisite', // WordPress's name for a network of sites
    'makroen', // "makro" (Bokmålsordboka, Nynorskordboka), definite
    'skript',
    'Skript',
    'skriptet',
    'skriptkoden',
  ],
  // Compounds the dictionaries do not list, each of two words they do ("publisering" + "løysing").
  nb: ['publiseringsløsning', 'publiseringsløsningen', 'publiseringsløsninger', 'stilark', 'Uthevingsfarge'],
  nn: [
    'publiseringsløysing',
    'publiseringsløysinga',
    'publiseringsløysingar',
    'stilarket',
    'Framhevingsfarge',
    'Førehandsvising',
    'tekstformatet', // Drupal's "text format"
    'pikslar', // plural of "piksel" (Nynorskordboka)
  ],
};

const allowed = (lang) => allowedWords(lang, [...BUILDER_WORDS.both, ...BUILDER_WORDS[lang]]);

/** Every string a reader sees, with code taken out: placeholders, attributes and colour codes. */
function prose(texts) {
  const { otherLanguage, ...rest } = texts;
  const strings = [otherLanguage.text];
  const walk = (value) => (typeof value === 'string' ? strings.push(value) : Object.values(value).forEach(walk));
  walk(rest);
  return strings.map((s) =>
    s
      .replace(/\{\w+\}/g, ' ')
      .replace(/type="module"|«unsafe-inline»|#[0-9a-f]{6}/g, ' ')
      .replace(/style-attributt/g, 'attributt'),
  );
}

for (const [lang, dictionary] of [
  ['nb', 'nb_NO'],
  ['nn', 'nn_NO'],
]) {
  test(`every ${lang} string of the builder is spelled right (${dictionary})`, async () => {
    const ok = await allowed(lang);
    const unknown = unknownWords(dictionary, prose(builderTexts[lang]).join('\n')).filter((w) => !ok.has(w));
    assert.deepEqual(unknown, []);
  });
}

test('no nynorsk text is the bokmål one left untranslated', async () => {
  // A string copied from bokmål may pass the nynorsk dictionary by chance; each nynorsk text differs
  // from its bokmål one, but for the few that are the same in both languages.
  const same = new Set([
    'Språk',
    'Bakgrunn',
    'Tekst',
    'Kontrast',
    'Koden',
    'Kopier',
    'Kopiert',
    'Tekst på bakgrunnen',
    'Skript (modul)',
    'Skript (klassisk)',
    'Iframe',
    'Kommune eller fylkeskommune',
    'Enonic XP',
    'Lim inn koden i makroen Embed',
    'Lim inn koden der Valgløftet skal stå',
    'koden',
    'kortkoden',
    'Kampanje',
    '( )', // a campaign's choice, "{title} ({state})", without its placeholders
  ]);
  const nb = prose(builderTexts.nb);
  const nn = prose(builderTexts.nn);
  const identical = nn.filter((s, i) => s === nb[i] && !same.has(s.trim()) && !/^[\s\d:,]*god nok$/.test(s));
  assert.deepEqual(identical, []);
});
