// The mails and the pages behind their links, against the real service, SQLite file and SMTP
// server: what they say (true, in the signer's language), what the confirmation page shows, and
// that the buttons answer with a redirect to a page that can be reloaded.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { composeMail } from '../mails.js';
import { post, pressButtonBehind, signer, startService, type ReceivedMail, type Service } from './harness.js';

/** A link from a mail's plain-text part, whole (with its language). */
const fullLink = (mail: ReceivedMail, kind: 'confirm' | 'withdraw'): string => {
  const link = new RegExp(`https?://\\S+/${kind}\\?\\S+`).exec(mail.text)?.[0];
  if (!link) throw new Error(`no ${kind} link in "${mail.subject}"`);
  return link;
};

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

  test('the thank-you counts elected officials and candidates, as the count does', async () => {
    const nb = words(await (await pressButtonBehind(fullLink(await signAndRead('thanks'), 'confirm'))).text());
    assert.match(nb, /Antallet folkevalgte og kandidater som står bak løftet, er nå \d+\./);
    const nn = words(await (await pressButtonBehind(fullLink(await signAndRead('thanks-nn', { lang: 'nn' }), 'confirm'))).text());
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
    assert.match(composeMail({ ...request, lang: 'nb' }, many).text, /i 72 timer\).*etter 72 timer\./s);
    assert.match(composeMail({ ...request, lang: 'nn' }, many).text, /i 72 timar\).*etter 72 timar\./s);
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

});
