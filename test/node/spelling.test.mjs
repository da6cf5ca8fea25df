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
