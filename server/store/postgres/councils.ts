// The count, the councils' adoptions and figures, and the public names, on PostgreSQL.
import { SHOWN } from '../conditions.js';
import type { Adoption, Count, PublicSigner } from '../store.js';
import type { Client, Pg } from './database.js';
import { applyWrites } from './writes.js';
import type { CouncilMethods } from '../parts.js';

export function councilMethods({ tx, row, rows, changes }: Pg): CouncilMethods {
  /** In the transaction that changed the count: its time, and a notice to every instance. */
  const countChanged = (c: Client, now: Date) => applyWrites(c, [{ write: 'count-changed', at: now.toISOString() }]);
  return {
    async count() {
      // One statement, one snapshot.
      const counted = await row<Count>(
        `SELECT (SELECT count(*) FROM signatures WHERE confirmed_at IS NOT NULL) AS signatures,
         (SELECT count(*) FROM adoptions) AS councils,
         (SELECT value FROM meta WHERE key = 'count_changed_at') AS "updatedAt"`,
      );
      return counted ?? { signatures: 0, councils: 0, updatedAt: null };
    },
    local(codes, council) {
      // One snapshot, so the count and the names agree.
      return tx(async (c) => {
        const adoption = (
          await c.query<{ adopted_on: string; link: string | null }>(
            'SELECT adopted_on, link FROM adoptions WHERE council = $1',
            [council],
          )
        ).rows.at(0);
        const signatures = (
          await c.query<{ n: number }>(
            'SELECT count(*) AS n FROM signatures WHERE confirmed_at IS NOT NULL AND municipality IN ($1, $2)',
            [...codes],
          )
        ).rows[0].n;
        const names = (
          await c.query<PublicSigner>(
            `SELECT municipality, name, role FROM signatures WHERE ${SHOWN} AND municipality IN ($1, $2)
             ORDER BY name, id`,
            [...codes],
          )
        ).rows;
        return { signatures, adopted: adoption ? { on: adoption.adopted_on, link: adoption.link } : null, names };
      }, true);
    },
    async signersByCouncil() {
      const found = await rows<{ municipality: string; n: number }>(
        'SELECT municipality, count(*) AS n FROM signatures WHERE confirmed_at IS NOT NULL GROUP BY municipality',
      );
      return new Map(found.map((r) => [r.municipality, r.n]));
    },
    publicSigners() {
      return rows<PublicSigner>(
        `SELECT municipality, name, role FROM signatures WHERE ${SHOWN} ORDER BY municipality, name, id`,
      );
    },
    adoptions() {
      return rows<Adoption>('SELECT council, adopted_on, link FROM adoptions ORDER BY council');
    },
    adoptionsNewestFirst() {
      return rows<Adoption & { recorded_at: string }>(
        'SELECT council, adopted_on, link, recorded_at FROM adoptions ORDER BY recorded_at DESC, council',
      );
    },
    async recordAdoption(council, date, link, now = new Date()) {
      const created = await tx(async (c) => {
        const { rows: upserted } = await c.query<{ created: boolean }>(
          `INSERT INTO adoptions (council, adopted_on, link, recorded_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (council) DO UPDATE SET adopted_on = excluded.adopted_on, link = excluded.link,
           recorded_at = excluded.recorded_at RETURNING (xmax = 0) AS created`,
          [council, date, link, now.toISOString()],
        );
        await countChanged(c, now);
        return upserted[0].created;
      });
      changes.version++;
      return created ? 'created' : 'updated';
    },
    async deleteAdoption(council, now = new Date()) {
      const gone = await tx(async (c) => {
        const removed = ((await c.query('DELETE FROM adoptions WHERE council = $1', [council])).rowCount ?? 0) > 0;
        if (removed) await countChanged(c, now);
        return removed;
      });
      if (gone) changes.version++;
      return gone;
    },
  };
}
