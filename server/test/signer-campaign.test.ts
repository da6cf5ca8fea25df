// What a signer reads names the campaign they signed (issue 27): a signer of the fictional
// Testløftet gets mails and pages that say Testløftet and what it pledges, and never that they
// joined Valgløftet 2023 or a pledge of a debate without hate speech; a signer of Valgløftet 2023
// reads what such a signer always read. On both engines (npm run test:postgres runs it too).
import assert from 'node:assert/strict';
import { formatDate } from '../../contract/dates.js';
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { composeMail } from '../mail/mails.js';
import { campaignsDir, day } from './campaigns-dir.js';
import {
  linkIn,
  post,
  pressButtonBehind,
  request,
  signer,
  startService,
  type ReceivedMail,
  type Service,
} from './harness.js';
import { fetchPage, readPage, textOf, type ReadPage } from './page.js';

/** Anything of Valgløftet 2023 a Testløftet signer must not read: its name, its year, its pledge. */
const VALGLOFTET = /Valgløftet|2023|hets|saklig|sakleg|respektfull|trusl?er|truslar/;
/** Testløftet's title and `about` (server/test/fixtures/campaigns/testloftet/). */
const TESTLOFTET = {
  nb: 'Testløftet, løftet om å prøve alt før det tas i bruk',
  nn: 'Testløftet, løftet om å prøve alt før det blir teke i bruk',
};
const PLEDGE = 'https://testloftet.example.no/loftet';

/** A mail as read: its subject, its text without the addresses (tokens), and its HTML part's words. */
const mailWords = (mail: ReceivedMail) =>
  [mail.subject, mail.text.replace(/https?:\/\/\S+/g, ' '), mail.html.replace(/<[^>]+>/g, ' ')].join('\n');

/** A page as read: its title, its description, and every word of its body. */
const pageWords = (page: ReadPage) =>
  [
    page.title,
    page.document.querySelector('meta[name="description"]')?.getAttribute('content') ?? '',
    textOf(page),
  ].join('\n');

/** The page's last link: back to the campaign's pledge. */
const backLinkOf = (page: ReadPage) => {
  const a = [...page.document.querySelectorAll('main a')].at(-1);
  return { text: a?.textContent.trim(), href: a?.getAttribute('href') };
};

const signatures = async (s: Service, campaign: string) =>
  ((await (await request(`${s.url}/api/count?campaign=${campaign}`)).json()) as { signatures: number }).signatures;

const dirs: string[] = [];
after(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});
const folder = async () => {
  const dir = await campaignsDir({ opens: day(-10), closes: day(30) });
  dirs.push(dir);
  return dir;
};

async function sign(s: Service, who: Record<string, unknown>): Promise<ReceivedMail> {
  const res = await post(`${s.url}/api/signatures`, who);
  assert.equal(res.status, 202, await res.clone().text());
  return s.mail.mailTo(String(who.email));
}

