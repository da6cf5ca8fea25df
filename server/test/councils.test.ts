// The councils page (GET /kommunar) and its open data (GET /api/councils, /api/councils.csv)
// against the real service: content in bokmål and nynorsk, adoptions, sorting and search without
// script, names only by consent (and gone after withdrawal and erasure), no address ever, the page
// and the data in agreement, and the headers that make both cacheable and safe.
import { within } from '@testing-library/dom';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { campaignsDir, day } from './campaigns-dir.js';
import { after, before, describe, test } from 'node:test';
import { councilsPage } from '../councils/page.js';
import { renderHtml } from '../pages/template.js';
import { tableQuery } from '../councils/table.js';
import { councilsView, webLink } from '../councils/view.js';
import { hashToken } from '../signing/tokens.js';
import {
  ADMIN_TOKEN,
  approveNames,
  linkIn,
  post,
  pressButtonBehind,
  request,
  signer,
  startService,
  type Service,
} from './harness.js';
import { readPage, textOf, type ReadPage } from './page.js';
import { LOOK_PATH } from '../pages/look.js';

interface Entry {
  code: string;
  council: string;
  name: string;
  officialName: string | null;
  kind: string;
  countyCode: string;
  countyName: string;
  adoptedOn: string | null;
  decisionUrl: string | null;
  signatures: number;
  names: { name: string; role: string }[];
}

/** A row of the page's table of councils, as a reader sees it. */
interface Row {
  code: string;
  label: string;
  county: string;
  adopted: string;
  signers: number;
  names: string[];
}

/** An element's text as a reader sees it: without what only a screen reader hears, spaces as one. */
function seen(element: Element | null | undefined): string {
  if (!element) return '';
  const copy = element.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('.ds-sr-only')) hidden.remove();
  return copy.textContent.replace(/\s+/g, ' ').trim();
}

/** The table of councils: the one whose caption says how it is sorted. */
const councilsTableOf = (page: ReadPage) =>
  page.screen.queryByRole('table', { name: /^Kommun(er|ar) og fylkeskommun(er|ar), sorter/ });

function rowsOf(html: string): Row[] {
  const table = councilsTableOf(readPage(html));
  if (!table) return [];
  return within(table)
    .getAllByRole('row')
    .filter((row) => row.parentElement?.tagName === 'TBODY')
    .map((row) => {
      const [label, county, adopted, signers, names] = [...row.children];
      return {
        code: row.id.replace(/^k/, ''),
        label: seen(label),
        county: seen(county),
        adopted: seen(adopted),
        signers: Number(seen(signers).replace(/\s/g, '')),
        names: [...names.querySelectorAll('li')].map((li) => seen(li)),
      };
    });
}

function countiesOf(html: string): Record<string, number[]> {
  const table = readPage(html).screen.getByRole('table', { name: /, per fylke$/ });
  return Object.fromEntries(
    within(table)
      .getAllByRole('row')
      .filter((row) => row.parentElement?.tagName === 'TBODY')
      .map((row) => {
        const [name, ...cells] = [...row.children];
        return [seen(name), cells.map((cell) => Number(seen(cell).replace(/\s/g, '')))];
      }),
  );
}

/** The sorted column's header: how it is sorted, and its name. */
function sortedTh(html: string): string[] | undefined {
  const header = readPage(html)
    .screen.queryAllByRole('columnheader')
    .find((th) => th.hasAttribute('aria-sort'));
  return header
    ? [header.getAttribute('aria-sort') ?? '', seen(header.querySelector('a')).replace(/[▲▼]$/, '')]
    : undefined;
}

