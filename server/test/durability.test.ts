// Durability: the service, in its own process, under signing load, is killed with SIGKILL (no
// shutdown, no flush, as a crash) and started again on its data. Every signature that got a 202
// is in the database, the database is sound, and every one of them gets its mail.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startServiceProcess, type ServiceProcess } from '../../test/support/service-process.mjs';
import { openSqliteStore } from '../store/sqlite/index.js';
import { count, until } from './harness.js';

let service: ServiceProcess | undefined;
after(() => service?.stop());

test('every acknowledged signature survives kill -9 under load', { timeout: 120_000 }, async () => {
  service = await startServiceProcess({ RATE_LIMIT_WRITES: '1000000' });
  const acknowledged: string[] = [];
  let refused = 0;
  let failed = 0;
  let n = 0;
  let stop = false;
  let parked = 0;
  const worker = async () => {
    while (!stop) {
      const email = `last.${++n}@example.no`;
      try {
        const res = await fetch(`${service!.api}/signatures`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Last ${n}`, email, role: 'elected', municipality: '1804', lang: 'nb' }),
        });
        if (res.status === 202) acknowledged.push(email);
        else refused++;
        await res.arrayBuffer();
      } catch {
        failed++; // the process is gone: the request got no answer, so nothing was promised
        parked++;
        await until(() => stop, 'the test to stop the workers', 60_000);
      }
    }
  };
  const workers = Array.from({ length: 16 }, worker);
  // Kill it mid-stream, once a good number have been acknowledged and more are in flight.
  await until(() => acknowledged.length >= 400, '400 acknowledged signatures', 60_000);
  await service.kill('SIGKILL');
  const atKill = acknowledged.length;
  // Every worker's request in flight ends, with an answer sent before the kill or none.
  await until(() => parked === workers.length, 'every worker to meet the dead service', 30_000);
  stop = true;
  await Promise.all(workers);
  assert.equal(refused, 0);
  assert.equal(acknowledged.length, atKill, 'no 202 came after the kill');
  assert.ok(failed > 0, 'requests were in flight when the process died');

  service = await startServiceProcess(
    { RATE_LIMIT_WRITES: '1000000' },
    { dataDir: service.dataDir, port: service.port },
  );
  assert.equal((await fetch(`${service.url}/healthz`)).status, 200);
  // A second store on the file the restarted service has open (WAL allows it), to read what is in it.
  const store = openSqliteStore(join(service.dataDir, 'valgloftet.sqlite'));
  try {
    assert.equal(await store.integrity(), 'ok');
    const stored = new Set(Array.from(await store.exportRows('2023'), (row) => row.email));
    const lost = acknowledged.filter((email) => !stored.has(email));
    assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged signatures were lost`);
    console.log(
      `# ${acknowledged.length} acknowledged before the kill, all stored; ${stored.size} rows in all; ${failed} requests cut off`,
    );
  } finally {
    await store.close();
  }
  // Unconfirmed, so the count is as before; and the service works on.
  assert.equal((await count(service.url)).signatures, 0);

  // The mail queue was committed with each signature: after the restart, every acknowledged
  // signer's confirmation reaches the outbox, including those the kill caught before sending.
  let unmailed: string[] = acknowledged;
  await until(
    async () => {
      const outbox = await service!.outbox();
      const mailed = new Set([...outbox.matchAll(/^To: (.+)$/gm)].map((m) => m[1]));
      unmailed = acknowledged.filter((email) => !mailed.has(email));
      return !unmailed.length;
    },
    'a mail to every acknowledged signer',
    60_000,
  ).catch(() => undefined); // the assertion below says how many are missing
  assert.deepEqual(unmailed, [], `${unmailed.length} of ${acknowledged.length} acknowledged signers got no mail`);
});
