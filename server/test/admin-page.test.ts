// KS's admin page (/admin, issue 15) against the real service, a real SQLite file and a real SMTP
// server on loopback: sign-in by mailed link, the session cookie, what is refused (and that it
// changes nothing), adoptions, export, erasure, the audit log and the session's lifetime.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { osloDayStart } from '../campaigns/campaigns.js';
import { campaignsDir, day } from './campaigns-dir.js';
import { after, before, describe, test } from 'node:test';
import {
  assertAlikeTiming,
  ADMIN_TOKEN,
  approveNames,
  count,
  linkIn,
  post,
  pressButtonBehind,
  signer,
  startService,
  until,
  type ReceivedMail,
  type Service,
} from './harness.js';
import { testHooks } from '../store/testing.js';
import { within } from '@testing-library/dom';
import { detailsOf, paragraphsOf, postFormsOf, readPage, textOf, type ReadPage } from './page.js';

const KARI = 'kari.admin@ks.no';
const PER = 'per.admin@ks.no';
const LIV = 'liv.admin@ks.no';
const FORM = 'application/x-www-form-urlencoded';
/** The captions the screens' tables are found by. */
const LOG_NB = 'Hendelser, nyeste først';
const LOG_NN = 'Hendingar, nyaste først';
const STATS_BY_COUNTY = 'Underskrifter etter fylke (kommuner og fylkeskommunen)';

