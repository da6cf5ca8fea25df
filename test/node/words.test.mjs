// The words the project has settled on (issue 24): one word for one thing across the widget, the
// signers' pages and mails, the builder, the councils page, the admin page and the WordPress plugin,
// and the corrections a reader asked for. The spelling tests check that each word exists; this one
// checks that the right one is used.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { unknownWords } from './hunspell.mjs';
import { readMessages } from './xliff.mjs';

const { texts, signerTexts } = await import('../../server/signing/texts.ts');
const { loadCampaigns } = await import('../../server/campaigns/campaigns.ts');
const CAMPAIGNS_DIR = fileURLToPath(new URL('../../campaigns', import.meta.url));
/** What a signer of Valgløftet 2023 reads: the service's texts with its title and `about` in. */
const texts2023 = (lang) => signerTexts(lang, loadCampaigns(CAMPAIGNS_DIR).get('2023'));
const { adminTexts } = await import('../../server/admin/texts.ts');
const { builderTexts } = await import('../../server/builder/texts.ts');
const { councilsTexts } = await import('../../server/councils/texts.ts');
const { composeMail } = await import('../../server/mail/mails.ts');
const { parsePo } = await import('../../scripts/wordpress-mo.mjs');

const messages = await readMessages();
const xlf = (id, field) => messages.find((m) => m.id === id)?.[field] ?? assert.fail(`no message ${id}`);

/** Every string below `value`, with where it is. */
function strings(where, value) {
  if (typeof value === 'string') return [{ where, text: value }];
  return Object.entries(value).flatMap(([key, v]) => strings(`${where}.${key}`, v));
}
/** A page's texts without its link to the other language, which is written in that language. */
const own = (texts) => Object.fromEntries(Object.entries(texts).filter(([key]) => key !== 'otherLanguage'));

const plugin = async (lang) => {
  const po = await readFile(
    new URL(`../../integrations/wordpress/ks-valgloftet/languages/ks-valgloftet-${lang}_NO.po`, import.meta.url),
    'utf8',
  );
  return parsePo(po).flatMap((m) => m.strings.map((text) => ({ where: `plugin.${m.id.slice(0, 30)}`, text })));
};

/** Everything a reader can read in one language. */
const all = {
  nb: [
    ...messages.map((m) => ({ where: `widget.${m.id}`, text: m.source })),
    ...strings('server', texts.nb),
    ...strings('admin', adminTexts.nb),
    ...strings('builder', own(builderTexts.nb)),
    ...strings('councils', own(councilsTexts.nb)),
    ...(await plugin('nb')),
  ],
  nn: [
    ...messages.map((m) => ({ where: `widget.${m.id}`, text: m.target ?? '' })),
    ...strings('server', texts.nn),
    ...strings('admin', adminTexts.nn),
    ...strings('builder', own(builderTexts.nn)),
    ...strings('councils', own(councilsTexts.nn)),
    ...(await plugin('nn')),
  ],
};

/** Words that are not the project's, each with the one that is. */
const NOT_OURS = {
  nb: [
    [/\bbaklengs\b/i, '"fra Å til A" (and "fra A til Å") says which way a list is sorted'],
    [/\bde åpne dataene\b/, '"åpne data", as the form says'],
  ],
  nn: [
    [/\blenkj/i, '"lenke", "lenka": the word the widget, pages and mails use'],
    [/\bhos\b/i, '"hjå KS": "hos" is bokmål'],
    [/\bValløftet\b/, '"Valgløftet": the pledge is named so everywhere'],
    [/\bombestemt\b/i, '"endra meining"'],
    [/\bdei opne dataa\b/i, '"opne data", as the form says'],
    [/\bbaklengs\b/i, '"frå Å til A" (and "frå A til Å")'],
  ],
};

for (const lang of ['nb', 'nn']) {
  test(`every ${lang} text uses the project's words`, () => {
    const found = all[lang].flatMap(({ where, text }) =>
      NOT_OURS[lang].filter(([wrong]) => wrong.test(text)).map(([wrong, right]) => `${where}: ${wrong} → ${right}`),
    );
    assert.deepEqual(found, []);
  });
}

