// Behind a reverse proxy: which X-Forwarded-For hop is the client, and whether a client can
// choose its own address to escape the per-address limits. Against the real service on loopback
// (the test's own connection plays the proxy, as nginx on the same machine would).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { configFromEnv, trustProxyFrom } from '../config.js';
import { post, signer, startService } from './harness.js';

const LIMIT = 10;

/** Sends `n` signatures, each with its own X-Forwarded-For; the statuses in order. */
async function sign(url: string, n: number, forwardedFor: (i: number) => string, tag: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await post(`${url}/api/signatures`, signer(`${tag}${i}`), { 'x-forwarded-for': forwardedFor(i) });
    await res.arrayBuffer();
    statuses.push(res.status);
  }
  return statuses;
}

const accepted = (statuses: number[]) => statuses.filter((s) => s === 202).length;

describe('TRUST_PROXY', () => {
  test('parses into hops or proxy addresses, and refuses what would trust every hop', () => {
    assert.equal(trustProxyFrom(undefined), false);
    assert.equal(trustProxyFrom(''), false);
    assert.equal(trustProxyFrom('0'), false);
    assert.equal(trustProxyFrom('1'), 1);
    assert.equal(trustProxyFrom('2'), 2);
    assert.deepEqual(trustProxyFrom('127.0.0.1'), ['127.0.0.1']);
    assert.deepEqual(trustProxyFrom('10.0.0.5, 10.0.1.0/24,::1,fd00::/8,loopback'), [
      '10.0.0.5',
      '10.0.1.0/24',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    for (const bad of [
      'true',
      'TRUE',
      'yes',
      '-1',
      '1.5',
      '11',
      '10.0.0.300',
      '10.0.0.0/33',
      'nginx',
      '10.0.0.1,,10.0.0.2',
      '10.0.0.1/8/1',
    ]) {
      assert.throws(() => configFromEnv({ TRUST_PROXY: bad }), /^Error: TRUST_PROXY/, bad);
    }
  });

  test('off: X-Forwarded-For is ignored, so a forged chain stays limited', async () => {
    const s = await startService({ RATE_LIMIT_WRITES: String(LIMIT) });
    try {
      const statuses = await sign(s.url, 15, (i) => `10.66.0.${i}, 198.51.100.${i}`, 'off');
      assert.equal(accepted(statuses), LIMIT, statuses.join(' '));
    } finally {
      await s.dispose();
    }
  });

  test('1 hop: 40 signatures with a forged chain (X-Forwarded-For: 10.66.0.$i, 198.51.100.7) get 10 × 202, then 429', async () => {
    const s = await startService({ RATE_LIMIT_WRITES: String(LIMIT), TRUST_PROXY: '1' });
    try {
      const statuses = await sign(s.url, 40, (i) => `10.66.0.${i}, 198.51.100.7`, 'fwd');
      console.log(
        `# forged chain, TRUST_PROXY=1: ${accepted(statuses)} × 202, ${statuses.filter((x) => x === 429).length} × 429`,
      );
      assert.deepEqual(statuses, [...Array<number>(LIMIT).fill(202), ...Array<number>(40 - LIMIT).fill(429)]);
    } finally {
      await s.dispose();
    }
  });

  test('1 hop: the address the proxy appended is the client, whatever the client wrote before it', async () => {
    const s = await startService({ RATE_LIMIT_WRITES: String(LIMIT), TRUST_PROXY: '1' });
    try {
      // nginx's $proxy_add_x_forwarded_for: the client's own header, then the address nginx saw.
      const a = await sign(s.url, 15, (i) => `10.66.0.${i}, 198.51.100.${i}, 203.0.113.1`, 'a');
      assert.equal(accepted(a), LIMIT, a.join(' '));
      // Another client behind the same proxy has its own budget: the limit is per client, not per proxy.
      const b = await sign(s.url, 3, () => '203.0.113.2', 'b');
      assert.deepEqual(b, [202, 202, 202]);
    } finally {
      await s.dispose();
    }
  });

  test('2 hops (a CDN, then nginx): the second address from the right is the client', async () => {
    const s = await startService({ RATE_LIMIT_WRITES: String(LIMIT), TRUST_PROXY: '2' });
    try {
      const a = await sign(s.url, 15, (i) => `10.66.0.${i}, 203.0.113.1, 192.0.2.${i}`, 'c');
      assert.equal(accepted(a), LIMIT, a.join(' '));
      assert.deepEqual(await sign(s.url, 2, (i) => `203.0.113.2, 192.0.2.${i}`, 'd'), [202, 202]);
    } finally {
      await s.dispose();
    }
  });

  test('a list of proxy addresses: the rightmost address that is not a proxy is the client', async () => {
    const s = await startService({ RATE_LIMIT_WRITES: String(LIMIT), TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' });
    try {
      // The client forges 198.51.100.x; it reached the inner proxy (10.1.2.3) as 203.0.113.1.
      const a = await sign(s.url, 15, (i) => `198.51.100.${i}, 203.0.113.1, 10.1.2.3`, 'e');
      assert.equal(accepted(a), LIMIT, a.join(' '));
      assert.deepEqual(await sign(s.url, 2, () => '203.0.113.2, 10.1.2.3', 'f'), [202, 202]);
    } finally {
      await s.dispose();
    }
  });

  test('a client address of 3 KB (behind a wrong TRUST_PROXY) is limited as any other, never a 500', async () => {
    const s = await startService({ RATE_LIMIT_WRITES: '3', TRUST_PROXY: '1', ADMIN_EMAILS: 'kari@ks.no' });
    try {
      // Random, so that PostgreSQL cannot compress it below its index's limit (about 2.7 KB).
      const clients = new Map<string, string>();
      const huge = (c: string) => {
        if (!clients.has(c)) clients.set(c, randomBytes(1500).toString('hex'));
        return { 'x-forwarded-for': clients.get(c) ?? '' };
      };
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await post(`${s.url}/api/signatures`, signer(`huge${i}`), huge('a'));
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      assert.deepEqual(statuses, [202, 202, 202, 429, 429], 'one client, limited');
      assert.equal((await post(`${s.url}/api/signatures`, signer('other'), huge('b'))).status, 202, 'another, not');
      // The admin API counts failures per address in its own way; the admin page's sign-in too.
      const admin = await fetch(`${s.url}/api/admin/adoptions`, {
        headers: { ...huge('c'), authorization: 'Bearer x' },
      });
      assert.equal(admin.status, 401);
      const link = await fetch(`${s.url}/admin/sign-in-link`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...huge('d'), 'content-type': 'application/x-www-form-urlencoded', origin: s.url },
        body: 'email=kari%40ks.no&lang=nb',
      });
      assert.equal(link.status, 303);
    } finally {
      await s.dispose();
    }
  });

  test('a list that does not name the connecting proxy trusts nothing it forwards', async () => {
    const s = await startService({ RATE_LIMIT_WRITES: String(LIMIT), TRUST_PROXY: '10.0.0.5' });
    try {
      const statuses = await sign(s.url, 15, (i) => `198.51.100.${i}`, 'g');
      assert.equal(accepted(statuses), LIMIT, statuses.join(' '));
    } finally {
      await s.dispose();
    }
  });
});
