// The mails and the pages behind their links, against the real service, SQLite file and SMTP
// server: what they say (true, in the signer's language), what the confirmation page shows, and
// that the buttons answer with a redirect to a page that can be reloaded.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { composeMail } from '../mail/mails.js';
import { count, post, pressButtonBehind, signer, startService, type ReceivedMail, type Service } from './harness.js';
import { testHooks } from '../store/testing.js';
import { detailsOf, fetchPage, postFormsOf, readPage, textOf } from './page.js';

/** A link from a mail's plain-text part, whole (with its language). */
const fullLink = (mail: ReceivedMail, kind: 'confirm' | 'withdraw'): string => {
  const link = new RegExp(`https?://\\S+/${kind}\\?\\S+`).exec(mail.text)?.[0];
  if (!link) throw new Error(`no ${kind} link in "${mail.subject}"`);
  return link;
};

/** Presses one of the page's buttons as a browser does, without following the answer. */
async function press(pageUrl: string, action: string, lang?: string): Promise<Response> {
  const form = postFormsOf(await fetchPage(pageUrl)).find((f) => f.action === action);
  const token = form?.fields.token;
  if (!token) throw new Error(`no ${action} button behind ${pageUrl}`);
  return postForm(new URL(action, pageUrl).href, { token, lang: lang ?? form.fields.lang });
}

const postForm = (url: string, fields: Record<string, string>) =>
  fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

const rows = async (s: Service, email: string) => (await s.store.signaturesWhere({ email })).length;

