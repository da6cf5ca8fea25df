// The WordPress plugin's zip (scripts/build-wordpress.mjs): every entry reads back as the file it
// was made from, with the CRC-32 a zip reader checks it by. The CRC is checked against gzip's own
// (the last 8 bytes of a gzip stream are the data's CRC-32 and length), not the writer's.
// Needs the build (dist/manifest.json), as the script does.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { gzipSync, inflateRawSync } from 'node:zlib';

const PLUGIN = 'integrations/wordpress/ks-valgloftet';

/**
 * The entries of a zip without a comment, from its central directory.
 * @param {Buffer} zip
 */
function entries(zip) {
  const end = zip.length - 22;
  assert.equal(zip.readUInt32LE(end), 0x06054b50, 'the end of the central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const found = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, `central entry ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const packed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const rest = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32); // extra field and comment
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    assert.equal(zip.readUInt32LE(local), 0x04034b50, `local header of ${name}`);
    assert.equal(zip.readUInt32LE(local + 14), crc, `${name}: the local header's CRC is the directory's`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + packed);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    assert.ok(method === 0 || method === 8, `${name}: stored or deflated`);
    assert.equal(data.length, size, `${name}: its size`);
    found.push({ name, crc, data });
    at += 46 + nameLength + rest;
  }
  return found;
}

test("the plugin's zip holds each file as it is, under ks-valgloftet/, with its right CRC-32", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-zip-'));
  try {
    const out = join(dir, 'plugin.zip');
    await promisify(execFile)(process.execPath, ['scripts/build-wordpress.mjs', PLUGIN, out]);
    const read = entries(await readFile(out));
    const sources = (await readdir(PLUGIN, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
    assert.ok(sources.length >= 10, `${sources.length} files in ${PLUGIN}`);
    for (const source of sources) {
      const name = `ks-valgloftet/${source.slice(PLUGIN.length + 1)}`;
      const entry = read.find((e) => e.name === name);
      assert.ok(entry, `${name} is in the zip`);
      assert.ok(entry.data.equals(await readFile(source)), `${name}: the same bytes`);
    }
    for (const { name, crc, data } of read) {
      const gzip = gzipSync(data);
      assert.equal(crc, gzip.readUInt32LE(gzip.length - 8), `${name}: CRC-32`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
