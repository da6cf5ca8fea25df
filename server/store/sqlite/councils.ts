/* eslint-disable @typescript-eslint/require-await -- async for the Store interface; better-sqlite3 itself is synchronous, so each method runs to its end (one transaction) before it yields. */
// The count, the councils' adoptions and figures, and the public names, on SQLite.
import type Database from 'better-sqlite3';
import { SHOWN } from '../conditions.js';
import type { Adoption, PublicSigner } from '../store.js';
import type { CouncilMethods } from '../parts.js';

/** `countChanged`: in the transaction that changed the count, its time and the memos' version. */
export function councilMethods(db: Database.Database, countChanged: (now: Date) => void): CouncilMethods {
  const s = {
    signatures: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM signatures WHERE confirmed_at IS NOT NULL'),
    councils: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM adoptions'),
    changedAt: db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'count_changed_at'"),
    localSigners: db.prepare<[string, string], { n: number }>(
      'SELECT count(*) AS n FROM signatures WHERE confirmed_at IS NOT NULL AND municipality IN (?, ?)',
    ),
    localNames: db.prepare<[string, string], PublicSigner>(
      `SELECT municipality, name, role FROM signatures WHERE ${SHOWN} AND municipality IN (?, ?) ORDER BY name, id`,
    ),
    adoptionOf: db.prepare<[string], { adopted_on: string; link: string | null }>(
      'SELECT adopted_on, link FROM adoptions WHERE council = ?',
    ),
    byCouncil: db.prepare<[], { municipality: string; n: number }>(
      'SELECT municipality, count(*) AS n FROM signatures WHERE confirmed_at IS NOT NULL GROUP BY municipality',
    ),
    publicSigners: db.prepare<[], PublicSigner>(
      `SELECT municipality, name, role FROM signatures WHERE ${SHOWN} ORDER BY municipality, name, id`,
    ),
    adoptions: db.prepare<[], Adoption>('SELECT council, adopted_on, link FROM adoptions ORDER BY council'),
    newestFirst: db.prepare<[], Adoption & { recorded_at: string }>(
      'SELECT council, adopted_on, link, recorded_at FROM adoptions ORDER BY recorded_at DESC, council',
    ),
    upsert: db.prepare(
      `INSERT INTO adoptions (council, adopted_on, link, recorded_at) VALUES (@council, @date, @link, @now)
       ON CONFLICT (council) DO UPDATE SET adopted_on = @date, link = @link, recorded_at = @now`,
    ),
    remove: db.prepare('DELETE FROM adoptions WHERE council = ?'),
  };

  return {
    /** The count, computed from the rows every time (no counter kept by hand). */
    async count() {
      return db.transaction(() => ({
        signatures: s.signatures.get()?.n ?? 0,
        councils: s.councils.get()?.n ?? 0,
        updatedAt: s.changedAt.get()?.value ?? null,
      }))();
    },
    async local(codes, council) {
      return db.transaction(() => {
        const adoption = s.adoptionOf.get(council);
        return {
          signatures: s.localSigners.get(...codes)?.n ?? 0,
          adopted: adoption ? { on: adoption.adopted_on, link: adoption.link } : null,
          names: s.localNames.all(...codes),
        };
      })();
    },
    async signersByCouncil() {
      return new Map(s.byCouncil.all().map((r) => [r.municipality, r.n]));
    },
    async publicSigners() {
      return s.publicSigners.all();
    },
    async adoptions() {
      return s.adoptions.all();
    },
    async adoptionsNewestFirst() {
      return s.newestFirst.all();
    },
    async recordAdoption(council, date, link, now = new Date()) {
      return db.transaction(() => {
        const existed = !!s.adoptionOf.get(council);
        s.upsert.run({ council, date, link, now: now.toISOString() });
        countChanged(now);
        return existed ? ('updated' as const) : ('created' as const);
      })();
    },
    async deleteAdoption(council, now = new Date()) {
      return db.transaction(() => {
        const gone = s.remove.run(council).changes > 0;
        if (gone) countChanged(now);
        return gone;
      })();
    },
  };
}
