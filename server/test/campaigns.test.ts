// Campaigns (issue 27): a campaign is a folder; a second one — the fictional Testløftet — is
// served, signed, counted, closed and its signers' data deleted with no change to code. On both
// engines (npm run test:postgres runs this file on PostgreSQL).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFile, rm, writeFile, mkdir, cp } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadCampaigns, osloDayStart, stateOf } from '../campaigns/campaigns.js';
import { hourly, SCHEDULE_ADMIN } from '../campaigns/retention.js';
import { campaignsDir, day } from './campaigns-dir.js';
import {
  ENGINE,
  approveNames,
  linkIn,
  post,
  pressButtonBehind,
  request,
  signer,
  startService,
  type Service,
} from './harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
after(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});
const folder = async (period: Parameters<typeof campaignsDir>[0]) => {
  const dir = await campaignsDir(period);
  dirs.push(dir);
  return dir;
};

interface CountAnswer {
  signatures: number;
  councils: number;
  campaign: { id: string; state: string; opens: string | null; closes: string | null };
}
const countOf = async (s: Service, campaign?: string) =>
  (await (await request(`${s.url}/api/count${campaign ? `?campaign=${campaign}` : ''}`)).json()) as CountAnswer;

/** Signs, and confirms through the mail's link, as a person does. */
async function signAndConfirm(s: Service, who: Record<string, unknown>): Promise<void> {
  const res = await post(`${s.url}/api/signatures`, who);
  assert.equal(res.status, 202, await res.clone().text());
  const mail = await s.mail.mailTo(String(who.email));
  await pressButtonBehind(linkIn(mail, 'confirm'));
}