test('no mail says both "òg" and "også"', () => {
  const config = {
    publicUrl: 'https://valgloftet.example.no',
    confirmHours: 72,
    controllerName: 'KS',
    privacyUrl: 'https://www.ks.no/personvern',
  };
  const campaigns = loadCampaigns(CAMPAIGNS_DIR);
  for (const lang of ['nb', 'nn']) {
    const mails = [
      composeMail(
        { kind: 'confirm', lang, confirmToken: 'c', withdrawToken: 'w', namePublic: true },
        config,
        campaigns,
      ),
      composeMail({ kind: 'already-signed', lang, withdrawToken: 'w' }, config, campaigns),
      { subject: adminTexts[lang].mailSubject, text: adminTexts[lang].mailText },
    ];
    for (const mail of mails) {
      const both = /(?<!\p{L})òg(?!\p{L})/u.test(mail.text) && /(?<!\p{L})også(?!\p{L})/u.test(mail.text);
      assert.ok(!both, `${lang}: ${mail.subject}`);
    }
  }
});

test('the link to the other language is written in that language, alike on every page', () => {
  for (const page of [builderTexts, councilsTexts]) {
    assert.equal(page.nb.otherLanguage.text, 'Denne sida på nynorsk');
    assert.equal(page.nn.otherLanguage.text, 'Denne siden på bokmål');
    assert.deepEqual(unknownWords('nn_NO', page.nb.otherLanguage.text), []);
    assert.deepEqual(unknownWords('nb_NO', page.nn.otherLanguage.text), []);
  }
});

test('the corrections of the third reading (issue 24, items 11 to 16) stand', () => {
  const expected = [
    // 11: the builder in nynorsk.
    [builderTexts.nn.lead, 'publiseringsløysinga de brukar.'],
    [builderTexts.nn.kinds.module.when, 'i WordPress på ein enkeltståande nettstad'],
    [builderTexts.nn.councilHint, 'I skjemaet er kommunen alt vald.'],
    // 12: the widget in nynorsk.
    [xlf('intro.history', 'target'), 'Valgløftet viser kor stor kraft det er'],
    [xlf('send.rate-limited', 'target'), 'Vent eit minutt, og prøv igjen.'],
    // 13: one word for one thing.
    [adminTexts.nn.signInButton, 'Send meg ei lenke'],
    [adminTexts.nn.linkLabel, 'Lenke til vedtaket (valfritt)'],
    [texts2023('nn').backLink, 'Les om Valgløftet 2023 hjå KS'],
    // 14: the admin page.
    [adminTexts.nn.linkInvalidText, 'Lenka er brukt, har gått ut eller er ufullstendig.'],
    [
      adminTexts.nb.statisticsLead,
      'Bare bekreftede underskrifter teller med. Underskrifter som ikke blir bekreftet, slettes når fristen går ut.',
    ],
    [
      adminTexts.nn.statisticsLead,
      'Berre stadfesta underskrifter blir talde med. Underskrifter som ikkje blir stadfesta, blir sletta når fristen går ut.',
    ],
    // 15: the councils page.
    [councilsTexts.nb.sortedBy.name.asc, 'etter navn, fra A til Å'],
    [councilsTexts.nb.sortedBy.name.desc, 'etter navn, fra Å til A'],
    [councilsTexts.nn.sortedBy.county.asc, 'etter fylke, frå A til Å'],
    [councilsTexts.nn.sortedBy.county.desc, 'etter fylke, frå Å til A'],
    // 16: the signers' mails, in the active voice the form uses.
    [texts.nb.publicNameMail, 'litt lenger på en side som allerede er åpen.'],
    [
      texts.nb.confirmMail,
      '{controller} lagrer navnet, e-postadressen, rollen og kommunen din for å registrere at du har sluttet deg til løftet, og sletter dem når du trekker deg{kept}.',
    ],
    [
      texts.nn.confirmMail,
      '{controller} lagrar namnet, e-postadressa, rolla og kommunen din for å registrere at du har slutta deg til løftet, og slettar dei når du trekkjer deg{kept}.',
    ],
    [texts.nn.publicNameMail, 'og i opne data.'],
    [texts.nn.confirmMail, 'eller har du endra meining?'],
  ];
  for (const [text, part] of expected) assert.ok(text.includes(part), `«${part}» in «${text}»`);
});
