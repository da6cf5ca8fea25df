/* eslint-disable @typescript-eslint/require-await -- async for the Store interface; better-sqlite3 itself is synchronous, so each method runs to its end (one transaction) before it yields. */
// The count, the councils' adoptions and figures, and the public names, on SQLite.
import type Database from 'better-sqlite3';
import { SHOWN } from '../conditions.js';
import type { Adoption, PublicSigner } from '../store.js';
import type { CouncilMethods } from '../parts.js';

/** `countChanged`: in the transaction that changed the count, its time and the memos' version. */
export function councilMethods(db: Database.Database, countChanged: (now: Date) => void): CouncilMethods {
  const s = {
    signatures: db.prepare<[string, string], { n: number }>(
      `SELECT (SELECT count(*) FROM signatures WHERE campaign = ? AND confirmed_at IS NOT NULL) +
       (SELECT coalesce(sum(signatures), 0) FROM campaign_tallies WHERE campaign = ?) AS n`,
    ),
    councils: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM adoptions WHERE campaign = ?'),
    changedAt: db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'count_changed_at'"),
    localSigners: db.prepare<[string, string, string, string, string, string], { n: number }>(
      `SELECT (SELECT count(*) FROM signatures WHERE campaign = ? AND confirmed_at IS NOT NULL
       AND municipality IN (?, ?)) + (SELECT coalesce(sum(signatures), 0) FROM campaign_tallies
       WHERE campaign = ? AND municipality IN (?, ?)) AS n`,
    ),
    localNames: db.prepare<[string, string, string], PublicSigner>(
      `SELECT municipality, name, role FROM signatures WHERE campaign = ? AND ${SHOWN} AND municipality IN (?, ?)
       ORDER BY name, id`,
    ),
    adoptionOf: db.prepare<[string, string], { adopted_on: string; link: string | null }>(
      'SELECT adopted_on, link FROM adoptions WHERE campaign = ? AND council = ?',
    ),
    byCouncil: db.prepare<[string, string], { municipality: string; n: number }>(
      `SELECT municipality, sum(n) AS n FROM (
         SELECT municipality, count(*) AS n FROM signatures WHERE campaign = ? AND confirmed_at IS NOT NULL
         GROUP BY municipality
         UNION ALL SELECT municipality, signatures AS n FROM campaign_tallies WHERE campaign = ?
       ) GROUP BY municipality`,
    ),
    publicSigners: db.prepare<[string], PublicSigner>(
      `SELECT municipality, name, role FROM signatures WHERE campaign = ? AND ${SHOWN}
       ORDER BY municipality, name, id`,
    ),
    adoptions: db.prepare<[string], Adoption>(
      'SELECT council, adopted_on, link FROM adoptions WHERE campaign = ? ORDER BY council',
    ),
    newestFirst: db.prepare<[string], Adoption & { recorded_at: string }>(
      'SELECT council, adopted_on, link, recorded_at FROM adoptions WHERE campaign = ? ORDER BY recorded_at DESC, council',
    ),
    upsert: db.prepare(
      `INSERT INTO adoptions (campaign, council, adopted_on, link, recorded_at)
       VALUES (@campaign, @council, @date, @link, @now)
       ON CONFLICT (campaign, council) DO UPDATE SET adopted_on = @date, link = @link, recorded_at = @now`,
    ),
    remove: db.prepare('DELETE FROM adoptions WHERE campaign = ? AND council = ?'),
  };

  return {
    /** The count, computed from the rows every time (no counter kept by hand). */
    async count(campaign) {
      return db.transaction(() => ({
        signatures: s.signatures.get(campaign, campaign)?.n ?? 0,
        councils: s.councils.get(campaign)?.n ?? 0,
        updatedAt: s.changedAt.get()?.value ?? null,
      }))();
    },
    async local(campaign, codes, council) {
      return db.transaction(() => {
        const adoption = s.adoptionOf.get(campaign, council);
        return {
          signatures: s.localSigners.get(campaign, ...codes, campaign, ...codes)?.n ?? 0,
          adopted: adoption ? { on: adoption.adopted_on, link: adoption.link } : null,
          names: s.localNames.all(campaign, ...codes),
        };
      })();
    },
    async signersByCouncil(campaign) {
      return new Map(s.byCouncil.all(campaign, campaign).map((r) => [r.municipality, r.n]));
    },
    async publicSigners(campaign) {
      return s.publicSigners.all(campaign);
    },
    async adoptions(campaign) {
      return s.adoptions.all(campaign);
    },
    async adoptionsNewestFirst(campaign) {
      return s.newestFirst.all(campaign);
    },
    async recordAdoption(campaign, council, date, link, now = new Date()) {
      return db.transaction(() => {
        const existed = !!s.adoptionOf.get(campaign, council);
        s.upsert.run({ campaign, council, date, link, now: now.toISOString() });
        countChanged(now);
        return existed ? ('updated' as const) : ('created' as const);
      })();
    },
    async deleteAdoption(campaign, council, now = new Date()) {
      return db.transaction(() => {
        const gone = s.remove.run(campaign, council).changes > 0;
        if (gone) countChanged(now);
        return gone;
      })();
    },
  };
}
