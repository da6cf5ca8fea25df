// The API description matches the API: every operation in /api/openapi.json is called with good
// and bad requests against the real service, and every status it answers is described there, and
// every status described (but 500) is one it answers. `npm run test:api` lints the same document.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { campaignsDir, day } from './campaigns-dir.js';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN, request, signer, startService, type Service } from './harness.js';

interface Operation {
  operationId: string;
  security: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  responses: Record<string, { description: string; content?: Record<string, { schema: { type?: string } }> }>;
}
interface Doc {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
}

/** A body each operation accepts, so that its success answers are seen too. */
const GOOD: Record<string, unknown> = {
  postSignatures: signer('openapi'),
  postAdminAdoptions: { municipality: '4601', date: '2023-06-01', link: 'https://www.bergen.kommune.no/vedtak' },
  postAdminErasures: { email: 'ola.openapi@example.no' },
  postAdminNamesApprovals: { ids: ['1-AAAAAAAAAAAAAAAA'] },
  postAdminNamesRejections: { ids: ['1-AAAAAAAAAAAAAAAA'] },
};

/** Bodies an operation must refuse for what they say, not their form: a closed campaign's signature. */
const REFUSED: Record<string, unknown[]> = {
  postSignatures: [signer('closed', { campaign: 'testloftet' })],
};

/** Queries for the operations that need one to answer at all: as meant, and one it must refuse. */
const QUERIES: Partial<Record<string, (base: string) => string[]>> = {
  getCount: () => ['?municipality=4601', '?municipality=abc', '?campaign=2031'],
  getAdminNames: () => ['?council=03', '?council=abc'],
  getCampaignsById: () => ['?lang=nn', '?lang=se'],
  getCouncils: () => ['?campaign=testloftet', `?campaign=${'x'.repeat(41)}`],
  getCouncilsCsv: () => ['?campaign=testloftet', `?campaign=${'x'.repeat(41)}`],
  getOembed: (base) => [`?url=${encodeURIComponent(`${base}/valgloftet`)}`, '?url=https%3A%2F%2Fevil.example%2F'],
};

// Each call comes from its own address (behind one trusted proxy hop), so that the per-address
// limits show only where the test means them to: a stranger per operation, calling until refused.
let next = 0;
const fresh = () => `198.51.${Math.floor(++next / 250)}.${(next % 250) + 1}`;