describe('a signer of Testløftet, while Valgløftet 2023 is the current campaign', () => {
  let s: Service;
  before(async () => {
    // Valgløftet 2023 current: the result pages' addresses must name Testløftet.
    s = await startService({ CAMPAIGNS_DIR: await folder(), CAMPAIGN: '2023' });
  });
  after(() => s.dispose());

  test('gets a confirmation mail that names Testløftet and its pledge, in bokmål and nynorsk', async () => {
    const nb = await sign(s, signer('mail-nb', { campaign: 'testloftet', showName: true }));
    assert.equal(nb.subject, 'Bekreft at du slutter deg til Testløftet');
    assert.match(
      nb.text,
      /^Takk for at du vil slutte deg til Testløftet, løftet om å prøve alt før det tas i bruk\.$/m,
    );
    assert.match(nb.text, /på sidene om Testløftet, også der andre viser løftet/);
    assert.match(nb.html, />Bekreft at du slutter deg til Testløftet</);
    assert.doesNotMatch(mailWords(nb), VALGLOFTET);
    // When its data go: Testløftet closes in 30 days and keeps them 90 more (its campaign.json).
    const deleted = formatDate(day(30 + 1 + 90)).replaceAll('\u00a0', ' ');
    assert.ok(
      nb.text
        .replace(/\s+/g, ' ')
        .includes(
          `og sletter dem når du trekker deg, og senest ${deleted}, når tiden for å ta vare på dem etter kampanjen er ute.`,
        ),
      nb.text,
    );

    const nn = await sign(s, signer('mail-nn', { campaign: 'testloftet', lang: 'nn', showName: true }));
    assert.equal(nn.subject, 'Stadfest at du sluttar deg til Testløftet');
    assert.match(
      nn.text,
      /^Takk for at du vil slutte deg til Testløftet, løftet om å prøve alt før det blir teke i bruk\.$/m,
    );
    assert.match(nn.text, /på sidene om Testløftet, også der andre viser løftet/);
    assert.match(nn.html, />Stadfest at du sluttar deg til Testløftet</);
    assert.doesNotMatch(mailWords(nn), VALGLOFTET);
    assert.ok(nn.text.replace(/\s+/g, ' ').includes(`og seinast ${deleted}, når tida for å ta vare på dei`), nn.text);
  });

  test('and the already-signed mail names Testløftet too', () => {
    for (const [lang, subject] of [
      ['nb', 'Du har allerede sluttet deg til Testløftet'],
      ['nn', 'Du har alt slutta deg til Testløftet'],
    ] as const) {
      const mail = composeMail(
        { kind: 'already-signed', lang, withdrawToken: 'w', campaign: 'testloftet' },
        s.config,
        s.app.campaigns,
      );
      assert.equal(mail.subject, subject);
      assert.match(mail.text, /slutte seg til Testløftet igjen/);
      assert.doesNotMatch(mailWords({ to: '', ...mail }), VALGLOFTET);
    }
  });

  test('the confirm page names Testløftet; confirming shows Testløftet’s count', async () => {
    // Valgløftet 2023 has more signatures than Testløftet, so the two counts differ.
    for (const n of ['v1', 'v2', 'v3']) await pressButtonBehind(linkIn(await sign(s, signer(n)), 'confirm'));
    for (const lang of ['nb', 'nn'] as const) {
      const mail = await sign(s, signer(`confirm-${lang}`, { campaign: 'testloftet', lang }));
      const page = await fetchPage(linkIn(mail, 'confirm'));
      assert.equal(page.response.status, 200);
      const words = pageWords(page);
      assert.doesNotMatch(words, VALGLOFTET);
      assert.ok(words.includes(`${TESTLOFTET[lang]}.`), words);
      // The same words in both languages.
      assert.match(textOf(page), /og trykk på knappen for å slutte deg til Testløftet\./);
      assert.equal(
        page.title,
        lang === 'nb' ? 'Bekreft underskriften din – Testløftet' : 'Stadfest underskrifta di – Testløftet',
      );
      assert.deepEqual(backLinkOf(page), {
        text: lang === 'nb' ? 'Les om Testløftet hos KS' : 'Les om Testløftet hjå KS',
        href: PLEDGE,
      });

      const confirmed = await pressButtonBehind(linkIn(mail, 'confirm'));
      assert.equal(new URL(confirmed.url).search, `?lang=${lang}&campaign=testloftet`);
      const thanks = readPage(await confirmed.text());
      const [mine, theirs] = [await signatures(s, 'testloftet'), await signatures(s, '2023')];
      assert.notEqual(mine, theirs);
      assert.match(
        textOf(thanks),
        lang === 'nb'
          ? new RegExp(
              `Du har sluttet deg til Testløftet\\. Antallet folkevalgte og kandidater som står bak løftet, er nå ${mine}\\.`,
            )
          : new RegExp(
              `Du har slutta deg til Testløftet\\. Talet på folkevalde og kandidatar som står bak løftet, er no ${mine}\\.`,
            ),
      );
      assert.doesNotMatch(pageWords(thanks), VALGLOFTET);
      assert.equal(backLinkOf(thanks).href, PLEDGE);
    }
  });

  test('the withdraw page names Testløftet, before confirming and after, and so do the pages after it', async () => {
    for (const lang of ['nb', 'nn'] as const) {
      // Before confirming: deleting what someone sent.
      const pending = await sign(s, signer(`pending-${lang}`, { campaign: 'testloftet', lang, showName: true }));
      const page = await fetchPage(linkIn(pending, 'withdraw'));
      assert.match(
        textOf(page),
        lang === 'nb'
          ? /for å slutte seg til Testløftet, men underskriften er ikke bekreftet/
          : /for å slutte seg til Testløftet, men underskrifta er ikkje stadfesta/,
      );
      assert.doesNotMatch(pageWords(page), VALGLOFTET);
      const withheld = await pressButtonBehind(linkIn(pending, 'withdraw'), '/hide-name');
      assert.equal(new URL(withheld.url).pathname, '/name-withheld');
      assert.doesNotMatch(pageWords(readPage(await withheld.text())), VALGLOFTET);
      const discarded = await pressButtonBehind(linkIn(pending, 'withdraw'));
      assert.equal(new URL(discarded.url).search, `?lang=${lang}&campaign=testloftet`);
      const gone = readPage(await discarded.text());
      assert.match(textOf(gone), /Vil du slutte deg til Testløftet, kan du/);
      assert.doesNotMatch(pageWords(gone), VALGLOFTET);

      // Confirmed: withdrawing.
      const mail = await sign(s, signer(`withdraw-${lang}`, { campaign: 'testloftet', lang, showName: true }));
      await pressButtonBehind(linkIn(mail, 'confirm'));
      const withdraw = await fetchPage(linkIn(mail, 'withdraw'));
      assert.match(
        textOf(withdraw),
        lang === 'nb'
          ? /Trykk på knappen for å trekke deg fra Testløftet\./
          : /Trykk på knappen for å trekkje deg frå Testløftet\./,
      );
      assert.doesNotMatch(pageWords(withdraw), VALGLOFTET);
      assert.equal(backLinkOf(withdraw).href, PLEDGE);
      const hidden = await pressButtonBehind(linkIn(mail, 'withdraw'), '/hide-name');
      const shown = readPage(await hidden.text());
      assert.match(
        textOf(shown),
        lang === 'nb' ? /Du står fortsatt bak Testløftet,/ : /Du står framleis bak Testløftet,/,
      );
      assert.doesNotMatch(pageWords(shown), VALGLOFTET);
      const withdrawn = await pressButtonBehind(linkIn(mail, 'withdraw'));
      assert.equal(new URL(withdrawn.url).search, `?lang=${lang}&campaign=testloftet`);
      assert.doesNotMatch(pageWords(readPage(await withdrawn.text())), VALGLOFTET);
    }
  });

  test('a result page whose address names no campaign speaks of the current one', async () => {
    const current = await signatures(s, '2023');
    for (const campaign of ['', '&campaign=ukjent', `&campaign=${'x'.repeat(40)}`, '&campaign=%3Cb%3E']) {
      const page = await fetchPage(`${s.url}/confirmed?lang=nb${campaign}`);
      assert.equal(page.response.status, 200, campaign);
      assert.match(
        textOf(page),
        new RegExp(`Du har sluttet deg til Valgløftet 2023\\. .* er nå ${current}\\.`),
        campaign,
      );
    }
  });
});

