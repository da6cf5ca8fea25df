// A real HTTP endpoint on loopback that plays every kind of signature service the widget may meet:
// healthy, slow, broken, lying. Paths are /{scenario}/{key}/count; the key keeps each test's
// requests apart while three browsers run at once.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const updatedAt = '2026-11-26T12:00:00.000Z';
/** @param {unknown} body */
const json = (body) => ({ type: 'application/json', body: JSON.stringify(body) });

/**
 * The campaigns of issue 27 (contract/campaign.ts): the compiled one, 2023, closed or not yet open,
 * and "Testløftet" (`testloftet`), a campaign made up for the tests, in plainly made-up words that
 * no one stands behind.
 */
// As Valgløftet 2023 is served: open from the start (no first day), here closed.
const closed2023 = { id: '2023', state: 'closed', opens: null, closes: '2023-09-11' };
const upcoming2023 = { id: '2023', state: 'upcoming', opens: '2027-09-15', closes: '2027-12-31' };
const testloftet = { id: 'testloftet', state: 'open', opens: '2026-01-05', closes: null };
/**
 * Testløftet's words, as `GET /campaigns/testloftet?lang=` gives them: the service tests' fictional
 * campaign folder, read as the service reads it.
 */
const folder = new URL('../../server/test/fixtures/campaigns/testloftet/', import.meta.url);
export const TESTLOFTET_TEXTS = {
  nb: JSON.parse(readFileSync(new URL('nb.json', folder), 'utf8')),
  nn: JSON.parse(readFileSync(new URL('nn.json', folder), 'utf8')),
};
const TESTLOFTET_LINKS = {
  pledge: 'https://example.org/testloftet',
  podcast: 'https://example.org/testloftet/podkast',
  caseText: 'https://example.org/testloftet/sak',
};
/** Testløftet's words with markup in them and links a page must never follow. */
const HOSTILE_TEXTS = {
  title: '<img src="x" onerror="window.__ksPwned = 1">Testløftet',
  about: 'løftet om <i>ingenting</i>',
  lead: '<b>Fet</b> <a href="https://example.org/lure">lenke</a>',
  body: [{ p: '<script>window.__ksPwned = 1</script>', caseText: 'Oppdiktet sak' }],
  links: { pledge: 'Les Testløftet', podcast: 'Hør en oppdiktet podkast' },
  credit: 'Testløftet er oppdiktet.',
};
const HOSTILE_LINKS = {
  pledge: 'javascript:window.__ksPwned = 1',
  podcast: 'https://example.org/testloftet/podkast',
  caseText: 'JavaScript:alert(1)',
};

/**
 * A service that knows Testløftet: its count only with `?campaign=testloftet` (an unknown campaign
 * is a 404, as the service answers), its words in the language asked for, and a signature for it
 * accepted.
 * @param {import('node:http').IncomingMessage} req
 * @param {{ texts?: (lang: 'nb' | 'nn') => unknown, links?: object, state?: object }} [options]
 */
const campaignService = (
  req,
  { texts = (lang) => TESTLOFTET_TEXTS[lang], links = TESTLOFTET_LINKS, state = {} } = {},
) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'OPTIONS') return { status: 204, preflight: true };
  if (url.pathname.endsWith('/signatures')) return { status: 202, ...json({ status: 'pending' }) };
  const campaign = { ...testloftet, ...state };
  if (url.pathname.endsWith('/campaigns/testloftet')) {
    const lang = url.searchParams.get('lang') === 'nn' ? 'nn' : 'nb';
    return json({ campaign, texts: texts(lang), links });
  }
  if (url.pathname.endsWith('/count') && url.searchParams.get('campaign') === 'testloftet') {
    return json({ signatures: 42, councils: 3, updatedAt, campaign });
  }
  return { status: 404, ...json({ error: 'not_found' }) };
};

