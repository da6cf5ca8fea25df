// The language itself: every bokmål string passes Debian's nb_NO dictionary and every nynorsk
// string its nn_NO dictionary (so no bokmål word slips into nynorsk), apart from a short,
// reviewed list of names and terms in test/spelling/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedWords as allowed, unknownWords, unknownWordsEach } from './hunspell.mjs';
import { readMessages } from './xliff.mjs';

// Every message, with its {placeholders} taken out (they are filled in with names and figures).
const messages = (await readMessages()).map((m) => ({
  ...m,
  source: m.source?.replace(/\{\w+\}/g, ' '),
  target: m.target?.replace(/\{\w+\}/g, ' '),
}));
// The service's mails and pages (server/signing/texts.ts), with their {placeholders} taken out.
const { texts } = await import('../../server/signing/texts.ts');
for (const [id, nb] of Object.entries(texts.nb)) {
  messages.push({
    id: `server.${id}`,
    source: nb.replace(/\{\w+\}/g, ' '),
    target: texts.nn[id].replace(/\{\w+\}/g, ' '),
  });
}

// KS's admin page and its sign-in mail (server/admin/texts.ts); the log's action names too.
const { adminTexts } = await import('../../server/admin/texts.ts');
const flat = (texts) =>
  Object.entries(texts).flatMap(([id, value]) =>
    typeof value === 'string' ? [[id, value]] : Object.entries(value).map(([key, v]) => [`${id}.${key}`, v]),
  );
const adminNn = Object.fromEntries(flat(adminTexts.nn));
for (const [id, nb] of flat(adminTexts.nb)) {
  messages.push({
    id: `admin.${id}`,
    source: nb.replace(/\{\w+\}/g, ' '),
    target: adminNn[id].replace(/\{\w+\}/g, ' '),
  });
}

// Every campaign's own words (campaigns/<id>/nb.json and nn.json), and the tests' fictional one.
const { readFile, readdir } = await import('node:fs/promises');
const campaignWords = (texts) => [
  ['title', texts.title],
  ['about', texts.about],
  ['lead', texts.lead],
  ...texts.body.flatMap((b, i) =>
    'h' in b ? [[`body.${i}`, b.h]] : [[`body.${i}`, b.p], ...(b.caseText ? [[`body.${i}.caseText`, b.caseText]] : [])],
  ),
  ['links.pledge', texts.links.pledge],
  ['links.podcast', texts.links.podcast],
  ['credit', texts.credit],
];
const campaignFolders = [new URL('../../campaigns/', import.meta.url)];
campaignFolders.push(new URL('../../server/test/fixtures/campaigns/', import.meta.url));
for (const root of campaignFolders) {
  for (const id of await readdir(root)) {
    const read = async (lang) => JSON.parse(await readFile(new URL(`${id}/${lang}.json`, root), 'utf8'));
    const nn = Object.fromEntries(campaignWords(await read('nn')));
    for (const [key, nb] of campaignWords(await read('nb'))) {
      messages.push({ id: `campaign.${id}.${key}`, source: nb, target: nn[key] ?? '' });
    }
  }
}

for (const [lang, dictionary, field] of [
  ['nb', 'nb_NO', 'source'],
  ['nn', 'nn_NO', 'target'],
]) {
  test(`every ${lang} string is spelled right (${dictionary})`, async () => {
    const unknown = unknownWordsEach(
      dictionary,
      messages.map((m) => m[field] ?? ''),
      await allowed(lang),
    );
    const problems = messages.map((m, i) => ({ id: m.id, words: unknown[i] })).filter((m) => m.words.length);
    assert.deepEqual(problems, []);
  });
}

test('the dictionaries catch what they should (bokmål words in nynorsk)', () => {
  assert.deepEqual(unknownWords('nn_NO', 'Vi vil ikke være noen hvorfor').sort(), ['hvorfor', 'ikke', 'noen', 'være']);
  assert.deepEqual(unknownWords('nb_NO', 'Vi vil ikkje vere nokon kvifor').sort(), [
    'ikkje',
    'kvifor',
    'nokon',
    'vere',
  ]);
});
