// The widget's files as the build leaves them (npm run build, whose last step is
// scripts/precompress.mjs) and as the real service sends them: brotli, gzip or plain by
// Accept-Encoding, the bytes compressed at build, at the stable URL and at the versioned one, with
// the Subresource Integrity hash that the manifest gives. Needs a built dist/.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildHash, precompress, type Manifest } from '../../scripts/precompress.mjs';
import { readBuild } from '../widget/files.js';
import { request, startService, type Service } from './harness.js';

const dist = new URL('../../dist/', import.meta.url);
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET whose body is the bytes the service sent, in process (app.inject), which decodes nothing. */
async function rawGet(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  const res = await request(url, { headers });
  return { status: res.status, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) };
}

/** The files are what these tests look at, not the connection: in process. */
const inject = { transport: 'inject' } as const;

const sha384 = (bytes: Buffer) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

describe('the widget files, precompressed and versioned', () => {
  let s: Service;
  let manifest: Manifest;
  before(async () => {
    manifest = JSON.parse(await readFile(new URL('manifest.json', dist), 'utf8')) as Manifest;
    s = await startService({}, inject);
  });
  after(() => s.dispose());

  test('the manifest names every widget file the build wrote, under one build hash', async () => {
    const names = Object.keys(manifest.files);
    assert.ok(names.includes('ks-valgloftet.js') && names.includes('ks-valgloftet.iife.js'), names.join(' '));
    assert.match(manifest.buildHash, /^[0-9a-f]{12}$/);
    for (const [name, entry] of Object.entries(manifest.files)) {
      assert.equal(entry.path, `/v/${manifest.buildHash}/${name}`);
      assert.equal(entry.bytes, (await readFile(new URL(name, dist))).length);
    }
  });

  for (const encoding of ['br', 'gzip', 'identity'] as const) {
    test(`stable and versioned URLs send ${encoding} as asked, the bytes compressed at build`, async () => {
      for (const [name, entry] of Object.entries(manifest.files)) {
        const built = await readFile(new URL(name, dist));
        const wire =
          encoding === 'identity' ? built : await readFile(new URL(`${name}.${encoding === 'br' ? 'br' : 'gz'}`, dist));
        for (const path of [`/${name}`, entry.path]) {
          const res = await rawGet(`${s.url}${path}`, { 'accept-encoding': encoding });
          assert.equal(res.status, 200, path);
          assert.equal(res.headers['content-encoding'], encoding === 'identity' ? undefined : encoding, path);
          assert.match(String(res.headers.vary), /accept-encoding/i, path);
          assert.match(String(res.headers['content-type']), /^text\/javascript/, path);
          assert.equal(res.headers['access-control-allow-origin'], '*', path);
          assert.equal(res.headers['cross-origin-resource-policy'], 'cross-origin', path);
          assert.deepEqual(res.body, wire, `${path}: the file from dist/, not compressed again`);
          const decoded =
            encoding === 'br' ? brotliDecompressSync(res.body) : encoding === 'gzip' ? gunzipSync(res.body) : res.body;
          assert.deepEqual(decoded, built, `${path}: decodes to the built bytes`);
          assert.equal(
            res.body.length,
            encoding === 'br' ? entry.brotli : encoding === 'gzip' ? entry.gzip : entry.bytes,
          );
        }
      }
    });
  }

  test('the stable URL is cached briefly; the versioned one for a year, immutable', async () => {
    for (const [name, entry] of Object.entries(manifest.files)) {
      const stable = await rawGet(`${s.url}/${name}`);
      const maxAge = Number(/max-age=(\d+)/.exec(String(stable.headers['cache-control']))?.[1]);
      assert.ok(maxAge > 0 && maxAge <= 600, `${name}: ${String(stable.headers['cache-control'])}`);
      assert.doesNotMatch(String(stable.headers['cache-control']), /immutable/);
      const versioned = await rawGet(`${s.url}${entry.path}`);
      assert.equal(versioned.headers['cache-control'], IMMUTABLE, entry.path);
    }
  });

  test('a strong ETag per form, and 304 when the client has that form', async () => {
    const { path } = manifest.files['ks-valgloftet.js'];
    const tags = new Set<string>();
    for (const encoding of ['br', 'gzip', 'identity']) {
      const res = await rawGet(`${s.url}${path}`, { 'accept-encoding': encoding });
      const etag = String(res.headers.etag);
      assert.match(etag, /^"[\w-]+"$/, 'strong, not W/');
      tags.add(etag);
      const again = await rawGet(`${s.url}${path}`, { 'accept-encoding': encoding, 'if-none-match': etag });
      assert.equal(again.status, 304);
      assert.equal(again.body.length, 0);
      assert.equal(again.headers['cache-control'], IMMUTABLE);
    }
    assert.equal(tags.size, 3);
  });

  test('another build hash, or a file not in the build, is 404', async () => {
    const other = manifest.buildHash.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    for (const path of [
      `/v/${other}/ks-valgloftet.js`,
      `/v/${manifest.buildHash}/ks-valgloftet.min.js`,
      `/v/${manifest.buildHash}/manifest.json`,
      `/v/${manifest.buildHash}/ks-valgloftet.js.br`,
      '/ks-valgloftet-nothing.js',
    ]) {
      const res = await request(`${s.url}${path}`);
      assert.equal(res.status, 404, path);
      assert.deepEqual(await res.json(), { error: 'not_found' }, path);
    }
  });

  test('the SRI hash in the manifest and in GET /api/widget-files is the hash of the bytes served', async () => {
    const res = await request(`${s.url}/api/widget-files`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const listed = (await res.json()) as {
      buildHash: string;
      files: { name: string; path: string; integrity: string }[];
    };
    assert.equal(listed.buildHash, manifest.buildHash);
    assert.deepEqual(listed.files.map((f) => f.name).sort(), Object.keys(manifest.files).sort());
    for (const file of listed.files) {
      // What a browser checks: the decoded body of the versioned URL, whatever the encoding on the
      // wire. Over the socket, so that fetch decodes it as a browser does.
      for (const encoding of ['br', 'identity']) {
        const body = Buffer.from(
          await (await fetch(`${s.url}${file.path}`, { headers: { 'accept-encoding': encoding } })).arrayBuffer(),
        );
        assert.equal(sha384(body), file.integrity, `${file.path} (${encoding})`);
        assert.equal(manifest.files[file.name].integrity, file.integrity);
      }
    }
  });
});

describe('scripts/precompress.mjs', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-precompress-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  test('writes .br, .gz and the manifest for every ks-valgloftet*.js; the build hash follows the bytes', async () => {
    const module = Buffer.from(`export const a = ${JSON.stringify('valgløftet '.repeat(200))};\n`);
    const form = Buffer.from(`export const form = ${JSON.stringify('skjema '.repeat(200))};\n`);
    await writeFile(join(dir, 'ks-valgloftet.js'), module);
    await writeFile(join(dir, 'ks-valgloftet-form.js'), form);
    await writeFile(join(dir, 'other.js'), 'not a widget file');

    const first = await precompress(dir);
    assert.deepEqual(Object.keys(first.files).sort(), ['ks-valgloftet-form.js', 'ks-valgloftet.js']);
    for (const [name, bytes] of [
      ['ks-valgloftet.js', module],
      ['ks-valgloftet-form.js', form],
    ] as const) {
      const br = await readFile(join(dir, `${name}.br`));
      const gz = await readFile(join(dir, `${name}.gz`));
      assert.deepEqual(brotliDecompressSync(br), bytes);
      assert.deepEqual(gunzipSync(gz), bytes);
      assert.deepEqual(first.files[name], {
        bytes: bytes.length,
        gzip: gz.length,
        brotli: br.length,
        integrity: sha384(bytes),
        path: `/v/${first.buildHash}/${name}`,
      });
    }
    assert.deepEqual(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')), first);
    // The service reads what the script wrote.
    const read = await readBuild(pathToFileURL(`${dir}/`));
    assert.equal(read.manifest.buildHash, first.buildHash);

    assert.equal((await precompress(dir)).buildHash, first.buildHash, 'the same bytes, the same hash');
    await writeFile(join(dir, 'ks-valgloftet-form.js'), Buffer.concat([form, Buffer.from(' ')]));
    const changed = await precompress(dir);
    assert.notEqual(changed.buildHash, first.buildHash, 'one file changed: a new build hash');
    assert.equal(changed.files['ks-valgloftet.js'].integrity, first.files['ks-valgloftet.js'].integrity);

    await rm(join(dir, 'ks-valgloftet-form.js'));
    const fewer = await precompress(dir);
    assert.notEqual(fewer.buildHash, changed.buildHash, 'a file gone: a new build hash');
    await assert.rejects(readFile(join(dir, 'ks-valgloftet-form.js.br')), 'its compressed copies are gone too');
  });

  test('buildHash: over names and bytes together, not the order given', () => {
    const a = { name: 'ks-valgloftet.js', bytes: Buffer.from('ab') };
    const b = { name: 'ks-valgloftet-form.js', bytes: Buffer.from('c') };
    assert.equal(buildHash([a, b]), buildHash([b, a]));
    assert.notEqual(buildHash([a, b]), buildHash([a, { ...b, bytes: Buffer.from('d') }]));
    assert.notEqual(buildHash([a, b]), buildHash([a, { ...b, name: 'ks-valgloftet-forms.js' }]));
    // Bytes moved from one file to the next are a different build.
    assert.notEqual(
      buildHash([a, b]),
      buildHash([
        { ...a, bytes: Buffer.from('a') },
        { ...b, bytes: Buffer.from('bc') },
      ]),
    );
  });

  test('the service refuses a build whose files differ from its manifest (built again without the compress step)', async () => {
    const stale = await mkdtemp(join(tmpdir(), 'ks-valgloftet-stale-'));
    try {
      await assert.rejects(readBuild(pathToFileURL(`${stale}/`)), /ENOENT/, 'no manifest');
      await writeFile(join(stale, 'ks-valgloftet.js'), 'export const a = 1;'.repeat(20));
      await precompress(stale);
      await readBuild(pathToFileURL(`${stale}/`));
      await writeFile(join(stale, 'ks-valgloftet.js'), 'export const a = 2;'.repeat(20));
      await assert.rejects(readBuild(pathToFileURL(`${stale}/`)), /differs from dist\/manifest\.json/);
    } finally {
      await rm(stale, { recursive: true, force: true });
    }
  });
});

describe('the reserve rule (/ks-valgloftet.css)', () => {
  for (const demo of ['1', '0']) {
    test(`is served for hosts to link, compressed, CORS open${demo === '0' ? ', also without the demo' : ''}`, async () => {
      const s = await startService({ DEMO: demo }, inject);
      try {
        const file = await readFile(new URL('../../embed/ks-valgloftet-reserve.css', import.meta.url));
        const res = await rawGet(`${s.url}/ks-valgloftet.css`, { 'accept-encoding': 'br' });
        assert.equal(res.status, 200);
        assert.match(String(res.headers['content-type']), /^text\/css/);
        assert.equal(res.headers['content-encoding'], 'br');
        assert.equal(res.headers['access-control-allow-origin'], '*');
        assert.deepEqual(brotliDecompressSync(res.body), file);
      } finally {
        await s.dispose();
      }
    });
  }
});

describe('the WordPress plugin (/wordpress/ks-valgloftet.zip)', () => {
  let s: Service;
  before(async () => {
    s = await startService({ DEMO: '0' }, inject);
  });
  after(() => s.dispose());

  test('is the zip the build wrote, at a stable address, as a download with an ETag and 304', async () => {
    const file = await readFile(new URL('ks-valgloftet-wordpress.zip', dist));
    const res = await rawGet(`${s.url}/wordpress/ks-valgloftet.zip`, { 'accept-encoding': 'br, gzip' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/zip');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="ks-valgloftet.zip"');
    assert.equal(res.headers['content-encoding'], undefined, 'a zip is sent as it is');
    assert.ok(res.body.equals(file), 'the bytes of dist/ks-valgloftet-wordpress.zip');
    assert.match(String(res.headers['cache-control']), /^public, max-age=\d+/);
    const etag = String(res.headers.etag);
    assert.equal((await rawGet(`${s.url}/wordpress/ks-valgloftet.zip`, { 'if-none-match': etag })).status, 304);
  });
});