/** A field's own problem: what its aria-describedby ties to it beside its hint. */
const errorOf = (read: ReadPage, field: HTMLElement) =>
  (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter((id) => id.endsWith('-error'))
    .map((id) => read.document.getElementById(id)?.textContent ?? '')
    .join(' ');

/** The sign-in link in a mail. */
const signInLink = (mail: ReceivedMail): string => {
  const link = /https?:\/\/\S+\/admin\/sign-in\?token=[\w-]+&lang=n[bn]/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no sign-in link in "${mail.subject}"`);
  return link;
};

interface Session {
  cookie: string;
  csrf: string;
}

describe('KS admin page', () => {
  let s: Service;
  let campaigns = '';
  /** Origin and Sec-Fetch-Site as a browser on the service's own page sends them. */
  const own = () => ({ origin: new URL(s.config.publicUrl).origin, 'sec-fetch-site': 'same-origin' });

  /** A form POST, as the page's forms make it; `headers` replace the browser's own ('' removes one). */
  const submit = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${s.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      // A header given as '' is left out: the request then lacks it, as an older browser's would.
      headers: Object.fromEntries(
        Object.entries({ 'content-type': FORM, ...own(), ...headers }).filter(([, value]) => value !== ''),
      ),
      body: new URLSearchParams(fields).toString(),
    });

  const requestLink = (email: string, lang = 'nb') => submit('/admin/sign-in-link', { email, lang });

  /** Opens the mailed link's page and presses its button. */
  async function pressSignIn(link: string, headers: Record<string, string> = {}): Promise<Response> {
    const html = await (await fetch(link)).text();
    const token = postFormsOf(html).find((f) => f.action === '/admin/sign-in')?.fields.token ?? '';
    return submit('/admin/sign-in', { token, lang: 'nb' }, headers);
  }

  const page = async (path: string, cookie?: string) => {
    const res = await fetch(`${s.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
    const html = await res.text();
    return { status: res.status, html, res, read: readPage(html) };
  };

  /** The text a reader meets on a page. */
  const textIn = (html: string) => textOf(readPage(html));

  /** A table of a page, found by its caption (its scroll region's name): each body row's cells, as read. */
  const rowsOf = (read: ReadPage, caption: string) =>
    [...read.screen.getByRole('table', { name: caption }).querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map((cell) => cell.textContent.replace(/\s+/g, ' ').trim()),
    );

  /** A field found by its label, as an input. */
  const fieldOf = (read: ReadPage, label: string) => read.screen.getByLabelText<HTMLInputElement>(label);

  /** The error summary (role alert), first in main before the h1: its heading and its links to fields. */
  const summaryOf = (read: ReadPage) => {
    const main = read.screen.getByRole('main');
    const summary = within(main).getByRole('alert');
    assert.equal(main.firstElementChild, summary, 'the summary comes first in main');
    assert.equal(summary.nextElementSibling?.tagName, 'H1', 'then the heading');
    return {
      heading: within(summary).getByRole('heading').textContent,
      links: within(summary)
        .getAllByRole('link')
        .map((a) => [a.getAttribute('href'), a.textContent]),
    };
  };

  /** Signs in as `email` by the mailed link; the session's cookie and CSRF token. */
  async function signIn(email: string): Promise<Session> {
    const before = s.mail.mails.length;
    assert.equal((await requestLink(email)).status, 303);
    await s.mail.waitFor(before + 1);
    const res = await pressSignIn(signInLink(await s.mail.mailTo(email)));
    assert.equal(res.status, 303);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    const { html } = await page('/admin', cookie);
    const csrf = postFormsOf(html).find((f) => f.fields.csrf)?.fields.csrf;
    assert.ok(csrf, 'a signed-in page carries the CSRF token');
    return { cookie, csrf };
  }

  let kariSession: Session | undefined;
  /** Kari's session, signed in once: an address gets only a few links per quarter of an hour. */
  const asKari = async () => (kariSession ??= await signIn(KARI));

  /** The names in the open data, as text. */
  const publicNames = async () => JSON.stringify(await (await fetch(`${s.url}/api/councils`)).json());

  /** The names screen's form whose button says `label` (a name, read by a screen reader, or "… alle 2"). */
  const namesForm = (html: string, decision: 'approve' | 'reject', label: string) => {
    const { document } = readPage(html);
    const action = `/admin/names/${decision}`;
    const form = [...document.querySelectorAll<HTMLFormElement>(`form[action="${action}"]`)].find(
      (f) => within(f).queryByRole('button', { name: (name) => name.includes(label) }) !== null,
    );
    assert.ok(form, `a ${decision} button for ${label}`);
    const fields = Object.fromEntries(
      [...form.querySelectorAll<HTMLInputElement>('input[type="hidden"]')].map((f) => [f.name, f.value]),
    );
    return { action, fields };
  };

  const local = async (code: string) =>
    ((await (await fetch(`${s.url}/api/count?municipality=${code}`)).json()) as { local: { adopted: unknown } }).local
      .adopted;

  before(async () => {
    // Beside Valgløftet 2023, the fictional Testløftet, not open yet: 2023 stays current.
    campaigns = await campaignsDir({ opens: day(20), closes: day(60), retentionDays: 30 });
    s = await startService({ ADMIN_EMAILS: ` ${KARI.toUpperCase()}, ${PER},${LIV}`, CAMPAIGNS_DIR: campaigns });
  });
  after(async () => {
    await s.dispose();
    await rm(campaigns, { recursive: true, force: true });
  });

  test('each campaign with its state and dates; the one chosen is the one every screen works on, and the log names it', async () => {
    const kari = await asKari();
    const date = (iso: string) => iso.split('-').reverse().join('.');
    const deletes = new Intl.DateTimeFormat('nb-NO', {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: 'Europe/Oslo',
    });
    const start = await page('/admin?lang=nb', kari.cookie);
    assert.deepEqual(rowsOf(start.read, 'Kampanjene'), [
      ['Testløftet', 'Ikke åpnet ennå', date(day(20)), date(day(60)), deletes.format(osloDayStart(day(91)))],
      [
        'Valgløftet 2023 (vises der ingen kampanje er valgt)',
        'Åpen',
        'Fra starten',
        'Ikke satt',
        'Når siste dag er satt',
      ],
    ]);
    assert.match(textOf(start.read), /Kampanje: Valgløftet 2023/);
    const nn = await page('/admin?lang=nn', kari.cookie);
    assert.deepEqual(
      rowsOf(nn.read, 'Kampanjane').map((row) => row.slice(0, 2)),
      [
        ['Testløftet', 'Ikkje opna enno'],
        ['Valgløftet 2023 (blir vist der ingen kampanje er vald)', 'Open'],
      ],
    );
    // The switch: a form on the start screen; its choice is kept for the screens that follow.
    const choose = async (campaign: string, cookie = kari.cookie) =>
      submit('/admin/campaign', { campaign, lang: 'nb', csrf: kari.csrf }, { cookie });
    assert.equal((await choose('testloftet', '')).status, 403, 'not without the session');
    const councils = async (campaign: string) =>
      ((await (await fetch(`${s.url}/api/count?campaign=${campaign}`)).json()) as { councils: number }).councils;
    const councils2023 = await councils('2023');
    const chosen = await choose('testloftet');
    assert.equal(chosen.status, 303);
    const cookie = `${kari.cookie}; ${(chosen.headers.get('set-cookie') ?? '').split(';')[0]}`;
    assert.match(textOf((await page('/admin/statistics?lang=nb', cookie)).read), /Kampanje: Testløftet/);
    const recorded = await submit(
      '/admin/adoptions',
      { municipality: '1103', date: '2026-11-02', link: '', lang: 'nb', csrf: kari.csrf },
      { cookie },
    );
    assert.equal(recorded.status, 303);
    assert.equal(await councils('testloftet'), 1, "recorded in Testløftet's");
    assert.deepEqual(
      rowsOf((await page('/admin?lang=nb', cookie)).read, 'Registrerte vedtak, sist registrert først').map(
        (row) => row[0],
      ),
      ['Stavanger'],
      "the start screen lists Testløftet's adoptions only",
    );
    const [latest] = rowsOf((await page('/admin/log?lang=nb', cookie)).read, LOG_NB);
    assert.deepEqual(latest.slice(2), ['Registrerte et vedtak', 'Stavanger', 'Testløftet']);
    // A choice that is no campaign changes nothing; without the cookie, the current campaign.
    assert.equal((await choose('ukjent', cookie)).status, 303);
    assert.match(textOf((await page('/admin/data?lang=nb', cookie)).read), /Kampanje: Testløftet/);
    assert.match(textOf((await page('/admin/data?lang=nb', kari.cookie)).read), /Kampanje: Valgløftet 2023/);
    assert.equal(await councils('2023'), councils2023, "2023's figures are untouched");
  });

  test('only a listed address gets a link; an unknown one the same answer and no mail', async () => {
    const unknown = await requestLink('mallory@example.no');
    const known = await requestLink('Kari.Admin@KS.no'); // listed, in other letters
    assert.equal(unknown.status, known.status);
    assert.equal(unknown.headers.get('location'), known.headers.get('location'));
    assert.equal(known.headers.get('location'), '/admin/check-mail?lang=nb');
    const mail = await s.mail.mailTo(KARI);
    assert.match(mail.subject, /Logg inn/);
    // The mail says nothing the requester typed but the address it goes to.
    assert.doesNotMatch(mail.text, /Kari\.Admin@KS/);
    assert.equal(s.mail.mails.filter((m) => m.to.includes('mallory')).length, 0);
    const { read } = await page('/admin/check-mail?lang=nn');
    assert.equal(read.heading, 'Sjekk e-posten din');
    assert.equal(read.lang, 'nn');
  });

  test('the link opens a page whose button signs in, once; the cookie is HttpOnly, SameSite=Strict, Path=/', async () => {
    await requestLink(KARI);
    const link = signInLink(
      await until(() => s.mail.mails.findLast((m) => m.to === KARI && m !== s.mail.mails[0]), 'a second mail'),
    );
    const opened = await fetch(link);
    assert.equal(opened.status, 200);
    assert.equal(opened.headers.get('set-cookie'), null, 'opening the link signs nobody in');
    assert.equal(opened.headers.get('cache-control'), 'no-store');
    assert.equal(opened.headers.get('referrer-policy'), 'no-referrer');
    const res = await pressSignIn(link);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/admin?lang=nb');
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^valgloftet-admin=[\w-]{43}; /);
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Strict/);
    assert.match(cookie, /; Path=\//);
    assert.doesNotMatch(cookie, /Secure|Domain/i, 'plain http: no Secure');
    // Spent: neither its page nor its button work again.
    assert.equal((await fetch(link)).status, 404);
    const token = new URL(link).searchParams.get('token') ?? '';
    const again = await submit('/admin/sign-in', { token, lang: 'nb' });
    assert.equal(again.status, 404);
    assert.equal(again.headers.get('set-cookie'), null);
  });

  test('an expired link is refused', async () => {
    const before = s.mail.mails.length;
    await requestLink(PER);
    await s.mail.waitFor(before + 1);
    const link = signInLink(await s.mail.mailTo(PER));
    await testHooks(s.store).expireAdminLinks();
    assert.equal((await fetch(link)).status, 404);
    const token = new URL(link).searchParams.get('token') ?? '';
    const res = await submit('/admin/sign-in', { token, lang: 'nb' });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('set-cookie'), null);
  });

  test('behind https the cookie is __Host- and Secure', async () => {
    const before = s.mail.mails.length;
    await requestLink(PER);
    await s.mail.waitFor(before + 1);
    const link = signInLink(await s.mail.mailTo(PER));
    const url = s.config.publicUrl;
    s.config.publicUrl = 'https://valgloftet.example';
    try {
      const res = await pressSignIn(link, { origin: 'https://valgloftet.example' });
      const cookie = res.headers.get('set-cookie') ?? '';
      // The name and value first, then exactly these flags (in whatever order).
      const [pair, ...flags] = cookie.split('; ');
      assert.match(pair, /^__Host-valgloftet-admin=[\w-]{43}$/);
      assert.deepEqual(flags.sort(), ['HttpOnly', 'Path=/', 'SameSite=Strict', 'Secure']);
    } finally {
      s.config.publicUrl = url;
    }
  });

  test('the pages: strict CSP, no script, no-store; signed out, every page leads to the sign-in form', async () => {
    const { status, read, res } = await page('/admin');
    assert.equal(status, 200);
    const form = read.screen.getByRole('button', { name: 'Send meg en lenke' }).closest('form');
    assert.ok(form);
    assert.equal(form.getAttribute('action'), '/admin/sign-in-link');
    assert.equal(form.method, 'post');
    assert.ok(form.noValidate);
    assert.equal(read.document.querySelectorAll('script').length, 0);
    // The language link names the other language in that language.
    for (const [page_, name, lang] of [
      [read, 'Nynorsk', 'nn'],
      [(await page('/admin?lang=nn')).read, 'Bokmål', 'nb'],
    ] as const) {
      const link = page_.screen.getByRole('link', { name });
      assert.equal(link.getAttribute('href'), `/admin?lang=${lang}`);
      assert.equal(link.getAttribute('lang'), lang);
      assert.equal(link.getAttribute('hreflang'), lang);
    }
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(
      res.headers.get('content-security-policy') ?? '',
      /^default-src 'none'; style-src 'self';.*frame-ancestors 'none'/,
    );
    for (const path of ['/admin/statistics', '/admin/data', '/admin/log', '/admin/adoptions/4601/edit']) {
      const r = await page(path);
      assert.equal(r.status, 303, path);
      assert.equal(r.res.headers.get('location'), '/admin?lang=nb', path);
    }
    // The one stylesheet of every page: Designsystemet, and the admin's rules under its class.
    const stylesheet = read.document.querySelector('link[rel="stylesheet"]')?.getAttribute('href') ?? '';
    const css = await fetch(`${s.url}${stylesheet}`);
    assert.equal(css.status, 200);
    const text = await css.text();
    assert.match(text, /\.ds-button/);
    assert.match(text, /\.admin \.menu/);
    assert.equal(read.document.body.className, 'admin');
  });

  test('adoptions: record, edit and remove, and the count and the local line follow at once', async () => {
    const kari = await asKari();
    const councils = (await count(s.url)).councils;
    let res = await submit(
      '/admin/adoptions',
      {
        ...kari,
        lang: 'nb',
        municipality: '1804',
        date: '31.05.2023',
        link: 'https://bodo.kommune.no/vedtak/1',
      },
      { cookie: kari.cookie },
    );
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', /^\/admin\?lang=nb&done=recorded\.[\w-]{22}$/);
    assert.equal(
      (await page(res.headers.get('location') ?? '', kari.cookie)).read.screen.getByRole('status').textContent,
      'Vedtaket er registrert.',
    );
    assert.equal((await count(s.url)).councils, councils + 1);
    assert.deepEqual(await local('1804'), { on: '2023-05-31', link: 'https://bodo.kommune.no/vedtak/1' });
    const list = rowsOf((await page('/admin', kari.cookie)).read, 'Registrerte vedtak, sist registrert først');
    assert.deepEqual(list[0].slice(0, 2), ['Bodø', '31.05.2023']);

    // Wrong input: the same rules as the API, told next to the field, nothing stored.
    res = await submit(
      '/admin/adoptions',
      { ...kari, lang: 'nb', municipality: '9999', date: '2018-12-31', link: 'http://x.no' },
      { cookie: kari.cookie },
    );
    assert.equal(res.status, 422);
    const errors = readPage(await res.text());
    assert.equal(fieldOf(errors, 'Dato for vedtaket').getAttribute('aria-invalid'), 'true');
    assert.ok(summaryOf(errors).links.length);
    assert.equal((await count(s.url)).councils, councils + 1);

    // Edit: the date and link change, the count stays.
    const edit = await page('/admin/adoptions/1804/edit', kari.cookie);
    assert.equal(fieldOf(edit.read, 'Dato for vedtaket').value, '31.05.2023');
    // A mistake, twice: the edit form stays the edit form, for the same council, each time.
    for (let i = 0; i < 2; i++) {
      const wrong = await submit(
        '/admin/adoptions',
        { ...kari, lang: 'nb', editing: '1', municipality: '1804', date: '2999-01-01', link: '' },
        { cookie: kari.cookie },
      );
      assert.equal(wrong.status, 422);
      const html = await wrong.text();
      assert.equal(
        postFormsOf(html).find((f) => f.action === '/admin/adoptions')?.fields.editing,
        '1',
        `attempt ${i + 1}`,
      );
      assert.equal(detailsOf(readPage(html))['Kommune eller fylkeskommune'], 'Bodø', `attempt ${i + 1}`);
    }
    res = await submit(
      '/admin/adoptions',
      { ...kari, lang: 'nb', editing: '1', municipality: '1804', date: '2023-06-01', link: '' },
      { cookie: kari.cookie },
    );
    assert.match(res.headers.get('location') ?? '', /^\/admin\?lang=nb&done=updated\.[\w-]{22}$/);
    assert.deepEqual(await local('1804'), { on: '2023-06-01', link: null });
    assert.equal((await count(s.url)).councils, councils + 1);

    // Remove: a confirmation page first, then the POST.
    const confirm = await page('/admin/adoptions/1804/remove?lang=nn', kari.cookie);
    confirm.read.screen.getByRole('button', { name: 'Ja, fjern vedtaket' });
    assert.equal((await count(s.url)).councils, councils + 1, 'the confirmation page removes nothing');
    res = await submit('/admin/adoptions/1804/remove', { ...kari, lang: 'nn' }, { cookie: kari.cookie });
    assert.match(res.headers.get('location') ?? '', /^\/admin\?lang=nn&done=removed\.[\w-]{22}$/);
    assert.equal((await count(s.url)).councils, councils);
    assert.equal(await local('1804'), null);
  });

  test('the councils are listed and labelled as in the builder, in order, each found under any of its names (issue 24, item 3)', async () => {
    const kari = await asKari();
    /** The council list's choices, each with whether it is marked chosen in the markup. */
    const options = (html: string) =>
      [...(readPage(html).document.querySelector<HTMLSelectElement>('select#municipality')?.options ?? [])]
        .filter((o) => o.value !== '')
        .map((o) => ({ code: o.value, selected: o.defaultSelected, label: o.text }));
    const builder = options((await page('/embed/builder')).html);
    for (const lang of ['nb', 'nn']) {
      const admin = options((await page(`/admin?lang=${lang}`, kari.cookie)).html);
      assert.deepEqual(
        admin.map(({ code, label }) => ({ code, label })),
        builder.map(({ code, label }) => ({ code, label })),
        'the same list as the builder',
      );
      const labels = admin.map((o) => o.label);
      assert.deepEqual(
        labels,
        [...labels].sort((a, b) => a.localeCompare(b, 'nb')),
        'in alphabetical order',
      );
      const under = (start: string) => admin.find((o) => o.label.startsWith(start))?.code;
      assert.equal(under('Kauto'), '5612');
      assert.equal(under('Guovda'), '5612');
      assert.equal(under('Hattf'), '1826');
      assert.equal(under('Aarborte'), '1826');
      assert.equal(under('Kárášjohka'), '5610');
      assert.equal(under('Porsanki'), '5622');
      assert.equal(admin.find((o) => o.code === '5612')?.label, 'Guovdageaidnu – Kautokeino');
      assert.equal(admin.filter((o) => o.code === '5612').at(1)?.label, 'Kautokeino (Guovdageaidnu – Kautokeino)');
      // Oslo once: municipality and county are one council.
      assert.equal(admin.filter((o) => o.label.startsWith('Oslo')).length, 1);
    }
    // A mistake keeps the council chosen, marked once though it has two options.
    const wrong = await submit(
      '/admin/adoptions',
      { ...kari, lang: 'nb', municipality: '5612', date: 'x', link: '' },
      { cookie: kari.cookie },
    );
    assert.equal(wrong.status, 422);
    assert.deepEqual(
      options(await wrong.text())
        .filter((o) => o.selected)
        .map((o) => o.label),
      ['Guovdageaidnu – Kautokeino'],
    );
  });

  test('a mistake: the title says so, the summary comes first, in the page’s own words (issue 24, items 5 and 6)', async () => {
    const kari = await asKari();

    // Signing in: empty, or not an address; no mail, the address kept.
    const mails = s.mail.mails.length;
    for (const [lang, email, message, heading] of [
      ['nb', '', 'Skriv e-postadressen din.', 'Rett opp dette før du går videre:'],
      ['nn', 'kari.admin', 'Skriv heile e-postadressa di, til dømes namn@ks.no.', 'Rett opp dette før du går vidare:'],
    ]) {
      const res = await submit('/admin/sign-in-link', { email, lang });
      assert.equal(res.status, 422);
      const read = readPage(await res.text());
      assert.equal(read.title, `Feil: Logg inn – Valgløftet 2023 – administrasjon`);
      assert.deepEqual(summaryOf(read), { heading, links: [['#email', message]] });
      // The field, found by its label, says its hint and its problem, and keeps what was typed.
      const field = fieldOf(read, lang === 'nb' ? 'E-postadressen din' : 'E-postadressa di');
      assert.equal(field.id, 'email');
      assert.equal(field.type, 'email');
      assert.equal(field.value, email);
      assert.equal(field.getAttribute('aria-invalid'), 'true');
      assert.deepEqual(
        field
          .getAttribute('aria-describedby')
          ?.split(' ')
          .map((id) => read.document.getElementById(id)?.textContent),
        [read.document.getElementById('email-hint')?.textContent, message],
      );
    }
    assert.equal(s.mail.mails.length, mails, 'no mail for a mistake');

    // An adoption: the summary leaves its section and comes first; the title names the error.
    const wrong = await submit(
      '/admin/adoptions',
      { ...kari, lang: 'nn', municipality: '', date: '32.13.2023', link: 'x' },
      { cookie: kari.cookie },
    );
    assert.equal(wrong.status, 422);
    const read = readPage(await wrong.text());
    assert.equal(read.title, 'Feil: Vedtaka til kommunestyra – Valgløftet 2023 – administrasjon');
    const summary = summaryOf(read);
    assert.equal(summary.heading, 'Rett opp dette før du lagrar:');
    assert.deepEqual(
      summary.links.map(([href]) => href),
      ['#municipality', '#date', '#link'],
    );
    assert.equal(read.screen.getAllByRole('alert').length, 1);

    // Finding whom to erase: empty, or not an address.
    for (const [email, message] of [
      ['  ', 'Skriv e-postadressen personen signerte med.'],
      ['ola.example.no', 'Skriv hele e-postadressen, for eksempel navn@kommune.no.'],
    ]) {
      const res = await submit('/admin/erasure/check', { ...kari, lang: 'nb', email }, { cookie: kari.cookie });
      assert.equal(res.status, 422, email);
      const read = readPage(await res.text());
      assert.equal(read.title, 'Feil: Eksport og sletting – Valgløftet 2023 – administrasjon');
      assert.deepEqual(summaryOf(read).links, [['#erase-email', message]]);
      const field = fieldOf(read, 'E-postadresse');
      assert.equal(field.id, 'erase-email');
      assert.equal(field.type, 'email');
      assert.equal(field.getAttribute('aria-invalid'), 'true');
    }
    // No match: nothing will be deleted, and the heading says what was found.
    for (const [lang, heading] of [
      ['nb', 'Fant ingen underskrift'],
      ['nn', 'Fann inga underskrift'],
    ]) {
      const res = await submit(
        '/admin/erasure/check',
        { ...kari, lang, email: 'ingen@example.no' },
        { cookie: kari.cookie },
      );
      assert.equal(res.status, 200);
      const read = readPage(await res.text());
      assert.equal(read.heading, heading);
      assert.doesNotMatch(textOf(read), /Slette opplysning/);
    }

    // Every form leaves the checking to the server, whose words are the page's.
    for (const [path, cookie] of [
      ['/admin', undefined],
      ['/admin', kari.cookie],
      ['/admin/data', kari.cookie],
    ]) {
      const forms = [...(await page(`${path}?lang=nb`, cookie)).read.document.forms];
      assert.ok(forms.length);
      for (const form of forms) assert.ok(form.noValidate, `${path}: ${form.action}`);
    }
  });

  test('refused, and nothing changed: no CSRF token, a wrong one, another session’s, a foreign origin, signed out', async () => {
    const kari = await asKari();
    const per = await signIn(PER);
    const adoption = { lang: 'nb', municipality: '4601', date: '2024-03-12', link: '' };
    const before = (await count(s.url)).councils;
    const refusals: [string, Response][] = [
      ['no token', await submit('/admin/adoptions', adoption, { cookie: kari.cookie })],
      [
        'a wrong token',
        await submit('/admin/adoptions', { ...adoption, csrf: 'x'.repeat(43) }, { cookie: kari.cookie }),
      ],
      [
        'another session’s token',
        await submit('/admin/adoptions', { ...adoption, csrf: per.csrf }, { cookie: kari.cookie }),
      ],
      ['no cookie', await submit('/admin/adoptions', { ...adoption, csrf: kari.csrf })],
      [
        'a foreign Origin',
        await submit(
          '/admin/adoptions',
          { ...adoption, csrf: kari.csrf },
          { cookie: kari.cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        ),
      ],
      [
        'a foreign Origin alone',
        await submit(
          '/admin/adoptions',
          { ...adoption, csrf: kari.csrf },
          { cookie: kari.cookie, origin: 'https://evil.example', 'sec-fetch-site': '' },
        ),
      ],
      [
        'cross-site',
        await submit(
          '/admin/adoptions',
          { ...adoption, csrf: kari.csrf },
          { cookie: kari.cookie, origin: '', 'sec-fetch-site': 'same-site' },
        ),
      ],
      [
        'Origin: null alone',
        await submit(
          '/admin/adoptions',
          { ...adoption, csrf: kari.csrf },
          { cookie: kari.cookie, origin: 'null', 'sec-fetch-site': '' },
        ),
      ],
      [
        'neither Origin nor Sec-Fetch-Site',
        await submit(
          '/admin/adoptions',
          { ...adoption, csrf: kari.csrf },
          { cookie: kari.cookie, origin: '', 'sec-fetch-site': '' },
        ),
      ],
      ['export without a token', await submit('/admin/export', { lang: 'nb' }, { cookie: kari.cookie })],
      [
        'erasure without a token',
        await submit('/admin/erasure', { lang: 'nb', email: 'ola.1@example.no' }, { cookie: kari.cookie }),
      ],
    ];
    for (const [what, res] of refusals) {
      assert.equal(res.status, 403, what);
      assert.equal(readPage(await res.text()).heading, 'Handlingen ble stoppet', what);
    }
    assert.equal((await count(s.url)).councils, before);

    // Signing out ends the session on the server: the old cookie and token do nothing.
    const out = await submit('/admin/sign-out', { lang: 'nb', csrf: per.csrf }, { cookie: per.cookie });
    assert.equal(out.status, 303);
    assert.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/);
    const late = await submit('/admin/adoptions', { ...adoption, csrf: per.csrf }, { cookie: per.cookie });
    assert.equal(late.status, 403);
    assert.equal((await page('/admin/log', per.cookie)).status, 303);
    assert.equal((await count(s.url)).councils, before);
    // Kari's own session is untouched by Per's signing out.
    assert.equal((await page('/admin/log', kari.cookie)).status, 200);
  });

  test('the export is the API’s export; erasure shows a count, then erases, and the name leaves the public lists', async () => {
    const kari = await asKari();
    assert.equal(
      (
        await post(
          `${s.url}/api/signatures`,
          signer('shown', { municipality: '1840', name: 'Synne Synlig', showName: true }),
        )
      ).status,
      202,
    );
    assert.ok((await pressButtonBehind(linkIn(await s.mail.mailTo('ola.shown@example.no'), 'confirm'))).ok);
    await approveNames(s.url);
    assert.equal((await post(`${s.url}/api/signatures`, signer('pending'))).status, 202);
    await s.mail.mailTo('ola.pending@example.no');

    // As a browser sends it under Referrer-Policy no-referrer: Origin null, Sec-Fetch-Site same-origin.
    const exported = await submit('/admin/export', { ...kari, lang: 'nb' }, { cookie: kari.cookie, origin: 'null' });
    assert.equal(exported.status, 200);
    assert.equal(exported.headers.get('content-disposition'), 'attachment; filename="valgloftet-signatures.csv"');
    const api = await fetch(`${s.url}/api/admin/signatures.csv`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    assert.equal(await exported.text(), await api.text());

    const councils = async () => JSON.stringify(await (await fetch(`${s.url}/api/councils`)).json());
    assert.match(await councils(), /Synne Synlig/);
    const signaturesBefore = (await count(s.url)).signatures;
    const check = await submit(
      '/admin/erasure/check',
      { ...kari, lang: 'nb', email: ' OLA.SHOWN@example.no ' },
      { cookie: kari.cookie },
    );
    const checkPage = paragraphsOf(readPage(await check.text()));
    assert.ok(
      checkPage.some((p) => p.startsWith('1 underskrift med denne adressen blir slettet')),
      checkPage.join('\n'),
    );
    // Whose it is, as stored, so the right person is erased (the address typed differs in case).
    assert.ok(
      checkPage.includes('Underskriften er fra Synne Synlig, ola.shown@example.no, Saltdal.'),
      checkPage.join('\n'),
    );
    assert.equal((await count(s.url)).signatures, signaturesBefore, 'checking erases nothing');
    const erased = await submit(
      '/admin/erasure',
      { ...kari, lang: 'nb', email: ' OLA.SHOWN@example.no ' },
      { cookie: kari.cookie },
    );
    const result = erased.headers.get('location') ?? '';
    assert.match(result, /^\/admin\/data\?lang=nb&done=erased-1\.[\w-]{22}$/);
    assert.match(
      (await page(result, kari.cookie)).read.screen.getByRole('status').textContent,
      /^Opplysningene er slettet \(1 underskrift\)\./,
    );
    assert.equal((await count(s.url)).signatures, signaturesBefore - 1);
    assert.deepEqual(await s.store.signaturesWhere({ email: 'ola.shown@example.no' }), []);
    await until(async () => !(await councils()).includes('Synne Synlig'), 'the name gone from /api/councils');
    const nothing = await submit(
      '/admin/erasure/check',
      { ...kari, lang: 'nn', email: 'nobody@example.no' },
      { cookie: kari.cookie },
    );
    assert.match(readPage(await nothing.text()).screen.getByRole('status').textContent, /Det finst inga underskrift/);
  });

  test('a result message says only what the service did: one from the address alone, or signed for another session, is not shown', async () => {
    const kari = await asKari();
    const liv = await signIn(LIV);
    const erased = await submit(
      '/admin/erasure',
      { ...liv, lang: 'nb', email: 'nobody@example.no' },
      { cookie: liv.cookie },
    );
    const signed = erased.headers.get('location') ?? '';
    assert.match(
      (await page(signed, liv.cookie)).read.screen.getByRole('status').textContent,
      /Det fantes ingen underskrift med den adressen/,
    );
    const forged = signed.replace('erased-0.', 'erased-999.');
    for (const [what, path, cookie] of [
      ['as the page once took it', '/admin/data?lang=nb&done=erased&n=999', kari.cookie],
      ['a result with another signature', forged, liv.cookie],
      ['no signature', '/admin/data?lang=nb&done=erased-999', kari.cookie],
      ['signed for another session', signed, kari.cookie],
      ['adoptions, as the page once took it', '/admin?lang=nb&done=removed', kari.cookie],
    ]) {
      const { status, html, read } = await page(path, cookie);
      assert.equal(status, 200, what);
      assert.equal(read.screen.queryByRole('status'), null, what);
      assert.doesNotMatch(textIn(html), /999|ingen underskrift|Vedtaket er fjernet/, what);
    }
  });

  test('names to approve: listed oldest first with role, council and when, never an address; each decision at once and in the log', async () => {
    const kari = await asKari();
    // Three names wait (one of them in Oslo, signed under its county's code); one signer gave no consent.
    for (const [n, extra] of [
      ['first', { name: 'Åse Først', municipality: '4601' }],
      ['oslo', { name: 'Olav Oslo', municipality: '03', role: 'candidate' }],
      ['third', { name: 'Tora Tredje', municipality: '1804' }],
    ] as const) {
      assert.equal((await post(`${s.url}/api/signatures`, signer(n, { ...extra, showName: true }))).status, 202);
      assert.ok((await pressButtonBehind(linkIn(await s.mail.mailTo(`ola.${n}@example.no`), 'confirm'))).ok);
    }
    const waitingOn = async (path: string) => paragraphsOf((await page(path, kari.cookie)).read);
    assert.ok((await waitingOn('/admin')).some((p) => p.startsWith('3 navn venter på godkjenning.')));
    const screen = await page('/admin/names?lang=nb', kari.cookie);
    assert.equal(screen.status, 200);
    assert.deepEqual(
      rowsOf(screen.read, 'Navn som venter, eldste først').map((cells) => cells.slice(0, 3)),
      [
        ['Åse Først', 'Folkevalgt', 'Bergen'],
        ['Olav Oslo', 'Kandidat ved valget', 'Oslo'],
        ['Tora Tredje', 'Folkevalgt', 'Bodø'],
      ],
    );
    assert.doesNotMatch(screen.html, /example\.no/);
    assert.equal((await page('/admin/names?lang=nn', kari.cookie)).read.heading, 'Namn til godkjenning');

    // One name, by its own button.
    const first = namesForm(screen.html, 'approve', 'Åse Først');
    let res = await submit(first.action, first.fields, { cookie: kari.cookie });
    assert.equal(res.status, 303);
    const done = res.headers.get('location') ?? '';
    assert.match(done, /^\/admin\/names\?lang=nb&done=approved-1\.[\w-]{22}$/);
    const said = async (path: string) => (await page(path, kari.cookie)).read.screen.getByRole('status').textContent;
    assert.equal(await said(done), 'Navnet er godkjent og vises offentlig innen ett minutt.');
    assert.match(await publicNames(), /Åse Først/, 'shown at once');

    // By council: Oslo's one name, under either code.
    const oslo = await page('/admin/names?lang=nb&council=03', kari.cookie);
    const chosen = oslo.read.screen.getByRole<HTMLSelectElement>('combobox', { name: 'Vis navn fra' });
    assert.deepEqual(
      [...chosen.options].filter((o) => o.defaultSelected).map((o) => [o.value, o.text]),
      [['0301', 'Oslo']],
    );
    assert.deepEqual(
      rowsOf(oslo.read, 'Navn som venter, eldste først').map((cells) => cells[0]),
      ['Olav Oslo'],
    );

    // All on the screen: only the two it showed, not one that arrived after it was drawn.
    const two = await page('/admin/names?lang=nb', kari.cookie);
    assert.equal(
      (await post(`${s.url}/api/signatures`, signer('late', { name: 'Sen Ankomst', showName: true }))).status,
      202,
    );
    assert.ok((await pressButtonBehind(linkIn(await s.mail.mailTo('ola.late@example.no'), 'confirm'))).ok);
    const all = namesForm(two.html, 'approve', 'Godkjenn alle 2');
    res = await submit(all.action, all.fields, { cookie: kari.cookie });
    assert.match(await said(res.headers.get('location') ?? ''), /2 navn er godkjent/);
    const names = await publicNames();
    assert.match(names, /Olav Oslo/);
    assert.match(names, /Tora Tredje/);
    assert.doesNotMatch(names, /Sen Ankomst/, 'the late name still waits');
    const late = await page('/admin/names?lang=nb', kari.cookie);
    assert.ok(paragraphsOf(late.read).some((p) => p.startsWith('1 navn venter på godkjenning.')));

    // A refused request decides nothing; a rejection drops the consent and keeps the signature.
    const reject = namesForm(late.html, 'reject', 'Sen Ankomst');
    res = await submit(reject.action, { ...reject.fields, csrf: 'x'.repeat(43) }, { cookie: kari.cookie });
    assert.equal(res.status, 403);
    assert.ok((await waitingOn('/admin/names?lang=nb')).some((p) => p.startsWith('1 navn venter')));
    const signatures = (await count(s.url)).signatures;
    res = await submit(reject.action, reject.fields, { cookie: kari.cookie });
    assert.match(await said(res.headers.get('location') ?? ''), /^Navnet er avvist og vises ikke\./);
    assert.doesNotMatch(await publicNames(), /Sen Ankomst/);
    assert.equal((await s.store.signaturesWhere({ email: 'ola.late@example.no' }))[0]?.name_public_at, null);
    assert.equal((await count(s.url)).signatures, signatures, 'the signature still counts');
    // Pressed again (a second tab): nothing left to decide, and the page says so.
    res = await submit(reject.action, reject.fields, { cookie: kari.cookie });
    assert.match(await said(res.headers.get('location') ?? ''), /Ingen navn ble endret/);
    assert.ok((await waitingOn('/admin')).includes('Ingen navn venter på godkjenning.'));

    const log = (await s.store.auditLog(10)).map((entry) => [entry.admin, entry.action, entry.object]);
    assert.deepEqual(log.slice(0, 4), [
      [KARI, 'names-rejected', '0'],
      [KARI, 'names-rejected', '1'],
      [KARI, 'names-approved', '2'],
      [KARI, 'names-approved', '1'],
    ]);
    const shown = rowsOf((await page('/admin/log?lang=nb', kari.cookie)).read, LOG_NB).map((cells) => cells.slice(2));
    assert.ok(shown.some(([what, object]) => what === 'Godkjente navn' && object === '2 navn'));
    assert.ok(shown.some(([what, object]) => what === 'Avviste navn' && object === '1 navn'));
  });

  test('a decision link over 500 characters is told at its field, not dropped; one of 500 is kept', async () => {
    const kari = await asKari();
    const link = (n: number) => `https://www.bodo.kommune.no/vedtak/${'a'.repeat(n - 35)}`;
    assert.equal(link(501).length, 501);
    const res = await submit(
      '/admin/adoptions',
      { ...kari, lang: 'nb', municipality: '1804', date: '31.05.2023', link: link(501) },
      { cookie: kari.cookie },
    );
    assert.equal(res.status, 422);
    const read = readPage(await res.text());
    const tooLong = 'Lenken er for lang: den kan ha høyst 500 tegn. Bruk en kortere adresse til vedtaket.';
    const linkField = fieldOf(read, 'Lenke til vedtaket (valgfritt)');
    assert.equal(errorOf(read, linkField), tooLong);
    assert.deepEqual(summaryOf(read).links, [['#link', tooLong]], 'in the error summary');
    assert.equal(linkField.value, link(501), 'what was typed is still there to shorten');
    assert.equal(
      (await s.store.adoptions('2023')).find((a) => a.council === '1804'),
      undefined,
      'nothing recorded',
    );
    const nn = await submit(
      '/admin/adoptions',
      { ...kari, lang: 'nn', municipality: '1804', date: '31.05.2023', link: link(501) },
      { cookie: kari.cookie },
    );
    const nnPage = readPage(await nn.text());
    assert.match(
      errorOf(nnPage, fieldOf(nnPage, 'Lenke til vedtaket (valfritt)')),
      /^Lenka er for lang: ho kan ha høgst 500 teikn\./,
    );
    const kept = await submit(
      '/admin/adoptions',
      { ...kari, lang: 'nb', municipality: '1804', date: '31.05.2023', link: link(500) },
      { cookie: kari.cookie },
    );
    assert.equal(kept.status, 303);
    assert.equal((await s.store.adoptions('2023')).find((a) => a.council === '1804')?.link, link(500));
    await s.store.deleteAdoption('2023', '1804');
  });

  test('a control character (a NUL among them) in a field is told at that field; nothing is stored or looked up', async () => {
    const kari = await asKari();
    const adoptions = await s.store.adoptions('2023');
    for (const c of ['\u0000', '\u0001', '\t', '\u007f', '\u009f']) {
      const shown = JSON.stringify(c);
      const adopted = await submit(
        '/admin/adoptions',
        { ...kari, lang: 'nb', municipality: '1804', date: '31.05.2023', link: `https://bodo.kommune.no/vedtak${c}1` },
        { cookie: kari.cookie },
      );
      assert.equal(adopted.status, 422, shown);
      const read = readPage(await adopted.text());
      const linkField = fieldOf(read, 'Lenke til vedtaket (valgfritt)');
      assert.match(errorOf(read, linkField), /^Feltet har et usynlig kontrolltegn\./, shown);
      assert.equal(linkField.value, 'https://bodo.kommune.no/vedtak1', `${shown}: shown again without it`);
      for (const path of ['/admin/erasure/check', '/admin/erasure']) {
        const res = await submit(path, { ...kari, lang: 'nn', email: `ola.1${c}@example.no` }, { cookie: kari.cookie });
        assert.equal(res.status, 422, `${path} ${shown}`);
        const read = readPage(await res.text());
        assert.match(errorOf(read, fieldOf(read, 'E-postadresse')), /^Feltet har eit usynleg kontrollteikn\./, shown);
      }
    }
    const removed = await submit('/admin/adoptions/46%0001/remove', { ...kari, lang: 'nb' }, { cookie: kari.cookie });
    assert.equal(removed.status, 303, 'a code that is no council removes nothing');
    assert.deepEqual(await s.store.adoptions('2023'), adoptions);
  });

  test('statistics: by county, municipality and day, confirmed and not, with no names and no addresses', async () => {
    const kari = await asKari();
    const { html, read } = await page('/admin/statistics', kari.cookie);
    const counties = read.screen.getByRole('table', { name: STATS_BY_COUNTY });
    assert.ok(within(counties).getByRole('rowheader', { name: 'Vestland' }));
    assert.ok(within(counties).getByRole('columnheader', { name: 'Bekreftet' }));
    assert.doesNotMatch(textIn(html), /Ola Nordmann|@example\.no/);
    assert.doesNotMatch(html, /@example\.no/);
  });

  test('the audit log holds every action, who and when, and no signer’s address', async () => {
    const kari = await asKari();
    // The bearer-token API's actions are logged too, under the token's name.
    const api = { authorization: `Bearer ${ADMIN_TOKEN}` };
    assert.equal(
      (await post(`${s.url}/api/admin/adoptions`, { municipality: '5001', date: '2023-04-01' }, api)).status,
      201,
    );
    assert.deepEqual((await s.store.auditLog(1))[0]?.admin, 'API (ADMIN_TOKEN)');
    assert.equal((await fetch(`${s.url}/api/admin/adoptions/5001`, { method: 'DELETE', headers: api })).status, 204);
    const log = await s.store.auditLog(1000);
    const actions = new Set(log.map((entry) => entry.action));
    for (const action of [
      'sign-in',
      'sign-out',
      'adoption-recorded',
      'adoption-updated',
      'adoption-removed',
      'export',
      'erasure',
    ]) {
      assert.ok(actions.has(action as never), action);
    }
    assert.ok(log.every((entry) => [KARI, PER, LIV, 'API (ADMIN_TOKEN)'].includes(entry.admin)));
    assert.ok(log.some((entry) => entry.action === 'erasure' && entry.object === '1'));
    assert.doesNotMatch(JSON.stringify(log), /example\.no|ola\./i);
    const { html, read } = await page('/admin/log?lang=nn', kari.cookie);
    const what = rowsOf(read, LOG_NN).map((cells) => cells[2]);
    assert.ok(what.includes('Sletta opplysningar om ein person'));
    assert.ok(what.includes('Registrerte eit vedtak'));
    assert.doesNotMatch(html, /example\.no/);
  });

  test('the audit log pages through every entry, however many came since', async () => {
    const kari = await asKari();
    const total = await s.store.auditCount();
    // 150 exports after everything the tests before did: the first entry, a sign-in, is far down.
    const api = { authorization: `Bearer ${ADMIN_TOKEN}` };
    for (let i = 0; i < 150; i++)
      await (await fetch(`${s.url}/api/admin/signatures.csv`, { headers: api })).arrayBuffer();
    const pages = Math.ceil((total + 150) / 100);
    const entries = (read: ReadPage, caption = LOG_NB) => rowsOf(read, caption).length;
    /** The log's pages, as its navigation (named by aria-label) says them. */
    const paging = (read: ReadPage, name: string) => within(read.screen.getByRole('navigation', { name }));
    const first = await page('/admin/log?lang=nb', kari.cookie);
    assert.equal(entries(first.read), 100);
    assert.ok(paging(first.read, 'Sider i loggen').getByText(`Side 1 av ${pages}`));
    const older = paging(first.read, 'Sider i loggen').getByRole('link', { name: 'Eldre hendelser' });
    assert.equal(older.getAttribute('href'), '/admin/log?lang=nb&page=2');
    assert.equal(older.getAttribute('rel'), 'next');
    assert.equal(first.read.screen.queryByRole('link', { name: 'Nyere hendelser' }), null);
    const last = await page(`/admin/log?lang=nn&page=${pages}`, kari.cookie);
    assert.equal(entries(last.read, LOG_NN), (total + 150) % 100 || 100);
    assert.equal(last.read.screen.getByRole('link', { name: 'Nyare hendingar' }).getAttribute('rel'), 'prev');
    assert.equal(last.read.screen.queryByRole('link', { name: 'Eldre hendingar' }), null);
    // The oldest entry of all is on the last page: Kari's first sign-in.
    assert.deepEqual(rowsOf(last.read, LOG_NN).at(-1)?.slice(1, 3), [KARI, 'Logga inn']);
    let seen = 0;
    for (let n = 1; n <= pages; n++) seen += entries((await page(`/admin/log?page=${n}`, kari.cookie)).read);
    assert.equal(seen, total + 150, 'every entry on some page');
    // A page number that is not one gives the first or the last page.
    assert.match(textOf((await page('/admin/log?page=x', kari.cookie)).read), /Side 1 av/);
    assert.match(
      textOf((await page('/admin/log?page=999999', kari.cookie)).read),
      new RegExp(`Side ${pages} av ${pages}`),
    );
  });

  test('an address gets at most 5 links a quarter of an hour; beyond that, the same answer and no mail', async () => {
    // Kari has asked 3 times by now; Per 3 times.
    await requestLink(KARI);
    await requestLink(KARI);
    await until(() => s.mail.mails.filter((m) => m.to === KARI).length === 5, 'five mails to Kari');
    const res = await requestLink(KARI);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/admin/check-mail?lang=nb');
    // A listed address asked after it is mailed, so the refused one would have arrived first.
    await requestLink('Per.Admin@ks.no');
    await until(() => s.mail.mails.filter((m) => m.to === PER).length === 4, 'the mail to Per');
    assert.equal(s.mail.mails.filter((m) => m.to === KARI).length, 5);
  });

  test('a session ends after its idle time, and after its whole lifetime, whatever its use', async () => {
    const kari = await asKari();
    const idle = s.config.adminIdleMinutes * 60_000;
    // Almost idle twice over: each request starts the idle time again (sliding).
    await testHooks(s.store).ageAdminSessions(idle - 60_000, 0);
    assert.equal((await page('/admin/log', kari.cookie)).status, 200);
    await testHooks(s.store).ageAdminSessions(idle - 60_000, 0);
    assert.equal((await page('/admin/log', kari.cookie)).status, 200);
    await testHooks(s.store).ageAdminSessions(idle + 1000, 0);
    assert.equal((await page('/admin/log', kari.cookie)).status, 303);
    // Signing out still works with the session run out: the cookie goes.
    const out = await submit('/admin/sign-out', { ...kari, lang: 'nb' }, { cookie: kari.cookie });
    assert.equal(out.status, 303);
    assert.equal(out.headers.get('location'), '/admin/signed-out?lang=nb');
    assert.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/);
    kariSession = undefined;
    // Taken off the list: the session ends with it.
    const list = s.config.adminEmails;
    const liv = await signIn(LIV);
    s.config.adminEmails = [KARI, PER];
    try {
      assert.equal((await page('/admin/log', liv.cookie)).status, 303);
    } finally {
      s.config.adminEmails = list;
    }
    // Used a moment ago, but older than the session may get.
    const per = await signIn(PER);
    await testHooks(s.store).ageAdminSessions(0, s.config.adminSessionHours * 3600_000 + 1000);
    assert.equal((await page('/admin/log', per.cookie)).status, 303);
  });
});

