// Several instances on one PostgreSQL: two real service processes (server/main.ts) share one
// database, as behind a load balancer. Migrations run once, a signature made on one is confirmed on
// the other and counted by both, the rate limits hold across both, every queued mail is sent once
// when the SMTP server comes back, and a kill -9 of one instance under load loses nothing that was
// acknowledged while the other keeps serving and sends what the dead one had taken.
//
//   node scripts/with-postgres.mjs node --import tsx --test server/test/instances.test.ts
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import pg from 'pg';
import { startServiceProcess, type ServiceProcess } from '../../test/support/service-process.mjs';
import { createDatabase, dropDatabase } from '../../scripts/postgres.mjs';
import {
  ADMIN_TOKEN,
  MailCatcher,
  type ReceivedMail,
  count,
  linkIn,
  post,
  pressButtonBehind,
  signer,
  until,
} from './harness.js';

const SERVER = process.env.TEST_DATABASE_URL;
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const MIGRATIONS_DIR = new URL('../store/migrations/postgres/', import.meta.url);

/** The bare address a mail went to ("Name <a@b>" or "a@b"), lower case. */
const recipientOf = (mail: ReceivedMail) => (/<([^>]+)>/.exec(mail.to)?.[1] ?? mail.to).trim().toLowerCase();

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => {
        resolve(port);
      });
    });
  });

interface Readiness {
  status: string;
  mail: { status: string; waiting?: number; failing?: number };
}
const readiness = async (url: string) => (await fetch(`${url}/readyz`)).json() as Promise<Readiness>;