describe('a signer of Valgløftet 2023, while Testløftet is the current campaign', () => {
  let s: Service;
  before(async () => {
    s = await startService({ CAMPAIGNS_DIR: await folder() });
  });
  after(() => s.dispose());

  test('reads what a signer of Valgløftet 2023 always read, and its count after confirming', async () => {
    const mail = await sign(s, signer('v2023', { campaign: '2023' }));
    assert.equal(mail.subject, 'Bekreft at du slutter deg til Valgløftet 2023');
    const [, confirmUrl, withdrawUrl] =
      /lenken virker i 72 timer\):\n(\S+)\n[\s\S]*Du kan også slette dem med en gang:\n(\S+)\n/.exec(mail.text) ?? [];
    // Word for word the mail of before campaigns (its text as issue 24 left it).
    assert.equal(
      mail.text.trim(),
      'Hei!\n\n' +
        'Takk for at du vil slutte deg til Valgløftet 2023, løftet om en saklig og respektfull debatt uten hets og trusler.\n\n' +
        `Bekreft underskriften din her (lenken virker i 72 timer):\n${confirmUrl}\n\n` +
        'Var det ikke du som ville slutte deg til, eller har du ombestemt deg? Da trenger du ikke gjøre noe: uten bekreftelse blir opplysningene slettet etter 72 timer. Du kan også slette dem med en gang:\n' +
        `${withdrawUrl}\n\n` +
        `${s.config.controllerName} lagrer navnet, e-postadressen, rollen og kommunen din for å registrere at du har sluttet deg til løftet, og sletter dem når du trekker deg. Les mer: ${s.config.privacyUrl}\n\n` +
        'Hilsen KS',
    );
    assert.doesNotMatch(mailWords(mail), /Testløftet|prøve alt/);

    const page = await fetchPage(linkIn(mail, 'confirm'));
    assert.equal(page.title, 'Bekreft underskriften din – Valgløftet 2023');
    assert.doesNotMatch(pageWords(page), /Testløftet|prøve alt/);
    const confirmed = await pressButtonBehind(linkIn(mail, 'confirm'));
    // Not the current campaign: the address names it.
    assert.equal(new URL(confirmed.url).search, '?lang=nb&campaign=2023');
    await pressButtonBehind(linkIn(await sign(s, signer('t1', { campaign: 'testloftet' })), 'confirm'));
    await pressButtonBehind(linkIn(await sign(s, signer('t2', { campaign: 'testloftet' })), 'confirm'));
    const thanks = await fetchPage(confirmed.url);
    assert.equal(await signatures(s, '2023'), 1);
    assert.match(textOf(thanks), /Du har sluttet deg til Valgløftet 2023\. .* er nå 1\./);
    // The current campaign's own address is as it was: without the campaign.
    const current = await pressButtonBehind(linkIn(await sign(s, signer('t3', { campaign: 'testloftet' })), 'confirm'));
    assert.equal(new URL(current.url).search, '?lang=nb');
    assert.match(textOf(readPage(await current.text())), /Du har sluttet deg til Testløftet\. .* er nå 3\./);
  });

  test('a mail queued before there were campaigns is one of Valgløftet 2023, not of the current campaign', () => {
    const mail = composeMail(
      { kind: 'confirm', lang: 'nn', confirmToken: 'c', withdrawToken: 'w' },
      s.config,
      s.app.campaigns,
    );
    assert.equal(mail.subject, 'Stadfest at du sluttar deg til Valgløftet 2023');
    assert.match(mail.text, /Valgløftet 2023, løftet om ein sakleg og respektfull debatt utan hets og truslar\./);
    assert.doesNotMatch(mail.text, /Testløftet/);
  });
});