describe('campaign folders', () => {
  test('the shipped folder is Valgløftet 2023, open, current, with the words the widget compiles', async () => {
    const campaigns = loadCampaigns(new URL('../../campaigns', import.meta.url).pathname);
    assert.deepEqual(
      campaigns.all.map((c) => c.id),
      ['2023'],
    );
    const current = campaigns.current();
    assert.equal(current.id, '2023');
    assert.equal(stateOf(current, new Date()), 'open');
    // The folder's words are the widget's, word for word: bokmål as the source of src/pledge-content.ts,
    // nynorsk as locales/nn.xlf translates it (the first script carries 2023's words compiled in).
    const source = await readFile(new URL('../../src/pledge-content.ts', import.meta.url), 'utf8');
    const xlf = await readFile(new URL('../../locales/nn.xlf', import.meta.url), 'utf8');
    const nb = new Map(
      [...source.matchAll(/msg\(\s*'((?:[^'\\]|\\.)*)',\s*\{\s*id:\s*'([^']+)'/g)].map((m) => [m[2], m[1]]),
    );
    const nn = new Map(
      [...xlf.matchAll(/<trans-unit id="([^"]+)">[\s\S]*?<target>([\s\S]*?)<\/target>/g)].map((m) => [m[1], m[2]]),
    );
    for (const [lang, words] of [
      ['nb', nb],
      ['nn', nn],
    ] as const) {
      const t = current.texts[lang];
      assert.equal(t.title, words.get('title'));
      assert.equal(t.lead, words.get('lead'));
      assert.equal(t.credit, words.get('credit'));
      assert.deepEqual(t.links, { pledge: words.get('links.pledge'), podcast: words.get('links.podcast') });
      const body = t.body.flatMap((b) => ('h' in b ? [b.h] : [b.p, ...(b.caseText ? [b.caseText] : [])]));
      const ids = ['intro.quote', 'intro.handover', 'intro.history', 'democracy.heading', 'democracy.risks'];
      ids.push('democracy.participation', 'call.heading', 'call.quote', 'call.adopted', 'call.caseText');
      assert.deepEqual(
        body,
        ids.map((id) => words.get(id)),
      );
    }
  });

  test('a mistake in a folder stops the service, naming the file and what is wrong', async () => {
    const dir = await folder({});
    const broken = async (file: string, edit: (text: string) => string, message: RegExp) => {
      const path = join(dir, 'testloftet', file);
      const kept = await readFile(path, 'utf8');
      await writeFile(path, edit(kept));
      try {
        assert.throws(() => loadCampaigns(dir), message);
        // What an operator sees: the service does not start, and says why.
        const started = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
          cwd: ROOT,
          env: { ...process.env, CAMPAIGNS_DIR: dir, DATA_DIR: join(dir, '.data'), PORT: '0', DEMO: '0' },
          encoding: 'utf8',
          timeout: 30_000,
        });
        assert.equal(started.status, 1);
        assert.match(started.stderr, message);
        assert.match(started.stderr, /The service did not start/);
      } finally {
        await writeFile(path, kept);
      }
    };
    await broken(
      'nn.json',
      (t) => t.replace('"Testløftet"', '"<b>Testløftet</b>"'),
      /nn\.json: title must be plain text/,
    );
    await broken('nb.json', (t) => t.slice(0, -5), /nb\.json: not JSON/);
    await broken('nb.json', (t) => t.replace(/"about": "[^"]*",/, ''), /nb\.json: about must be a text/);
    await broken(
      'campaign.json',
      (t) => t.replace('"2027-09-12"', '"2026-01-01"'),
      /closes must not come before opens/,
    );
    await broken(
      'campaign.json',
      (t) => t.replace('https://testloftet', 'javascript://x'),
      /links\.pledge must be an https/,
    );
    await broken('campaign.json', (t) => t.replace('"retentionDays": 90', '"retentionDays": -1'), /retentionDays/);
    await mkdir(join(dir, 'Store Bokstaver'));
    assert.throws(() => loadCampaigns(dir), /named by its id.*not Store Bokstaver/);
    await rm(join(dir, 'Store Bokstaver'), { recursive: true });
    await cp(join(dir, 'testloftet'), join(dir, 'uten-nynorsk'), { recursive: true });
    await rm(join(dir, 'uten-nynorsk', 'nn.json'));
    assert.throws(() => loadCampaigns(dir), /uten-nynorsk\/nn\.json: missing/);
    await rm(join(dir, 'uten-nynorsk'), { recursive: true });
    assert.throws(() => loadCampaigns(dir, '2031'), /CAMPAIGN=2031 is not a folder/);
    assert.equal(loadCampaigns(dir).all.length, 2, 'whole again');
  });

  test('signing opens and closes at midnight in Norway, summer time and winter time alike', async () => {
    const campaigns = loadCampaigns(await folder({ opens: '2027-03-29', closes: '2027-10-31' }));
    const testloftet = campaigns.get('testloftet')!;
    assert.equal(osloDayStart('2027-03-29').toISOString(), '2027-03-28T22:00:00.000Z', 'summer: UTC+2');
    assert.equal(osloDayStart('2027-11-01').toISOString(), '2027-10-31T23:00:00.000Z', 'winter: UTC+1');
    assert.equal(stateOf(testloftet, new Date('2027-03-28T21:59:59Z')), 'upcoming');
    assert.equal(stateOf(testloftet, new Date('2027-03-28T22:00:00Z')), 'open');
    assert.equal(stateOf(testloftet, new Date('2027-10-31T22:59:59Z')), 'open', 'the last day is a whole day');
    assert.equal(stateOf(testloftet, new Date('2027-10-31T23:00:00Z')), 'closed');
    // The current campaign: the newest open one; none open: the newest; configured: that one.
    assert.equal(campaigns.current(new Date('2027-05-01T12:00:00Z')).id, 'testloftet');
    assert.equal(campaigns.current(new Date('2027-01-01T12:00:00Z')).id, '2023', 'Testløftet not open yet');
    assert.equal(loadCampaigns(await folder({}), '2023').current(new Date('2027-05-01T12:00:00Z')).id, '2023');
  });
});

