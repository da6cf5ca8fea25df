// A real HTTP endpoint on loopback that plays every kind of signature service the widget may meet:
// healthy, slow, broken, lying. Paths are /{scenario}/{key}/count; the key keeps each test's
// requests apart while three browsers run at once.
import { createServer } from 'node:http';

const updatedAt = '2026-11-26T12:00:00.000Z';
/** @param {unknown} body */
const json = (body) => ({ type: 'application/json', body: JSON.stringify(body) });

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
  never: () => undefined, // accepts the request and never answers
  drop: () => 'drop', // closes the connection without an answer
};

export async function startCountFixture() {
  /** @type {{ path: string, method: string, headers: Record<string, string | string[] | undefined> }[]} */
  const requests = [];
  const hits = new Map();
  const hanging = new Set();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ path, method: req.method ?? '', headers: { ...req.headers } });
    const [, scenario = '', key = ''] = path.split('/');
    const play = scenarios[scenario];
    // `never` and `drop` answer (or fail to) on every path, for the form's requests too;
    // `refuses-name` answers the form's POST.
    const everyPath =
      scenario === 'never' || scenario === 'drop' || (scenario === 'refuses-name' && path.endsWith('/signatures'));
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
