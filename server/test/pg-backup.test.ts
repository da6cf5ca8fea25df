// docs/operating.md's backup commands for PostgreSQL, as an operator runs them: pg_dump while the service
// signs, pg_restore into a new, empty database, a service started on that. Runs under
// `npm run test:postgres` (TEST_DATABASE_URL); pg_dump and pg_restore are Debian's, beside the server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createDatabase, dropDatabase, findBinDir } from '../../scripts/postgres.mjs';
import { ENGINE, adminExport, count, linkIn, post, pressButtonBehind, signer, startService, until } from './harness.js';

const cleanup: (() => Promise<void>)[] = [];
after(async () => {
  for (const step of cleanup.reverse()) await step();
});

/** A PostgreSQL client program (pg_dump, pg_restore); its exit code and stderr. */
function client(program: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(join(findBinDir(), program), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stderr });
    });
  });
}

describe('backups with PostgreSQL', { skip: ENGINE !== 'postgres' && 'runs under npm run test:postgres' }, () => {
  test(
    'pg_dump under signing load, pg_restore into a new database: every signature acknowledged before it is there',
    { timeout: 240_000 },
    async () => {
      const s = await startService();
      cleanup.push(() => s.dispose());
      const acknowledged: string[] = [];
      const confirmed: string[] = [];
      let n = 0;
      let stop = false;
      const signing = async () => {
        while (!stop) {
          const who = signer(`pg-${++n}`);
          const res = await post(`${s.url}/api/signatures`, who);
          await res.arrayBuffer();
          assert.equal(res.status, 202);
          acknowledged.push(who.email);
        }
      };
      const confirming = async () => {
        for (let i = 0; !stop; i += 2) {
          const email = await until(() => stop || acknowledged[i], `signature ${i}`);
          if (email === true) return;
          const res = await pressButtonBehind(linkIn(await s.mail.mailTo(email), 'confirm'));
          await res.arrayBuffer();
          confirmed.push(email);
        }
      };
      const load = [signing(), signing(), signing(), confirming()];
      let before: { acknowledged: string[]; confirmed: string[] };
      let dumped: { code: number | null; stderr: string };
      const dir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-pgdump-'));
      cleanup.push(() => rm(dir, { recursive: true, force: true }));
      const dump = join(dir, 'valgloftet.dump');
      try {
        // Other test files share the cores (scripts/node-tests.mjs): the load may come slowly.
        await until(() => confirmed.length >= 20, '20 confirmed signatures', 120_000);
        before = { acknowledged: [...acknowledged], confirmed: [...confirmed] };
        dumped = await client('pg_dump', ['--format=custom', `--file=${dump}`, s.config.databaseUrl!]);
        assert.ok(acknowledged.length > before.acknowledged.length, 'signing went on while pg_dump ran');
      } finally {
        // Whatever failed above, the load ends, or its loops would outlive the test.
        stop = true;
        await Promise.allSettled(load);
      }
      await Promise.all(load);
      assert.equal(dumped.code, 0, dumped.stderr);

      const restoredDb = await createDatabase(process.env.TEST_DATABASE_URL!);
      cleanup.push(() => dropDatabase(restoredDb));
      const restored = await client('pg_restore', ['--no-owner', `--dbname=${restoredDb}`, dump]);
      assert.equal(restored.code, 0, restored.stderr);

      const s2 = await startService({ DATABASE_URL: restoredDb });
      cleanup.push(() => s2.dispose());
      const rows = await adminExport(s2.url);
      const emails = new Set(rows.map((row) => row.email));
      for (const email of before.acknowledged) assert.ok(emails.has(email), `${email}, acknowledged before the dump`);
      for (const email of before.confirmed) {
        assert.notEqual(rows.find((row) => row.email === email)?.confirmed_at, '', `${email} confirmed`);
      }
      const confirmedRows = rows.filter((row) => row.confirmed_at !== '').length;
      assert.equal((await count(s2.url)).signatures, confirmedRows, 'the count is the confirmed rows');
      // The restored service works on: a new signature is taken and its mail goes out.
      assert.equal((await post(`${s2.url}/api/signatures`, signer('after-restore'))).status, 202);
      await s2.mail.mailTo(signer('after-restore').email);
      console.log(
        `# pg_dump: ${before.acknowledged.length} acknowledged before it, ${rows.length} in the restored database, ` +
          `${confirmedRows} confirmed`,
      );
    },
  );
});