describe('the OpenAPI description', () => {
  let s: Service;
  let doc: Doc;
  const seen = new Map<string, Set<number>>();

  before(async () => {
    // In process (app.inject): what is described is the routes' answers, not the connection.
    // Beside Valgløftet 2023, the fictional Testløftet, closed: its signatures are refused (409).
    campaigns = await campaignsDir({ opens: day(-10), closes: day(-1) });
    s = await startService(
      { TRUST_PROXY: '1', RATE_LIMIT_WRITES: '3', BODY_LIMIT: '1024', CAMPAIGNS_DIR: campaigns },
      { transport: 'inject' },
    );
    doc = (await (await request(`${s.url}/api/openapi.json`)).json()) as Doc;
  });
  let campaigns = '';
  after(async () => {
    await s.dispose();
    await rm(campaigns, { recursive: true, force: true });
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );

  test('has a server, and an operationId and a security requirement on every operation', () => {
    assert.match(doc.openapi, /^3\./);
    assert.ok(doc.servers.length > 0);
    const ids = operations().map(({ op }) => op.operationId);
    assert.ok(
      ids.every((id) => /^[a-z][A-Za-z0-9]+$/.test(id)),
      ids.join(' '),
    );
    assert.equal(new Set(ids).size, ids.length);
    for (const { path, op } of operations()) {
      assert.ok(Array.isArray(op.security), path);
      assert.equal(
        op.security.length > 0,
        path.startsWith('/api/admin/'),
        `${path}: admin needs the token, nothing else does`,
      );
    }
  });

  test('every status the service answers is described, and every one described (but 500) is answered', async () => {
    for (const [index, { path, method, op }] of operations().entries()) {
      const stranger = `203.0.113.${index + 1}`;
      const statuses = new Set<number>();
      seen.set(op.operationId, statuses);
      const admin = op.security.length > 0;
      const call = async (options: {
        url?: string;
        from?: string;
        auth?: boolean;
        type?: string;
        body?: string;
        etag?: string;
      }) => {
        const headers: Record<string, string> = { 'x-forwarded-for': options.from ?? fresh() };
        if (options.auth ?? admin) headers.authorization = `Bearer ${ADMIN_TOKEN}`;
        if (options.type) headers['content-type'] = options.type;
        if (options.etag) headers['if-none-match'] = options.etag;
        const res = await request(`${s.url}${options.url ?? path.replace('{code}', '4601').replace('{id}', '2023')}`, {
          method,
          headers,
          body: options.body,
        });
        await res.arrayBuffer();
        statuses.add(res.status);
        return res;
      };
      const good = GOOD[op.operationId];
      const withBody = method !== 'GET';
      // As meant, twice (a replaced adoption, an already removed one), and revalidated.
      for (let i = 0; i < 2; i++) {
        const res = await call(withBody && good ? { type: 'application/json', body: JSON.stringify(good) } : {});
        const etag = res.headers.get('etag');
        if (method === 'GET' && etag) await call({ etag });
      }
      if (withBody) {
        await call({ type: 'application/json', body: '{"name": "Kari",' });
        await call({ type: 'application/json', body: '' });
        await call({ type: 'application/json', body: JSON.stringify({ name: 'x'.repeat(2000) }) });
        await call({ type: 'application/x-www-form-urlencoded', body: 'name=Kari' });
        await call({ type: 'application/json', body: JSON.stringify({ unknown: true }) });
        for (const body of REFUSED[op.operationId] ?? [])
          await call({ type: 'application/json', body: JSON.stringify(body) });
      }
      for (const query of QUERIES[op.operationId]?.(s.url) ?? []) await call({ url: `${path}${query}` });
      if (path.includes('{code}')) await call({ url: path.replace('{code}', 'abc') });
      if (path.includes('{id}')) {
        await call({ url: path.replace('{id}', '2031') });
        await call({ url: path.replace('{id}', 'Not_An_Id') });
        for (const query of QUERIES[op.operationId]?.(s.url) ?? [])
          await call({ url: `${path.replace('{id}', '2023')}${query}` });
      }
      if (op.parameters?.some((p) => p.in === 'query')) await call({ url: `${path}?unknown=1` });
      // Without the token, from another address, until the door closes; and writes until the limit.
      for (let i = 0; i < 12; i++)
        await call({
          auth: false,
          from: stranger,
          ...(withBody && good ? { type: 'application/json', body: JSON.stringify(good) } : {}),
        });
      console.log(`# ${op.operationId}: ${[...statuses].sort().join(' ')}`);
      const described = Object.keys(op.responses).map(Number);
      assert.deepEqual(
        [...statuses].filter((status) => !described.includes(status)),
        [],
        `${method} ${path} answers what its description does not name`,
      );
      // 500 and 503 need a failure to be seen: server/test/trust.test.ts makes /readyz's 503.
      assert.deepEqual(
        described.filter((status) => status < 500 && !statuses.has(status)),
        [],
        `${method} ${path} describes what it never answered`,
      );
    }
  });

  test('only the operations that take no input have no 4xx answer', () => {
    const without = operations()
      .filter(({ op }) => !Object.keys(op.responses).some((status) => status.startsWith('4')))
      .map(({ op }) => op.operationId)
      .sort();
    assert.deepEqual(without, [
      'getCampaigns',
      'getHealthz',
      'getMunicipalities',
      'getOpenapiJson',
      'getPrivacy',
      'getReadyz',
      'getWidgetFiles',
    ]);
  });

  test('every success answer has a description and a schema or a stated content type', () => {
    for (const { path, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        assert.ok(response.description && response.description !== 'Default Response', `${path} ${status}`);
        if (status.startsWith('2') && status !== '204') assert.ok(response.content, `${path} ${status} has no content`);
      }
    }
  });
});