describe('a second campaign, made of a folder only', () => {
  test('is served, signed and counted on its own: the same person signs each campaign once', async () => {
    const s = await startService({ CAMPAIGNS_DIR: await folder({ opens: day(-10), closes: day(30) }) });
    try {
      const listed = (await (await request(`${s.url}/api/campaigns`)).json()) as {
        current: string;
        campaigns: { id: string; state: string; title: { nb: string } }[];
      };
      assert.equal(listed.current, 'testloftet', 'the newest open campaign is current');
      assert.deepEqual(
        listed.campaigns.map((c) => [c.id, c.state, c.title.nb]),
        [
          ['testloftet', 'open', 'Testløftet'],
          ['2023', 'open', 'Valgløftet 2023'],
        ],
      );
      const nn = (await (await request(`${s.url}/api/campaigns/testloftet?lang=nn`)).json()) as {
        texts: { title: string; lead: string };
        links: { pledge: string };
      };
      assert.match(nn.texts.lead, /eit oppdikta løfte/);
      assert.equal(nn.links.pledge, 'https://testloftet.example.no/loftet');
      assert.equal((await request(`${s.url}/api/campaigns/2031`)).status, 404);
      assert.equal((await request(`${s.url}/api/count?campaign=2031`)).status, 404);

      const kari = signer('kari', { name: 'Kari Testesen', email: 'kari.testesen@example.no', showName: true });
      await signAndConfirm(s, { ...kari, campaign: 'testloftet' });
      s.mail.mails.length = 0;
      await signAndConfirm(s, { ...kari, campaign: '2023' });
      await signAndConfirm(s, signer('ola', { campaign: 'testloftet' }));
      const [test, v2023, current] = [await countOf(s, 'testloftet'), await countOf(s, '2023'), await countOf(s)];
      assert.equal(test.signatures, 2);
      assert.equal(v2023.signatures, 1, 'Kari counts once in each campaign');
      assert.deepEqual(current, test, 'without ?campaign: the current campaign');
      assert.deepEqual(test.campaign, { id: 'testloftet', state: 'open', opens: day(-10), closes: day(30) });
      assert.deepEqual(v2023.campaign, { id: '2023', state: 'open', opens: null, closes: null });
      // Names and adoptions are per campaign too.
      await approveNames(s.url);
      const local = async (campaign: string) =>
        (
          (await (await request(`${s.url}/api/count?campaign=${campaign}&municipality=4601`)).json()) as {
            local: { signatures: number; names: { name: string }[] };
          }
        ).local;
      assert.deepEqual(
        (await local('testloftet')).names.map((n) => n.name),
        ['Kari Testesen'],
      );
      assert.equal((await local('2023')).signatures, 1);
      assert.equal(await s.store.recordAdoption('testloftet', '4601', '2027-02-01', null), 'created');
      assert.equal((await countOf(s, 'testloftet')).councils, 1);
      assert.equal((await countOf(s, '2023')).councils, 0);
      // An unknown campaign in the form is a field to mend.
      const unknown = await post(`${s.url}/api/signatures`, signer('x', { campaign: 'ukjent' }));
      assert.equal(unknown.status, 422);
      assert.deepEqual(await unknown.json(), { error: 'invalid_fields', fields: { campaign: 'unknown' } });
    } finally {
      await s.dispose();
    }
  });

  test('before it opens and after it closes, no signature is taken; one made while open is still confirmed', async () => {
    const dir = await folder({ opens: day(-10), closes: day(30) });
    const s = await startService({ CAMPAIGNS_DIR: dir });
    let restarted: Service | undefined;
    try {
      // Signed while open; the mail waits in the signer's inbox while the campaign closes.
      const res = await post(`${s.url}/api/signatures`, signer('sent', { campaign: 'testloftet' }));
      assert.equal(res.status, 202);
      const link = linkIn(await s.mail.mailTo('ola.sent@example.no'), 'confirm');
      await s.stop();
      // KS closes it (yesterday was its last day): the folder changes, the service restarts.
      const file = join(dir, 'testloftet', 'campaign.json');
      const data = JSON.parse(await readFile(file, 'utf8')) as object;
      await writeFile(file, JSON.stringify({ ...data, closes: day(-1) }));
      restarted = await startService({ CAMPAIGNS_DIR: dir }, { dataDir: s.dataDir, mail: s.mail });
      const closed = await post(`${restarted.url}/api/signatures`, signer('late', { campaign: 'testloftet' }));
      assert.equal(closed.status, 409);
      assert.deepEqual(await closed.json(), { error: 'campaign_closed' });
      const confirmed = await pressButtonBehind(link.replace(s.url, restarted.url));
      assert.equal(confirmed.status, 200);
      const final = await countOf(restarted, 'testloftet');
      assert.equal(final.signatures, 1, 'the signature made while open counts');
      assert.equal(final.campaign.state, 'closed');
      assert.equal((await countOf(restarted)).campaign.id, '2023', 'the newest open campaign is current again');

      // Not yet open: the same answer.
      await restarted.stop();
      await writeFile(file, JSON.stringify({ ...data, opens: day(5), closes: day(40) }));
      restarted = await startService({ CAMPAIGNS_DIR: dir }, { dataDir: s.dataDir, mail: s.mail });
      const early = await post(`${restarted.url}/api/signatures`, signer('early', { campaign: 'testloftet' }));
      assert.equal(early.status, 409);
      assert.deepEqual(await early.json(), { error: 'campaign_closed' });
      assert.equal((await countOf(restarted, 'testloftet')).campaign.state, 'upcoming');
    } finally {
      await restarted?.dispose();
      await s.dispose();
    }
  });

  test("when its retention ends, its signers' data go and its figures stay", async () => {
    const dir = await folder({ opens: day(-10), closes: day(30), retentionDays: 2 });
    const s = await startService({ CAMPAIGNS_DIR: dir, SMTP_URL: '' }, {});
    let restarted: Service | undefined;
    try {
      // Two confirmed in Bergen (one named, approved), one in Oslo, one never confirmed.
      await post(
        `${s.url}/api/signatures`,
        signer('w', {
          campaign: 'testloftet',
          name: 'Wenche Visker',
          email: 'wenche.visker@example.no',
          showName: true,
          role: 'candidate',
        }),
      );
      await post(
        `${s.url}/api/signatures`,
        signer('e', { campaign: 'testloftet', name: 'Erling Slettum', email: 'erling.slettum@example.no' }),
      );
      await post(
        `${s.url}/api/signatures`,
        signer('o', {
          campaign: 'testloftet',
          name: 'Oddny Osloby',
          email: 'oddny.osloby@example.no',
          municipality: '0301',
        }),
      );
      await post(
        `${s.url}/api/signatures`,
        signer('p', { campaign: 'testloftet', name: 'Petter Pending', email: 'petter.pending@example.no' }),
      );
      await post(
        `${s.url}/api/signatures`,
        signer('k', { campaign: '2023', name: 'Kari Beholdt', email: 'kari.beholdt@example.no' }),
      );
      const outbox = join(s.dataDir, 'outbox.txt');
      const text = async () => readFile(outbox, 'utf8').catch(() => '');
      for (const who of ['wenche', 'erling', 'oddny']) {
        const mails = await text();
        const at = mails.lastIndexOf(`${who}.`);
        const link = /http\S+\/confirm\?token=[\w-]+&lang=nb/.exec(mails.slice(at))?.[0];
        assert.ok(link, `${who}'s mail`);
        await pressButtonBehind(link);
      }
      await approveNames(s.url);
      const before = await countOf(s, 'testloftet');
      assert.equal(before.signatures, 3);
      const council = async (service: Service) =>
        (
          (await (await request(`${service.url}/api/count?campaign=testloftet&municipality=4601`)).json()) as {
            local: { signatures: number; names: unknown[] };
          }
        ).local;
      assert.equal((await council(s)).names.length, 1);
      await s.stop();

      // It closed a week ago; two days' retention have passed.
      const file = join(dir, 'testloftet', 'campaign.json');
      const data = JSON.parse(await readFile(file, 'utf8')) as object;
      await writeFile(file, JSON.stringify({ ...data, closes: day(-7) }));
      restarted = await startService({ CAMPAIGNS_DIR: dir, SMTP_URL: '' }, { dataDir: s.dataDir, mail: s.mail });
      const r = restarted;
      const listed = (await (await request(`${r.url}/api/campaigns`)).json()) as {
        campaigns: { id: string; deletes: string | null }[];
      };
      assert.equal(listed.campaigns.find((c) => c.id === 'testloftet')?.deletes, osloDayStart(day(-4)).toISOString());
      const done = await hourly(r.store, r.app.campaigns, r.app.log);
      assert.deepEqual(done.deleted, { testloftet: 4 }, 'every signature of it, confirmed or not');
      assert.deepEqual((await hourly(r.store, r.app.campaigns, r.app.log)).deleted, {}, 'once');

      // The figures stay: the count, the council's count; the names and addresses are gone.
      const after = await countOf(r, 'testloftet');
      assert.equal(after.signatures, 3);
      const bergen = await council(r);
      assert.equal(bergen.signatures, 2);
      assert.deepEqual(bergen.names, []);
      assert.deepEqual([...(await r.store.signersByCouncil('testloftet'))].sort(), [
        ['0301', 1],
        ['4601', 2],
      ]);
      assert.deepEqual(await r.store.publicSigners('testloftet'), []);
      assert.deepEqual(await r.store.exportRows('testloftet'), []);
      assert.equal(await r.store.erasable('wenche.visker@example.no'), 0);
      // 2023's signer is untouched.
      assert.equal(await r.store.erasable('kari.beholdt@example.no'), 1);
      // The log says how many, and of which campaign; never whose.
      const [entry] = await r.store.auditLog(1);
      assert.deepEqual(
        { admin: entry.admin, action: entry.action, object: entry.object, campaign: entry.campaign },
        { admin: SCHEDULE_ADMIN, action: 'campaign-data-deleted', object: '4', campaign: 'testloftet' },
      );
      if (ENGINE === 'sqlite') {
        // Nothing left in the files: secure_delete, the WAL emptied, the file vacuumed; and the outbox's copies gone.
        await r.stop();
        for (const name of ['valgloftet.sqlite', 'valgloftet.sqlite-wal', 'outbox.txt']) {
          const bytes = await readFile(join(s.dataDir, name)).catch(() => Buffer.alloc(0));
          for (const secret of ['Wenche', 'Visker', 'wenche', 'Erling', 'Slettum', 'Oddny', 'Petter Pending']) {
            assert.ok(!bytes.includes(secret), `${name} still holds "${secret}"`);
          }
          if (name !== 'outbox.txt') continue;
          assert.ok(bytes.includes('kari.beholdt'), "2023's mail stays in the outbox");
        }
      }
    } finally {
      await restarted?.dispose();
      await s.dispose();
    }
  });
});