/** @type {Record<string, (req: import('node:http').IncomingMessage, hits: number) => any>} */
const scenarios = {
  ok: () => json({ signatures: 12345, councils: 56, updatedAt }),
  one: () => json({ signatures: 1, councils: 1, updatedAt }),
  zero: () => json({ signatures: 0, councils: 0, updatedAt }),
  // A service on which nothing has happened yet: the count has never changed.
  'never-changed': () => json({ signatures: 0, councils: 0, updatedAt: null }),
  // Rises by one on every request, for refresh and live-region tests.
  rising: (_req, hits) => json({ signatures: 100 + hits, councils: 7, updatedAt }),
  // Healthy once, then broken: the widget must keep the last good figures.
  flaky: (_req, hits) => (hits === 1 ? json({ signatures: 42, councils: 3, updatedAt }) : { status: 503, body: '' }),
  // Rises on every request, and tells the browser its copy stays fresh for a minute.
  'fresh-for-a-minute': (_req, hits) => ({ ...json({ signatures: 500 + hits, councils: 7, updatedAt }), maxAge: 60 }),
  etag: (req) =>
    req.headers['if-none-match'] === '"v1"'
      ? { status: 304, etag: '"v1"' }
      : { ...json({ signatures: 777, councils: 12, updatedAt }), etag: '"v1"' },
  'http-500': () => ({ status: 500, ...json({ signatures: 5, councils: 5, updatedAt }) }),
  'http-404': () => ({ status: 404, type: 'text/plain', body: 'Not found' }),
  html: () => ({ type: 'text/html', body: '<!doctype html><h1>Maintenance</h1><script>alert(1)</script>' }),
  'not-json': () => ({ type: 'application/json', body: '{"signatures": 12,' }),
  'json-as-text': () => ({ type: 'text/plain', body: JSON.stringify({ signatures: 9, councils: 9, updatedAt }) }),
  negative: () => json({ signatures: -5, councils: 3, updatedAt }),
  fraction: () => json({ signatures: 12.5, councils: 3, updatedAt }),
  huge: () => json({ signatures: 1e21, councils: 3, updatedAt }),
  'too-many-councils': () => json({ signatures: 10, councils: 400, updatedAt }),
  strings: () => json({ signatures: '1234', councils: '12', updatedAt }),
  'missing-field': () => json({ signatures: 12, updatedAt }),
  'bad-date': () => json({ signatures: 12, councils: 3, updatedAt: 'yesterday' }),
  array: () => json([12, 3]),
  null: () => json(null),
  'huge-body': () => ({
    type: 'application/json',
    body: `{"signatures": 12, "councils": 3, "pad": "${'x'.repeat(2_000_000)}"}`,
  }),
  'no-cors': () => ({ ...json({ signatures: 8, councils: 8, updatedAt }), cors: false }),
  // The signature service's answer to a name with a web address in it (issue 9, item 2).
  'refuses-name': (req) =>
    req.method === 'OPTIONS'
      ? { status: 204, preflight: true }
      : { status: 422, ...json({ error: 'invalid_fields', fields: { name: 'contains_link' } }) },
  // Issue 27: the compiled campaign closed, and not yet open; the form's POST outside the period.
  'campaign-closed': () => json({ signatures: 12345, councils: 56, updatedAt, campaign: closed2023 }),
  'campaign-upcoming': () => json({ signatures: 0, councils: 0, updatedAt, campaign: upcoming2023 }),
  'campaign-open': () =>
    json({ signatures: 12345, councils: 56, updatedAt, campaign: { ...closed2023, state: 'open' } }),
  // A count whose campaign field is not one: the widget goes on as without it.
  'campaign-broken': () =>
    json({ signatures: 12345, councils: 56, updatedAt, campaign: { id: '2023', state: 'over' } }),
  'refuses-closed': (req) =>
    req.method === 'OPTIONS'
      ? { status: 204, preflight: true }
      : { status: 409, ...json({ error: 'campaign_closed' }) },
  testloftet: (req) => campaignService(req),
  'testloftet-closed': (req) => campaignService(req, { state: { state: 'closed', closes: '2026-06-30' } }),
  'testloftet-hostile': (req) => campaignService(req, { texts: () => HOSTILE_TEXTS, links: HOSTILE_LINKS }),
  // The words cannot be had: the service answers with an error.
  'testloftet-broken': (req) =>
    new URL(req.url ?? '/', 'http://x').pathname.includes('/campaigns/')
      ? { status: 500, ...json({ error: 'internal' }) }
      : campaignService(req),
  never: () => undefined, // accepts the request and never answers
  drop: () => 'drop', // closes the connection without an answer
};

export async function startCountFixture() {
  /** @type {{ path: string, query: string, method: string, headers: Record<string, string | string[] | undefined>, body?: string }[]} */
  const requests = [];
  const hits = new Map();
  const hanging = new Set();
  const server = createServer((req, res) => {
    const { pathname: path, search: query } = new URL(req.url ?? '/', 'http://x');
    const request = { path, query, method: req.method ?? '', headers: { ...req.headers }, body: '' };
    requests.push(request);
    req.on('data', (chunk) => (request.body += chunk));
    const [, scenario = '', key = ''] = path.split('/');
    const play = scenarios[scenario];
    // `never` and `drop` answer (or fail to) on every path, for the form's requests too;
    // `refuses-name` answers the form's POST.
    const everyPath =
      scenario === 'never' ||
      scenario === 'drop' ||
      scenario.startsWith('testloftet') ||
      (/^refuses-/.test(scenario) && path.endsWith('/signatures'));
    if (!play || (!path.endsWith('/count') && !everyPath)) {
      return res.writeHead(404).end();
    }
    const n = (hits.get(key) ?? 0) + 1;
    hits.set(key, n);
    const answer = play(req, n);
    if (answer === undefined) {
      // Answer a CORS preflight, so the request itself gets here and hangs.
      if (req.method === 'OPTIONS') {
        return res
          .writeHead(204, {
            'access-control-allow-origin': '*',
            'access-control-allow-headers': 'content-type',
            'access-control-allow-methods': 'GET, POST',
          })
          .end();
      }
      return void hanging.add(res);
    }
    if (answer === 'drop') return void req.socket.destroy();
    /** @type {Record<string, string>} */
    const headers = {
      'cache-control': answer.maxAge
        ? `public, max-age=${answer.maxAge}`
        : answer.etag
          ? 'public, max-age=0, must-revalidate'
          : 'no-cache',
    };
    if (answer.cors !== false) headers['access-control-allow-origin'] = '*';
    if (answer.preflight) {
      headers['access-control-allow-headers'] = 'content-type';
      headers['access-control-allow-methods'] = 'GET, POST';
    }
    if (answer.type) headers['content-type'] = `${answer.type}; charset=utf-8`;
    if (answer.etag) {
      headers.etag = answer.etag;
      headers['access-control-expose-headers'] = 'ETag';
    }
    res.writeHead(answer.status ?? 200, headers).end(answer.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      hanging.forEach((res) => res.destroy());
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