/** The real service as a child process whose log (pino's JSON lines on stdout) the test reads. */
async function startLogged(env: Record<string, string>) {
  const dataDir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-instance-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      DEMO: '0',
      PUBLIC_URL: url,
      ...env,
      LOG_LEVEL: 'info',
    },
  });
  const lines: Record<string, unknown>[] = [];
  let rest = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    rest += chunk;
    const parts = rest.split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) {
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        /* not a log line */
      }
    }
  });
  let exited = false;
  const exit = new Promise((resolve) => child.once('exit', resolve)).then(() => (exited = true));
  return {
    url,
    lines,
    exited: () => exited,
    stop: async () => {
      if (!exited) {
        child.kill();
        await exit;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function healthy(url: string, exited: () => boolean) {
  await until(
    async () => {
      if (exited()) throw new Error(`the service at ${url} exited on start`);
      try {
        return (await fetch(`${url}/healthz`)).ok;
      } catch {
        return false;
      }
    },
    `${url} to answer /healthz`,
    30_000,
  );
}

describe('two service processes on one PostgreSQL', { skip: !SERVER && 'TEST_DATABASE_URL is not set' }, () => {
  let db: string;
  let mail: MailCatcher | undefined;
  const services: { stop(): Promise<void> }[] = [];
  const catchers: { close(): Promise<void> }[] = [];

  beforeEach(async () => {
    db = await createDatabase(SERVER!);
    mail = undefined;
  });
  afterEach(async () => {
    await Promise.all(services.splice(0).map((s) => s.stop()));
    await Promise.all(catchers.splice(0).map((c) => c.close()));
    await dropDatabase(db);
  });

  /** Two instances on the test's database, sending to `smtpPort` (the MailCatcher's by default). */
  async function startTwo(env: Record<string, string> = {}, smtpPort = mail!.port): Promise<ServiceProcess[]> {
    const common = {
      DATABASE_URL: db,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      ADMIN_TOKEN,
      RATE_LIMIT_WRITES: '1000000',
      MAIL_RETRY_SECONDS: '0.2',
      ...env,
    };
    const started = await Promise.all([startServiceProcess(common), startServiceProcess(common)]);
    services.push(...started);
    return started;
  }

  async function catcher(port = 0) {
    const c = await new MailCatcher().start(port);
    catchers.push(c);
    return c;
  }

  test('two instances starting at once migrate once', { timeout: 60_000 }, async () => {
    mail = await catcher();
    const env = { DATABASE_URL: db, SMTP_URL: `smtp://127.0.0.1:${mail.port}`, ADMIN_TOKEN };
    const [a, b] = await Promise.all([startLogged(env), startLogged(env)]);
    services.push(a, b);
    await Promise.all([healthy(a.url, a.exited), healthy(b.url, b.exited)]);
    const opened = await Promise.all(
      [a, b].map((s) =>
        until(() => s.lines.find((line) => line.msg === 'store opened'), `'store opened' from ${s.url}`, 5000),
      ),
    );
    const migrated = opened.map((line) => line.migrated as number[]);
    console.log(`# migrated: ${JSON.stringify(migrated)}`);
    for (const line of opened) assert.equal(line.engine, 'postgres');
    const files = (await readdir(MIGRATIONS_DIR)).filter((name) => name.endsWith('.sql')).sort();
    const all = files.map((_, i) => i + 1);
    const applied = migrated.filter((versions) => versions.length > 0);
    assert.equal(applied.length, 1, `exactly one instance migrates: ${JSON.stringify(migrated)}`);
    assert.deepEqual(applied[0], all);
    assert.ok(
      migrated.some((versions) => versions.length === 0),
      'the other finds the schema current',
    );

    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      assert.deepEqual(
        rows.map((row) => row.version),
        all,
        'one row per migration file',
      );
    } finally {
      await client.end();
    }
    for (const s of [a, b]) assert.equal((await readiness(s.url)).status, 'ready');
  });

  test('sign on one, confirm on the other; the count agrees within the cache window', { timeout: 60_000 }, async () => {
    mail = await catcher();
    const [a, b] = await startTwo();
    // Both have served the count, so each holds a memo that must be invalidated.
    assert.equal((await count(a.url)).signatures, 0);
    assert.equal((await count(b.url)).signatures, 0);
    assert.equal((await count(a.url)).councils, 0);

    const res = await post(`${a.api}/signatures`, signer('instances'));
    assert.equal(res.status, 202);
    const link = linkIn(await mail.mailTo('ola.instances@example.no'), 'confirm');
    assert.ok(link.startsWith(a.url), `the link goes to A: ${link}`);
    const onB = link.replace(a.url, b.url);
    const confirmed = await pressButtonBehind(onB);
    assert.ok(confirmed.status < 400, `confirming on B: ${confirmed.status}`);
    await confirmed.arrayBuffer();

    const started = Date.now();
    for (const s of [a, b]) {
      await until(async () => (await count(s.url)).signatures === 1, `the count of 1 on ${s.url}`, 2000);
    }
    console.log(`# count agreed on both after ${Date.now() - started} ms`);

    const adopted = await post(`${b.api}/admin/adoptions`, { municipality: '4601', date: '2023-09-01' }, admin);
    assert.equal(adopted.status, 201, await adopted.text());
    await until(async () => (await count(a.url)).councils === 1, 'the adoption recorded on B to count on A', 2000);
    await until(async () => (await count(b.url)).councils === 1, 'the adoption to count on B', 2000);
  });

  test(
    'a name approved or rejected on one instance is shown, or not, on the other at once',
    { timeout: 60_000 },
    async () => {
      mail = await catcher();
      const [a, b] = await startTwo();
      const names = async (s: ServiceProcess) =>
        (
          (await (await fetch(`${s.api}/count?municipality=4601`)).json()) as { local: { names: { name: string }[] } }
        ).local.names.map((n) => n.name);
      for (const n of ['shown', 'refused']) {
        assert.equal((await post(`${a.api}/signatures`, signer(n, { showName: true }))).status, 202);
        assert.ok((await pressButtonBehind(linkIn(await mail.mailTo(`ola.${n}@example.no`), 'confirm'))).ok);
      }
      // Both have answered, so each holds a memo that the decisions must make stale.
      assert.deepEqual(await names(a), []);
      assert.deepEqual(await names(b), []);
      const waiting = (await (await fetch(`${a.api}/admin/names`, { headers: admin })).json()) as {
        names: { id: string; name: string }[];
      };
      const id = (name: string) => waiting.names.find((n) => n.name === name)?.id;
      const approve = await post(`${b.api}/admin/names/approvals`, { ids: [id('Ola Nordmann shown')] }, admin);
      assert.deepEqual(await approve.json(), { approved: 1 });
      const reject = await post(`${b.api}/admin/names/rejections`, { ids: [id('Ola Nordmann refused')] }, admin);
      assert.deepEqual(await reject.json(), { rejected: 1 });
      await until(async () => (await names(a)).join() === 'Ola Nordmann shown', 'the approval on B to show on A', 2000);
      assert.deepEqual(await names(b), ['Ola Nordmann shown']);
      const councils = await (await fetch(`${a.api}/councils.csv`)).text();
      assert.match(councils, /Ola Nordmann shown \(elected\)/);
      assert.doesNotMatch(councils, /refused/);
    },
  );

  test('rate limits hold across both instances', { timeout: 60_000 }, async () => {
    mail = await catcher();
    const [a, b] = await startTwo({ RATE_LIMIT_WRITES: '4' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await post(`${(i % 2 ? b : a).api}/signatures`, signer(`limit${i}`));
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    assert.deepEqual(statuses, [202, 202, 202, 202]);
    const fifthA = await post(`${a.api}/signatures`, signer('limit4'));
    assert.equal(fifthA.status, 429, 'a 5th on A is over the shared limit');
    const fifthB = await post(`${b.api}/signatures`, signer('limit5'));
    assert.equal(fifthB.status, 429, 'and on B');
  });

  test(
    'the admin limits hold across both instances: wrong tokens, and sign-in mails per address',
    { timeout: 60_000 },
    async () => {
      mail = await catcher();
      const [a, b] = await startTwo({ ADMIN_EMAILS: 'kari@ks.no,per@ks.no' });
      const adoptions = (s: ServiceProcess, token: string) =>
        fetch(`${s.api}/admin/adoptions`, { headers: { authorization: `Bearer ${token}` } });
      for (let i = 0; i < 10; i++) assert.equal((await adoptions(a, `guess-${i}-${'x'.repeat(32)}`)).status, 401);
      assert.equal(
        (await adoptions(b, `guess-b-${'x'.repeat(32)}`)).status,
        429,
        'no fresh tries on the other instance',
      );
      assert.equal((await adoptions(b, ADMIN_TOKEN)).status, 429, 'the right token included');

      const askLink = async (s: ServiceProcess, email: string) => {
        const res = await fetch(`${s.url}/admin/sign-in-link`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: s.url },
          body: new URLSearchParams({ email, lang: 'nb' }).toString(),
        });
        assert.equal(res.status, 303);
      };
      for (let i = 0; i < 8; i++) await askLink(i % 2 ? b : a, 'kari@ks.no');
      await mail.waitFor(5);
      // Asked after Kari's, so a sixth mail to her would have come first.
      await askLink(b, 'per@ks.no');
      await mail.mailTo('per@ks.no');
      assert.equal(mail.mails.filter((m) => recipientOf(m) === 'kari@ks.no').length, 5, '5 in all, not 5 on each');
    },
  );

  test(
    'each queued mail is sent once after an SMTP outage, with both instances running',
    { timeout: 60_000 },
    async () => {
      // A port where nothing listens yet: the SMTP server is down when the signatures come.
      const down = await catcher();
      const port = down.port;
      await down.close();
      catchers.splice(catchers.indexOf(down), 1);
      const [a, b] = await startTwo({}, port);

      const N = 20;
      const statuses = await Promise.all(
        Array.from({ length: N }, async (_, i) => {
          const res = await post(`${(i % 2 ? b : a).api}/signatures`, signer(`outage${i}`));
          await res.arrayBuffer();
          return res.status;
        }),
      );
      assert.deepEqual(statuses, Array<number>(N).fill(202));
      // The queue has tried and failed on both.
      await until(
        async () => ((await readiness(a.url)).mail.failing ?? 0) >= 1,
        'mails failing while the SMTP server is down',
        5000,
      );
      assert.equal((await readiness(b.url)).mail.waiting, N, 'all queued while the SMTP server is down');

      mail = await catcher(port);
      await mail.waitFor(N, 15_000);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const recipients = mail.mails.map(recipientOf);
      const distinct = new Set(recipients);
      console.log(`# ${mail.mails.length} mails to ${distinct.size} recipients after the outage`);
      assert.equal(distinct.size, N, 'a mail for every signer');
      assert.equal(mail.mails.length, N, `no mail sent twice: ${JSON.stringify(recipients.sort())}`);
      for (const s of [a, b]) assert.equal((await readiness(s.url)).mail.waiting, 0, `the queue is empty (${s.url})`);
    },
  );

  test(
    'kill -9 of one instance under load loses nothing acknowledged; the other serves on',
    { timeout: 90_000 },
    async () => {
      const smtp = await new MailCatcher().start();
      catchers.push(smtp);
      const [a, b] = await startTwo({}, smtp.port);
      const onA: string[] = [];
      const onB: string[] = [];
      let failed = 0;
      let refused = 0;
      let n = 0;
      let aDead = false;
      let bAfterDeath = 0;
      let stop = false;
      const worker = async () => {
        while (!stop) {
          const i = ++n;
          const toA = i % 2 === 0 && !aDead;
          const email = `load.${i}@example.no`;
          try {
            const res = await post(`${(toA ? a : b).api}/signatures`, signer(`load${i}`, { email }));
            if (res.status === 202) {
              (toA ? onA : onB).push(email);
              if (!toA && aDead) bAfterDeath++;
            } else refused++;
            await res.arrayBuffer();
          } catch {
            // No answer: nothing was promised. (B must not fail.)
            if (!toA) throw new Error(`B failed a request (${email})`);
            failed++;
          }
        }
      };
      const workers = Array.from({ length: 8 }, worker);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await a.kill('SIGKILL');
      aDead = true;
      const atKill = onA.length;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      stop = true;
      await Promise.all(workers);
      assert.equal(refused, 0);
      assert.equal(onA.length, atKill, 'no 202 from A after its death');
      assert.ok(bAfterDeath > 0, 'B answered 202 after A died');

      const acknowledged = [...onA, ...onB];
      const res = await fetch(`${b.api}/admin/signatures.csv`, { headers: admin });
      assert.equal(res.status, 200);
      const csv = await res.text();
      const stored = new Set([...csv.matchAll(/load\.\d+@example\.no/g)].map((m) => m[0]));
      const lost = acknowledged.filter((email) => !stored.has(email));
      assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged signatures were lost`);

      const waitedFrom = Date.now();
      let unmailed: string[] = acknowledged;
      await until(
        () => {
          const mailed = new Set(smtp.mails.map(recipientOf));
          unmailed = acknowledged.filter((email) => !mailed.has(email));
          return !unmailed.length;
        },
        'a mail to every acknowledged signer',
        20_000,
      ).catch(() => undefined); // the assertion below says how many are missing
      const mailed = new Set(smtp.mails.map(recipientOf));
      console.log(
        `# acknowledged on A ${onA.length}, on B ${onB.length} (${bAfterDeath} after A died); ` +
          `${failed} requests to A cut off; ${stored.size} rows stored; ` +
          `${smtp.mails.length} mails to ${mailed.size} recipients (all mailed ${Date.now() - waitedFrom} ms after the load)`,
      );
      assert.deepEqual(unmailed, [], `${unmailed.length} of ${acknowledged.length} acknowledged signers got no mail`);
      await until(async () => (await readiness(b.url)).mail.waiting === 0, 'the queue to empty on B', 10_000);
    },
  );
});