test('asking for a sign-in link takes as long for a listed address as for an unknown one', async () => {
  // Distinct listed addresses, so that each one takes the whole path (stored, mailed) and none is
  // held back by the per-address limit.
  const listed = Array.from({ length: 600 }, (_, i) => `admin${i}@ks.no`);
  const s = await startService({ ADMIN_EMAILS: listed.join(',') });
  try {
    const time = async (email: string) => {
      const t = process.hrtime.bigint();
      const res = await fetch(`${s.url}/admin/sign-in-link`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': FORM, origin: s.url },
        body: new URLSearchParams({ email, lang: 'nb' }).toString(),
      });
      await res.arrayBuffer();
      assert.equal(res.status, 303);
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    for (let i = 0; i < 20; i++) await time(`warm${i}@example.no`);
    await assertAlikeTiming(
      ['listed', (round, i) => time(listed[round * 200 + i])],
      ['unknown', (round, i) => time(`stranger${round}-${i}@example.no`)],
    );
  } finally {
    await s.dispose();
  }
});

test('the admin page takes its forms by schema: an over-long address gets the field’s own message, and never reaches the store', async () => {
  const s = await startService({ ADMIN_EMAILS: KARI, LOG_LEVEL: 'debug' }, { transport: 'inject' });
  try {
    const requested = s.store.adminLinkRequested.bind(s.store);
    let asked = 0;
    s.store.adminLinkRequested = (...args) => (asked++, requested(...args));
    const email = `${'k'.repeat(255 - '@ks.no'.length)}@ks.no`;
    const res = await fetch(`${s.url}/admin/sign-in-link`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': FORM, origin: new URL(s.config.publicUrl).origin, 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ email, lang: 'nn' }).toString(),
    });
    // As for an empty field: the page again, in nynorsk, with the field's own message at it.
    assert.equal(res.status, 422);
    const read = readPage(await res.text());
    assert.equal(read.lang, 'nn');
    const field = read.screen.getByRole('textbox', { name: /E-postadressa di/ });
    assert.equal(errorOf(read, field), 'Skriv e-postadressa di.');
    assert.equal(asked, 0, 'the over-long address never reached the store');
    assert.match(s.logs.join(''), /"refused":\["email"\].*page input refused by its schema/);
  } finally {
    await s.dispose();
  }
});