describe('the councils page and its open data', () => {
  let s: Service;
  const page = async (query = '') => {
    const res = await fetch(`${s.url}/kommunar${query}`);
    assert.equal(res.status, 200, query);
    return res.text();
  };
  const json = async () => (await (await fetch(`${s.url}/api/councils`)).json()) as Entry[];
  const csv = async () => (await fetch(`${s.url}/api/councils.csv`)).text();
  /** What a reader, a program and a spreadsheet see, together. */
  const everywhere = async () =>
    `${await page()}\n${await page('?lang=nn')}\n${JSON.stringify(await json())}\n${await csv()}`;
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

  /** Signs (and, unless told, confirms); returns the mail's withdraw link. */
  async function sign(n: string, extra: Record<string, unknown>, confirm = true): Promise<string> {
    const res = await post(`${s.url}/api/signatures`, signer(n, extra));
    assert.equal(res.status, 202);
    const mail = await s.mail.mailTo(`ola.${n}@example.no`);
    if (confirm) assert.ok((await pressButtonBehind(linkIn(mail, 'confirm'))).ok);
    return linkIn(mail, 'withdraw');
  }

  before(async () => {
    s = await startService();
    // Bergen (4601) with a link, Oslo (given as its county code) without one, Hattfjelldal the oldest.
    for (const adoption of [
      { municipality: '4601', date: '2024-03-12', link: 'https://www.bergen.kommune.no/vedtak?id=1&x="<b>' },
      { municipality: '03', date: '2024-05-02' },
      { municipality: '1826', date: '2023-09-30' },
    ]) {
      assert.equal((await post(`${s.url}/api/admin/adoptions`, adoption, admin)).status, 201);
    }
    await sign('b1', { municipality: '4601' });
    await sign('b2', { municipality: '4601', role: 'candidate' });
    await sign('v', { municipality: '46' });
    await sign('o', { municipality: '03' });
    await sign('k', { municipality: '5612' });
  });
  after(() => s.dispose());

  test('in bokmål: one h1, the title, the language link, every council in the table, the links out', async () => {
    const html = await page();
    const read = readPage(html);
    assert.equal(read.lang, 'nb');
    // One h1 (readPage counts them), the page's title.
    assert.equal(read.heading, 'Kommuner og fylkeskommuner i Valgløftet 2023');
    const other = read.screen.getByRole('link', { name: 'Denne sida på nynorsk' });
    assert.equal(other.getAttribute('href'), '/kommunar?lang=nn');
    assert.equal(other.getAttribute('hreflang'), 'nn');
    assert.equal(other.getAttribute('lang'), 'nn');
    assert.match(
      read.document.querySelector('link[rel="alternate"][hreflang="nn"]')?.getAttribute('href') ?? '',
      /^http:\/\/[^"]+\/kommunar\?lang=nn$/,
    );
    assert.equal(rowsOf(html).length, 372);
    assert.ok(read.screen.getByRole('searchbox', { name: 'Søk etter kommune eller fylkeskommune' }));
    assert.ok(councilsTableOf(read));
    for (const [name, href, type] of [
      ['JSON', '/api/councils', 'application/json'],
      ['CSV for regneark', '/api/councils.csv', 'text/csv'],
    ]) {
      const link = read.screen.getByRole('link', { name });
      assert.equal(link.getAttribute('href'), href);
      assert.equal(link.getAttribute('type'), type);
    }
    assert.ok(read.screen.getAllByRole('link').some((a) => a.getAttribute('href') === '/embed/builder'));
    // The one look of the service's pages, and nothing inline: no script, no style.
    const sheets = [...read.document.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.getAttribute('href'));
    assert.deepEqual(sheets, [LOOK_PATH]);
    assert.equal(read.document.querySelectorAll('script, style, [style]').length, 0);
  });

  test('in nynorsk: the same page in nynorsk, linking back to bokmål', async () => {
    const html = await page('?lang=nn');
    const read = readPage(html);
    assert.equal(read.lang, 'nn');
    assert.equal(read.heading, 'Kommunar og fylkeskommunar i Valgløftet 2023');
    const other = read.screen.getByRole('link', { name: 'Denne siden på bokmål' });
    assert.deepEqual(
      ['href', 'hreflang', 'lang'].map((a) => other.getAttribute(a)),
      ['/kommunar', 'nb', 'nb'],
    );
    const said = textOf(read);
    assert.match(said, /Desse har vedteke Valgløftet/);
    assert.match(said, /folkevalde og kandidatar/);
    assert.match(said, /vedteke 12\.\smars\s2024/);
    const bergen = read.screen.getByText((_, el) => el?.tagName === 'LI' && seen(el).startsWith('Bergen,'));
    assert.equal(bergen.querySelector('time')?.getAttribute('datetime'), '2024-03-12');
    assert.ok(read.screen.getAllByRole('link').some((a) => a.getAttribute('href') === '/embed/builder?lang=nn'));
    const search = read.screen.getByRole('search');
    assert.equal(search.querySelector<HTMLInputElement>('input[type="hidden"][name="lang"]')?.value, 'nn');
    assert.equal(rowsOf(html).length, 372);
    // The sort links keep the language.
    assert.equal(
      read.screen.getByRole('link', { name: 'Fylke' }).getAttribute('href'),
      '/kommunar?lang=nn&sort=county&order=asc#councils-table',
    );
  });

  test('a description in each language, and an absolute link to the other language (issue 24, item 8)', async () => {
    for (const [query, other, href, description] of [
      ['', 'nn', '/kommunar?lang=nn', 'Kommunene og fylkeskommunene som har vedtatt Valgløftet 2023 fra KS'],
      [
        '?lang=nn&q=Berg',
        'nb',
        '/kommunar?q=Berg',
        'Kommunane og fylkeskommunane som har vedteke Valgløftet 2023 frå KS',
      ],
    ]) {
      const { document } = readPage(await page(query));
      const content = document.head.querySelector('meta[name="description"]')?.getAttribute('content') ?? '';
      assert.ok(content.startsWith(description) && content.length > description.length, content);
      const link = document.head.querySelector(`link[rel="alternate"][hreflang="${other}"]`);
      assert.equal(link?.getAttribute('href'), `${s.url}${href}`);
    }
  });

  test('the adoptions: newest first, with the date in words and the link to the decision', async () => {
    const html = await page();
    const read = readPage(html);
    const list = within(read.screen.getByRole('region', { name: 'Disse har vedtatt Valgløftet' }));
    const items = list.getAllByRole('listitem');
    assert.deepEqual(
      items.map((li) => seen(li)),
      [
        'Oslo, vedtatt 2. mai 2024.',
        'Bergen, vedtatt 12. mars 2024. Les vedtaket',
        'Aarborte – Hattfjelldal, vedtatt 30. september 2023.',
      ],
    );
    // The link to the decision, named with its council for a screen reader (jsdom joins the hidden
    // words without their space); the address as recorded.
    const decision = within(items[1]).getByRole('link', { name: /^Les vedtaket ?\(Bergen\)$/ });
    assert.equal(decision.getAttribute('href'), 'https://www.bergen.kommune.no/vedtak?id=1&x=%22%3Cb%3E');
    assert.equal(decision.getAttribute('rel'), 'noopener noreferrer nofollow');
    const rows = rowsOf(html);
    assert.equal(rows.find((r) => r.code === '4601')?.adopted, '12. mars 2024');
    // Oslo is one council under both its codes; a council without a decision says so in words.
    assert.equal(rows.find((r) => r.code === '0301')?.adopted, '2. mai 2024');
    assert.equal(rows.find((r) => r.code === '03')?.adopted, '2. mai 2024');
    const kautokeino = read.document.getElementById('k5612');
    assert.equal(rows.find((r) => r.code === '5612')?.adopted, '–');
    assert.equal(kautokeino?.querySelector('[aria-hidden="true"]')?.textContent, '–');
    assert.ok(within(kautokeino).getByText('ikke registrert'));
    // Only http and https links are ever linked.
    assert.equal(webLink('javascript:alert(1)'), null);
    assert.equal(webLink('data:text/html,x'), null);
    assert.equal(webLink('http://example.no/vedtak'), 'http://example.no/vedtak');
  });

  test('the table sorts by each column, both ways, by links; a bad sort falls back quietly', async () => {
    const nb = (a: string, b: string) => a.localeCompare(b, 'nb');
    const checks: Record<string, (a: Row, b: Row) => boolean> = {
      'name asc': (a, b) => nb(a.label, b.label) <= 0,
      'name desc': (a, b) => nb(a.label, b.label) >= 0,
      'county asc': (a, b) => nb(a.county, b.county) <= 0,
      'county desc': (a, b) => nb(a.county, b.county) >= 0,
      'signers asc': (a, b) => a.signers <= b.signers,
      'signers desc': (a, b) => a.signers >= b.signers,
    };
    for (const [sortOrder, inOrder] of Object.entries(checks)) {
      const [sort, order] = sortOrder.split(' ');
      const html = await page(`?sort=${sort}&order=${order}`);
      const rows = rowsOf(html);
      assert.equal(rows.length, 372, sortOrder);
      rows.slice(1).forEach((row, i) => {
        assert.ok(inOrder(rows[i], row), `${sortOrder}: ${rows[i].label} before ${row.label}`);
      });
      assert.equal(sortedTh(html)?.[0], order === 'asc' ? 'ascending' : 'descending', sortOrder);
    }
    assert.deepEqual(
      rowsOf(await page('?sort=signers&order=desc'))
        .slice(0, 3)
        .map((r) => [r.code, r.signers]),
      [
        ['4601', 2],
        ['5612', 1],
        ['0301', 1],
      ],
    );
    // Adopted: newest first (or oldest), and councils with no decision last either way.
    const adoptedDesc = rowsOf(await page('?sort=adopted&order=desc')).map((r) => r.code);
    assert.deepEqual(adoptedDesc.slice(0, 4), ['0301', '03', '4601', '1826']);
    const adoptedAsc = rowsOf(await page('?sort=adopted&order=asc')).map((r) => r.code);
    assert.deepEqual(adoptedAsc.slice(0, 4), ['1826', '4601', '0301', '03']);
    // Each header links to its sort; the sorted one to the other order, and says how it is sorted.
    const html = await page();
    assert.deepEqual(sortedTh(html), ['ascending', 'Kommune']);
    const sortLink = (read: ReadPage, name: string) =>
      read.screen.getByRole('link', { name: new RegExp(`^${name}`) }).getAttribute('href');
    const read = readPage(html);
    assert.equal(sortLink(read, 'Kommune'), '/kommunar?sort=name&order=desc#councils-table');
    assert.equal(sortLink(read, 'Har sluttet seg til'), '/kommunar?sort=signers&order=desc#councils-table');
    const caption = (html: string) => councilsTableOf(readPage(html))?.querySelector('caption')?.textContent;
    assert.equal(caption(html), 'Kommuner og fylkeskommuner, sortert etter navn, fra A til Å');
    assert.match(
      caption(await page('?sort=adopted&order=desc')) ?? '',
      /sortert etter dato for vedtaket, nyeste først$/,
    );
    assert.match(
      caption(await page('?sort=signers&order=desc&lang=nn')) ?? '',
      /sorterte etter kor mange som har slutta seg til, flest først$/,
    );
    // Nonsense and repeats: the default, not an error.
    for (const query of ['?sort=evil&order=sideways', '?sort=name&sort=county', '?order=%3Cx%3E', '?sort[]=name']) {
      const bad = await page(query);
      assert.deepEqual(
        rowsOf(bad).map((r) => r.code),
        rowsOf(html).map((r) => r.code),
        query,
      );
    }
    // An order alone applies to the default column.
    assert.equal(rowsOf(await page('?order=desc'))[0].label, rowsOf(html).at(-1)?.label);
  });

  test('the search finds a municipality by its Sámi or Kven name, its name or its code', async () => {
    for (const [q, code] of [
      ['Guovdageaidnu', '5612'],
      ['guovdageaidnu', '5612'],
      ['karasjohka', '5610'], // Kárášjohka, typed without its accents
      ['Porsanki', '5622'], // the Kven name of Porsanger
      ['Tråante', '5001'],
      ['5612', '5612'],
    ]) {
      const html = await page(`?q=${encodeURIComponent(q)}`);
      const rows = rowsOf(html);
      assert.deepEqual(
        rows.map((r) => r.code),
        [code],
        q,
      );
      const read = readPage(html);
      assert.match(textOf(read), new RegExp(`1 treff for «${q}»`));
      assert.equal(read.screen.getByRole<HTMLInputElement>('searchbox').value, q);
    }
    const nn = await page('?lang=nn&q=Kautokeino&sort=signers&order=desc');
    assert.equal(rowsOf(nn)[0].label, 'Guovdageaidnu – Kautokeino');
    // The search keeps the order chosen, and the sort links keep the search.
    const nnRead = readPage(nn);
    const kept = nnRead.screen.getByRole('search').querySelectorAll<HTMLInputElement>('input[type="hidden"]');
    assert.deepEqual(
      [...kept].map((input) => [input.name, input.value]),
      [
        ['lang', 'nn'],
        ['sort', 'signers'],
        ['order', 'desc'],
      ],
    );
    assert.equal(
      nnRead.screen.getByRole('link', { name: 'Kommune' }).getAttribute('href'),
      '/kommunar?lang=nn&q=Kautokeino#councils-table',
    );
    // Several hits, counted.
    assert.match(textOf(readPage(await page('?q=fylkeskommune'))), /15 treff for «fylkeskommune»/);
  });

  test('a search that finds nothing says so, in both languages, and shows no empty table', async () => {
    const nb = readPage(await page('?q=Atlantis'));
    assert.match(textOf(nb), /Ingen kommune eller fylkeskommune passer til «Atlantis»\./);
    assert.equal(councilsTableOf(nb), null);
    assert.equal(nb.screen.getByRole('link', { name: 'Vis alle' }).getAttribute('href'), '/kommunar#councils-table');
    assert.match(
      textOf(readPage(await page('?lang=nn&q=Atlantis'))),
      /Ingen kommune eller fylkeskommune passar til «Atlantis»\./,
    );
  });

  test('a sort or a search is named in the title and brings the reader to its result (issue 24, item 7)', async () => {
    const title = (html: string) => readPage(html).title.replace(/\s+/g, ' ');
    assert.equal(title(await page()), 'Kommuner og fylkeskommuner i Valgløftet 2023');
    assert.equal(
      title(await page('?sort=signers&order=desc')),
      'Kommuner og fylkeskommuner i Valgløftet 2023, sortert etter hvor mange som har sluttet seg til, flest først',
    );
    assert.equal(
      title(await page('?lang=nn&sort=name&order=desc&q=fylkeskommune')),
      '15 treff for «fylkeskommune» – Kommunar og fylkeskommunar i Valgløftet 2023, sorterte etter namn, frå Å til A',
    );
    assert.equal(
      title(await page('?q=Atlantis')),
      '0 treff for «Atlantis» – Kommuner og fylkeskommuner i Valgløftet 2023',
    );
    // The sorting links lead to the table, a region that takes focus and is named by its caption
    // (which says the order); the search leads to its result, which takes focus too.
    const read = readPage(await page('?q=Berg'));
    const region = read.screen.getByRole('region', { name: /^Kommuner og fylkeskommuner, sortert etter navn/ });
    assert.equal(region.id, 'councils-table');
    assert.equal(region.getAttribute('tabindex'), '0');
    assert.ok(within(region).getByRole('table'));
    const sortLinks = read.screen
      .getAllByRole('columnheader')
      .flatMap((th) => within(th).queryAllByRole('link'))
      .map((a) => a.getAttribute('href') ?? '');
    assert.equal(sortLinks.length, 4);
    for (const href of sortLinks) assert.match(href, /#councils-table$/);
    const search = read.screen.getByRole('search');
    assert.equal(search.getAttribute('method'), 'get');
    assert.equal(search.getAttribute('action'), '/kommunar#hits');
    const hits = read.document.getElementById('hits');
    assert.equal(hits?.getAttribute('tabindex'), '-1');
    assert.match(seen(hits), /^\d+ treff for «Berg» Vis alle$/);
    assert.equal(within(hits).getByRole('link', { name: 'Vis alle' }).getAttribute('href'), '/kommunar#councils-table');
    // The search box is described by its hint and by the result.
    assert.equal(read.screen.getByRole('searchbox').getAttribute('aria-describedby'), 'q-hint hits');
  });

  test('a hostile search is echoed only as text', async () => {
    const hostile = `"><script>alert(1)</script><img src=x onerror=alert(2)>'{n}`;
    const html = await page(`?q=${encodeURIComponent(hostile)}`);
    assert.doesNotMatch(html, /<script|<img|onerror=alert\(2\)>/);
    // The search is there as text, where a reader meets it, and no element was made of it.
    const read = readPage(html);
    assert.equal(read.document.querySelectorAll('script, img, [onerror]').length, 0);
    assert.equal(read.screen.getByRole<HTMLInputElement>('searchbox').value, hostile);
    assert.ok(textOf(read).includes(`passer til «${hostile}»`));
    assert.ok(read.title.startsWith(`0 treff for «${hostile}» – `));
    // In the language link the search stays a query value.
    assert.ok(
      read.screen
        .getByRole('link', { name: 'Denne sida på nynorsk' })
        .getAttribute('href')
        ?.startsWith('/kommunar?lang=nn&q=%22%3E%3Cscript%3Ealert%281%29'),
    );
    // Longer than 100 characters: cut, not refused.
    const long = readPage(await page(`?q=${'x'.repeat(5000)}`));
    assert.equal(long.screen.getByRole<HTMLInputElement>('searchbox').value, 'x'.repeat(100));
  });

  test('names: only by consent and only once confirmed; gone after withdrawal and erasure; never an address', async () => {
    const before = (await json()).find((c) => c.code === '1840')?.signatures;
    assert.equal(before, 0);
    // Saltdal (1840): one signs without consent, one with it, and neither has confirmed yet.
    await sign('quiet', { municipality: '1840', name: 'Stille Signe' }, false);
    await sign('shown', { municipality: '1840', name: 'Synnøve Synlig', showName: true }, false);
    assert.doesNotMatch(await everywhere(), /Stille Signe|Synnøve Synlig/);
    assert.equal((await json()).find((c) => c.code === '1840')?.signatures, 0);

    const mails = s.mail.mails.filter((m) => /ola\.(quiet|shown)@/.test(m.to));
    for (const mail of mails) assert.ok((await pressButtonBehind(linkIn(mail, 'confirm'))).ok);
    // Confirmed and consented, but shown nowhere until KS has approved the name; counted at once.
    assert.doesNotMatch(await everywhere(), /Stille Signe|Synnøve Synlig/);
    assert.equal((await json()).find((c) => c.code === '1840')?.signatures, 2);
    assert.equal(await approveNames(s.url), 1, 'only the name with consent waits');
    const all = await everywhere();
    assert.doesNotMatch(all, /Stille Signe/);
    assert.match(all, /Synnøve Synlig/);
    const entry = (await json()).find((c) => c.code === '1840');
    assert.equal(entry?.signatures, 2);
    assert.deepEqual(entry.names, [{ name: 'Synnøve Synlig', role: 'elected' }]);
    assert.deepEqual(rowsOf(await page('?q=Saltdal'))[0].names, ['Synnøve Synlig, folkevalgt']);
    assert.deepEqual(rowsOf(await page('?lang=nn&q=Saltdal'))[0].names, ['Synnøve Synlig, folkevald']);
    assert.match(
      await csv(),
      /"1840","1840","Saltdal","","municipality","18","Nordland","","","2","Synnøve Synlig \(elected\)"/,
    );
    // No address of anyone, anywhere: not even an @.
    assert.doesNotMatch(all, /@|example\.no/);

    // Consent withdrawn (the store's hideName, behind the withdraw link's second button): the name
    // goes at once from this process, the signature stays.
    const shownMail = s.mail.mails.findLast((m) => m.to.startsWith('ola.shown@'));
    assert.ok(shownMail);
    const token = new URL(linkIn(shownMail, 'withdraw')).searchParams.get('token') ?? '';
    assert.ok(await s.store.hideName(hashToken(token)));
    assert.doesNotMatch(await everywhere(), /Synnøve Synlig/);
    assert.equal((await json()).find((c) => c.code === '1840')?.signatures, 2);

    // The whole signature withdrawn by its owner.
    await sign('gone', { municipality: '1840', name: 'Gunnar Går', showName: true });
    await approveNames(s.url);
    assert.match(await everywhere(), /Gunnar Går/);
    const gone = s.mail.mails.findLast((m) => m.to.startsWith('ola.gone@'));
    assert.ok(gone);
    assert.ok((await pressButtonBehind(linkIn(gone, 'withdraw'))).ok);
    assert.doesNotMatch(await everywhere(), /Gunnar Går/);

    // Erased by KS's admin.
    await sign('erased', { municipality: '1840', name: 'Eirin Erased', showName: true, role: 'candidate' });
    await approveNames(s.url);
    assert.ok(rowsOf(await page('?q=Saltdal'))[0].names.includes('Eirin Erased, kandidat ved valget'));
    const res = await post(`${s.url}/api/admin/erasures`, { email: 'ola.erased@example.no' }, admin);
    assert.deepEqual(await res.json(), { erased: 1 });
    assert.doesNotMatch(await everywhere(), /Eirin Erased/);
    // Left: the two who signed first, one of them no longer shown.
    assert.equal((await json()).find((c) => c.code === '1840')?.signatures, 2);
  });

  test('the open data says what the page says: every council, its signers, adoption and names; the counties', async () => {
    await sign('csv', { municipality: '5612', name: '=HYPERLINK("x";"y") Nordmann', showName: true });
    await approveNames(s.url);
    const [html, entries, sheet] = await Promise.all([page(), json(), csv()]);
    assert.equal(entries.length, 372);
    const rows = new Map(rowsOf(html).map((r) => [r.code, r]));
    const lines = sheet
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    assert.equal(
      lines[0],
      '"code","council","name","officialName","kind","countyCode","countyName","adoptedOn","decisionUrl","signatures","names"',
    );
    assert.equal(lines.length, 373);
    for (const [i, e] of entries.entries()) {
      const row = rows.get(e.code);
      assert.ok(row, e.code);
      assert.equal(row.signers, e.signatures, e.code);
      assert.equal(row.county, e.countyName, e.code);
      assert.deepEqual(
        row.names.map((n) => n.split(', ')[0]),
        e.names.map((n) => n.name),
        e.code,
      );
      assert.equal(row.adopted !== '–', e.adoptedOn !== null, e.code);
      // The CSV row holds the same (a name starting a formula defused).
      const cells = [...lines[i + 1].matchAll(/"((?:[^"]|"")*)"/g)].map(([, v]) => v.replace(/""/g, '"'));
      assert.deepEqual(cells.slice(0, 10), [
        e.code,
        e.council,
        e.name,
        e.officialName ?? '',
        e.kind,
        e.countyCode,
        e.countyName,
        e.adoptedOn ?? '',
        e.decisionUrl ?? '',
        String(e.signatures),
      ]);
      assert.equal(cells[10].replace(/^'/, ''), e.names.map((n) => `${n.name} (${n.role})`).join('; '));
    }
    assert.deepEqual(
      entries.filter((e) => e.adoptedOn).map((e) => [e.code, e.adoptedOn, e.decisionUrl]),
      [
        ['1826', '2023-09-30', null],
        ['4601', '2024-03-12', 'https://www.bergen.kommune.no/vedtak?id=1&x=%22%3Cb%3E'],
        ['03', '2024-05-02', null],
        ['0301', '2024-05-02', null],
      ].sort((a, b) => entries.findIndex((e) => e.code === a[0]) - entries.findIndex((e) => e.code === b[0])),
    );
    assert.match(sheet, /"'=HYPERLINK\(""x"";""y""\) Nordmann \(elected\)"/);
    // Per county, each council once (Oslo's two codes are one council): the page's totals.
    const counties = countiesOf(html);
    for (const county of entries.filter((e) => e.kind === 'county')) {
      const councils = entries.filter((e) => e.countyCode === county.code && e.council === e.code);
      const fromMunicipalities = councils
        .filter((e) => e.kind === 'municipality')
        .reduce((n, e) => n + e.signatures, 0);
      const fromCounty = councils.filter((e) => e.kind === 'county').reduce((n, e) => n + e.signatures, 0);
      assert.deepEqual(
        counties[county.name],
        [fromMunicipalities, fromCounty, fromMunicipalities + fromCounty],
        county.name,
      );
    }
    assert.deepEqual(counties.Vestland, [2, 1, 3]);
    assert.deepEqual(counties.Oslo, [1, 0, 1]);
    const total = Object.values(counties).reduce((n, [, , t]) => n + t, 0);
    assert.equal(total, ((await (await fetch(`${s.url}/api/count`)).json()) as { signatures: number }).signatures);
  });

  test('headers: strict CSP, never framed, cached a minute with an ETag and 304; the data open to every origin', async () => {
    for (const path of ['/kommunar', '/kommunar?lang=nn&sort=signers', '/api/councils', '/api/councils.csv']) {
      const res = await fetch(`${s.url}${path}`);
      await res.arrayBuffer();
      assert.equal(res.headers.get('cache-control'), 'public, max-age=60, must-revalidate', path);
      // No search engine keeps a copy (names must go within a minute); the data is not indexed.
      assert.equal(
        res.headers.get('x-robots-tag'),
        path.startsWith('/api/') ? 'noindex, noarchive' : 'noarchive',
        path,
      );
      const etag = res.headers.get('etag');
      assert.ok(etag, path);
      const again = await fetch(`${s.url}${path}`, { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304, path);
      assert.equal(again.headers.get('etag'), etag, path);
      assert.equal(again.headers.get('cache-control'), 'public, max-age=60, must-revalidate', path);
      // Compressed for a client that takes it (fetch asks for gzip and brotli), and said to vary so.
      assert.match(res.headers.get('content-encoding') ?? '', /^(br|gzip)$/, path);
      assert.match(res.headers.get('vary') ?? '', /accept-encoding/, path);
      const open = path.startsWith('/api/');
      assert.equal(res.headers.get('access-control-allow-origin'), open ? '*' : null, path);
      if (!open) {
        const csp = res.headers.get('content-security-policy') ?? '';
        assert.match(csp, /default-src 'none'/);
        assert.match(csp, /style-src 'self'(;|$)/);
        assert.match(csp, /frame-ancestors 'none'/);
        assert.doesNotMatch(csp, /unsafe|script-src/);
        assert.equal(res.headers.get('x-frame-options'), 'DENY');
      }
    }
    const sheet = await fetch(`${s.url}/api/councils.csv`);
    assert.equal(sheet.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(sheet.headers.get('content-disposition'), 'attachment; filename="valgloftet-kommunar.csv"');
    assert.deepEqual([...new Uint8Array(await sheet.arrayBuffer()).slice(0, 3)], [0xef, 0xbb, 0xbf]);
    // A change shows at once: a new ETag.
    const first = (await fetch(`${s.url}/api/councils`)).headers.get('etag');
    await post(`${s.url}/api/admin/adoptions`, { municipality: '5612', date: '2024-01-05' }, admin);
    assert.notEqual((await fetch(`${s.url}/api/councils`)).headers.get('etag'), first);
    // The page's own rules are in the one look, under its class; its old stylesheet is gone.
    const look = await fetch(`${s.url}${LOOK_PATH}`);
    assert.equal(look.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.match(await look.text(), /\.councils \.search-row/);
    assert.equal((await fetch(`${s.url}/kommunar.css`)).status, 404);
  });

  test('the whole table renders in a few milliseconds', async () => {
    const view = await councilsView(s.store, s.app.campaigns.current());
    const query = tableQuery({ sort: 'signers', order: 'desc' });
    renderHtml(councilsPage(view, 'nb', query, 'https://valgloftet.example.no'));
    const runs = 50;
    const start = performance.now();
    for (let i = 0; i < runs; i++)
      renderHtml(councilsPage(view, i % 2 ? 'nn' : 'nb', query, 'https://valgloftet.example.no'));
    const render = (performance.now() - start) / runs;
    const viewStart = performance.now();
    for (let i = 0; i < runs; i++) await councilsView(s.store, s.app.campaigns.current());
    const read = (performance.now() - viewStart) / runs;
    console.log(`# councils page: ${render.toFixed(2)} ms to render 372 rows, ${read.toFixed(2)} ms to read the view`);
    // Far from a budget that matters (the page is cached a minute); this catches an accident only.
    assert.ok(render < 200, `${render} ms`);
  });
});

describe('each campaign has its councils page and open data, past ones too', () => {
  test('?campaign= shows that campaign: its title, adoptions and figures; its links keep it; an unknown one shows the current', async () => {
    // Testløftet, not open yet, beside Valgløftet 2023 (current); an adoption recorded for it only.
    const campaigns = await campaignsDir({ opens: day(20), closes: day(60) });
    const s = await startService({ CAMPAIGNS_DIR: campaigns }, { transport: 'inject' });
    try {
      await s.store.recordAdoption('testloftet', '4601', '2027-02-01', 'https://www.bergen.kommune.no/vedtak');
      const open = async (path: string) => readPage(await (await request(`${s.url}${path}`)).text());
      const test = await open('/kommunar?campaign=testloftet');
      assert.equal(
        test.screen.getByRole('heading', { level: 1 }).textContent,
        'Kommuner og fylkeskommuner i Testløftet',
      );
      const adopted = test.screen.getByRole('region', { name: 'Disse har vedtatt Testløftet' });
      assert.match(adopted.textContent, /Bergen/);
      // Every link of the page stays on Testløftet: sorting, the other language, the open data.
      const sortLink = test.screen.getByRole('link', { name: /Fylke/ }).getAttribute('href') ?? '';
      assert.match(sortLink, /^\/kommunar\?campaign=testloftet&sort=county/);
      assert.match(
        test.screen.getByRole('link', { name: 'Denne sida på nynorsk' }).getAttribute('href') ?? '',
        /campaign=testloftet/,
      );
      assert.equal(
        test.screen.getByRole('link', { name: 'JSON' }).getAttribute('href'),
        '/api/councils?campaign=testloftet',
      );
      assert.equal(
        within(test.screen.getByRole('search')).getByDisplayValue('testloftet').getAttribute('name'),
        'campaign',
      );
      const nn = await open('/kommunar?campaign=testloftet&lang=nn');
      assert.equal(nn.screen.getByRole('heading', { level: 1 }).textContent, 'Kommunar og fylkeskommunar i Testløftet');
      const data = async (campaign?: string) =>
        (
          (await (await request(`${s.url}/api/councils${campaign ? `?campaign=${campaign}` : ''}`)).json()) as {
            code: string;
            adoptedOn: string | null;
          }[]
        ).find((c) => c.code === '4601')?.adoptedOn;
      assert.equal(await data('testloftet'), '2027-02-01');
      assert.equal(await data(), null, "the current campaign's: Valgløftet 2023's");
      assert.match(
        await (await request(`${s.url}/api/councils.csv?campaign=testloftet`)).text(),
        /"4601","4601","Bergen".*"2027-02-01"/,
      );
      // Valgløftet 2023's page is as it was; an unknown campaign shows it too, as any unknown value.
      for (const path of ['/kommunar', '/kommunar?campaign=2031']) {
        const page = await open(path);
        assert.equal(
          page.screen.getByRole('heading', { level: 1 }).textContent,
          'Kommuner og fylkeskommuner i Valgløftet 2023',
        );
        assert.ok(page.screen.getByRole('region', { name: 'Disse har vedtatt Valgløftet' }));
      }
    } finally {
      await s.dispose();
      await rm(campaigns, { recursive: true, force: true });
    }
  });
});