/** The visible text of a page or mail, without tags. */
const words = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the mails and their pages', () => {
  let s: Service;
  before(async () => (s = await startService({ CONFIRM_HOURS: '1' })));
  after(() => s.dispose());

  async function signAndRead(n: string, extra: Record<string, unknown> = {}): Promise<ReceivedMail> {
    assert.equal((await post(`${s.url}/api/signatures`, signer(n, extra))).status, 202);
    return s.mail.mailTo(`ola.${n}@example.no`);
  }

  test('the confirmation page shows what is being confirmed: name, role and council, escaped', async () => {
    const mail = await signAndRead('show', {
      name: 'Kari <b>Fet</b> & Co',
      role: 'candidate',
      municipality: '18',
      lang: 'nn',
    });
    const page = await fetchPage(fullLink(mail, 'confirm'));
    assert.deepEqual(detailsOf(page), {
      Namn: 'Kari <b>Fet</b> & Co',
      Rolle: 'Kandidat ved valet',
      'Kommune eller fylkeskommune': 'Nordland fylkeskommune',
      'Namnet ditt blir vist offentleg': 'Nei',
    });
    assert.equal(page.document.querySelector('b'), null, 'the name is text, not markup');

    const bokmal = await fetchPage(fullLink(await signAndRead('show2', { municipality: '5612' }), 'confirm'));
    const details = detailsOf(bokmal);
    assert.equal(details.Navn, 'Ola Nordmann show2');
    assert.equal(details.Rolle, 'Folkevalgt');
    assert.equal(details['Kommune eller fylkeskommune'], 'Guovdageaidnu – Kautokeino');
    // The way out is on the page, after the button that confirms (which a mail scanner never presses).
    assert.deepEqual(
      postFormsOf(bokmal).map((f) => f.action),
      ['/confirm', '/discard'],
    );
    assert.match(
      textOf(bokmal),
      /Stemmer ikke dette\? Da sletter du opplysningene her\. Vil du være med, slutter du deg til på nytt med de riktige opplysningene/,
    );
    bokmal.screen.getByRole('button', { name: 'Det stemmer ikke – slett opplysningene' });
    const aside = bokmal.screen.getByRole('region', { name: 'Stemmer ikke dette?' });
    assert.ok(aside.contains(bokmal.screen.getByRole('button', { name: 'Det stemmer ikke – slett opplysningene' })));
  });

  test('"that is not right" deletes the unconfirmed signature with the confirmation link', async () => {
    const before = (await count(s.url)).signatures;
    const mail = await signAndRead('wrong', { lang: 'nn' });
    const link = fullLink(mail, 'confirm');
    const res = await press(link, '/discard');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/discarded?lang=nn');
    assert.equal(await rows(s, 'ola.wrong@example.no'), 0, 'the row is gone');
    const done = await fetchPage(new URL(res.headers.get('location')!, link));
    assert.equal(done.heading, 'Opplysningane er sletta');
    assert.match(textOf(done), /kan du gjere det på nytt med dei rette opplysningane/);
    assert.equal((await fetch(link)).status, 404, 'the confirmation link is spent');
    assert.equal((await fetch(fullLink(mail, 'withdraw'))).status, 404, 'and so is the withdraw link');
    assert.equal((await count(s.url)).signatures, before);
  });

  test('"that is not right" cannot delete a confirmed signature, nor work with a withdraw token', async () => {
    const mail = await signAndRead('kept');
    const confirmToken = new URL(fullLink(mail, 'confirm')).searchParams.get('token')!;
    const withdrawToken = new URL(fullLink(mail, 'withdraw')).searchParams.get('token')!;
    assert.equal((await postForm(`${s.url}/discard`, { token: withdrawToken })).status, 404);
    assert.equal(await rows(s, 'ola.kept@example.no'), 1);
    assert.equal((await press(fullLink(mail, 'confirm'), '/confirm')).status, 303);
    const counted = (await count(s.url)).signatures;
    assert.equal((await postForm(`${s.url}/discard`, { token: confirmToken })).status, 404);
    assert.equal(await rows(s, 'ola.kept@example.no'), 1);
    assert.equal((await count(s.url)).signatures, counted);
  });

  test('the buttons redirect (303) to result pages that reload without posting again', async () => {
    const mail = await signAndRead('prg', { lang: 'nn' });
    const before = (await count(s.url)).signatures;
    const res = await press(fullLink(mail, 'confirm'), '/confirm');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/confirmed?lang=nn');
    assert.equal((await count(s.url)).signatures, before + 1);
    for (let reload = 0; reload < 2; reload++) {
      const page = await fetch(`${s.url}/confirmed?lang=nn`);
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('cache-control'), 'no-store');
      const text = words(await page.text());
      assert.match(text, /Takk! Du har slutta deg til Valgløftet 2023\./);
      assert.match(text, new RegExp(`er no ${before + 1}\\.`), 'the current count');
    }
    assert.equal((await count(s.url)).signatures, before + 1, 'counted once');

    const withdrawn = await press(fullLink(mail, 'withdraw'), '/withdraw');
    assert.equal(withdrawn.status, 303);
    assert.equal(withdrawn.headers.get('location'), '/withdrawn?lang=nn');
    assert.equal((await fetchPage(`${s.url}/withdrawn?lang=nn`)).heading, 'Du har trekt deg');
    assert.equal((await count(s.url)).signatures, before);
  });

  test('the thank-you counts elected officials and candidates, as the count does', async () => {
    const nb = words(await (await pressButtonBehind(fullLink(await signAndRead('thanks'), 'confirm'))).text());
    assert.match(nb, /Antallet folkevalgte og kandidater som står bak løftet, er nå \d+\./);
    const nn = words(
      await (await pressButtonBehind(fullLink(await signAndRead('thanks-nn', { lang: 'nn' }), 'confirm'))).text(),
    );
    assert.match(nn, /Talet på folkevalde og kandidatar som står bak løftet, er no \d+\./);
  });

  test('with CONFIRM_HOURS=1 the mails say "1 time"; with more, "timer" and "timar"', async () => {
    const nb = await signAndRead('hour');
    assert.match(nb.text, /lenken virker i 1 time\)/);
    assert.match(nb.text, /slettet etter 1 time\./);
    const nn = await signAndRead('hour-nn', { lang: 'nn' });
    assert.match(nn.text, /lenka verkar i 1 time\)/);
    assert.match(nn.text, /sletta etter 1 time\./);
    for (const mail of [nb, nn]) assert.doesNotMatch(mail.text + mail.html, /1 tim(er|ar)/);

    const request = { kind: 'confirm', confirmToken: 'c', withdrawToken: 'w' } as const;
    const many = { ...s.config, confirmHours: 72 };
    assert.match(
      composeMail({ ...request, lang: 'nb' }, many, s.app.campaigns).text,
      /i 72 timer\).*etter 72 timer\./s,
    );
    assert.match(
      composeMail({ ...request, lang: 'nn' }, many, s.app.campaigns).text,
      /i 72 timar\).*etter 72 timar\./s,
    );
  });

  test('nynorsk: "løftet om", "stadfesta", "ho har gått ut"; bokmål "den har gått ut"', async () => {
    const mail = await signAndRead('nn-words', { lang: 'nn' });
    assert.match(mail.text, /Valgløftet 2023, løftet om ein sakleg og respektfull debatt/);
    assert.doesNotMatch(mail.text, /lovnad/);
    const nn = words(await (await fetch(`${s.url}/confirm?token=spent&lang=nn`)).text());
    assert.match(nn, /Lenka er alt brukt, ho har gått ut, eller ho er ikkje kopiert heilt\. Har du stadfesta før,/);
    const nb = words(await (await fetch(`${s.url}/confirm?token=spent&lang=nb`)).text());
    assert.match(nb, /Lenken er allerede brukt, den har gått ut, eller den er ikke kopiert helt\./);
  });

  test('the links carry the language, so a spent link answers in it; a live token speaks its own', async () => {
    const mail = await signAndRead('lang', { lang: 'nn' });
    const confirm = fullLink(mail, 'confirm');
    assert.match(confirm, /\/confirm\?token=[\w-]{43}&lang=nn$/);
    assert.match(fullLink(mail, 'withdraw'), /\/withdraw\?token=[\w-]{43}&lang=nn$/);

    // A live token's own language wins over what the address says.
    assert.equal((await fetchPage(confirm.replace('lang=nn', 'lang=nb'))).lang, 'nn');
    assert.equal((await press(confirm, '/confirm', 'nb')).headers.get('location'), '/confirmed?lang=nn');

    // Spent: the page and a second press of a button still open in an old tab answer in nynorsk.
    const spent = await fetch(confirm);
    assert.equal(spent.status, 404);
    const page = readPage(await spent.text());
    assert.equal(page.lang, 'nn');
    assert.equal(page.heading, 'Lenka verkar ikkje');
    const token = new URL(confirm).searchParams.get('token')!;
    const again = await postForm(`${s.url}/confirm`, { token, lang: 'nn' });
    assert.equal(again.status, 404);
    assert.equal(readPage(await again.text()).heading, 'Lenka verkar ikkje');
    // Without a language, bokmål.
    assert.equal((await fetchPage(`${s.url}/confirm?token=${token}`)).lang, 'nb');
  });

  test('the HTML part names its links; the confirm and withdraw links read differently', async () => {
    const anchors = (html: string) =>
      [...html.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => ({ href: m[1], text: m[2] }));
    const nb = await signAndRead('links');
    const links = anchors(nb.html);
    assert.deepEqual(
      links.map((a) => a.text),
      [
        'Bekreft at du slutter deg til Valgløftet 2023',
        'Slett opplysningene mine',
        'https://www.ks.no/om-ks/personvern/',
      ],
    );
    // The addresses behind the names are the ones in the plain-text part, which keeps them.
    const unescape = (href: string) => href.replace(/&#38;/g, '&');
    assert.equal(unescape(links[0].href), fullLink(nb, 'confirm'));
    assert.equal(unescape(links[1].href), fullLink(nb, 'withdraw'));
    assert.doesNotMatch(words(nb.html), /token=/, 'no token is read aloud');
    assert.match(nb.html, /<html lang="nb">/);

    const nn = anchors((await signAndRead('links-nn', { lang: 'nn' })).html).map((a) => a.text);
    assert.deepEqual(nn.slice(0, 2), ['Stadfest at du sluttar deg til Valgløftet 2023', 'Slett opplysningane mine']);

    // "Already joined": one link, which withdraws.
    await press(fullLink(nb, 'confirm'), '/confirm');
    await testHooks(s.store).endMailPause('ola.links@example.no');
    const sent = s.mail.mails.length;
    await post(`${s.url}/api/signatures`, signer('links'));
    await s.mail.waitFor(sent + 1);
    const already = await s.mail.mailTo('ola.links@example.no');
    assert.equal(already.subject, 'Du har allerede sluttet deg til Valgløftet 2023');
    assert.deepEqual(
      anchors(already.html).map((a) => a.text),
      ['Trekk meg fra Valgløftet 2023 og slett opplysningene mine'],
    );
    assert.doesNotMatch(words(already.html), /token=/);
    assert.doesNotMatch(already.text + already.html, /Ola Nordmann/, 'nothing the signer typed');
  });

  test('every page has a description and no self-closing void elements', async () => {
    const mail = await signAndRead('meta');
    const pages = [
      fullLink(mail, 'confirm'),
      fullLink(mail, 'withdraw'),
      `${s.url}/confirm?token=nope&lang=nn`,
      `${s.url}/confirmed?lang=nb`,
      `${s.url}/withdrawn?lang=nn`,
      `${s.url}/discarded?lang=nb`,
    ];
    for (const url of pages) {
      const html = await (await fetch(url)).text();
      assert.match(html, /<meta name="description" content="Her (bekrefter|stadfestar) [^"<>]+">/, url);
      assert.doesNotMatch(html, /\/>/, url);
    }
  });
});
