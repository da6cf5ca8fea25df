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
    async count(campaign) {
      // One statement, one snapshot.
      const counted = await row<Count>(
        `SELECT (SELECT count(*) FROM signatures WHERE campaign = $1 AND confirmed_at IS NOT NULL) +
         (SELECT coalesce(sum(signatures), 0) FROM campaign_tallies WHERE campaign = $1) AS signatures,
         (SELECT count(*) FROM adoptions WHERE campaign = $1) AS councils,
         (SELECT value FROM meta WHERE key = 'count_changed_at') AS "updatedAt"`,
        [campaign],
      );
      return counted ?? { signatures: 0, councils: 0, updatedAt: null };
    },
    local(campaign, codes, council) {
      // One snapshot, so the count and the names agree.
      return tx(async (c) => {
        const adoption = (
          await c.query<{ adopted_on: string; link: string | null }>(
            'SELECT adopted_on, link FROM adoptions WHERE campaign = $1 AND council = $2',
            [campaign, council],
          )
        ).rows.at(0);
        const signatures = (
          await c.query<{ n: number }>(
            `SELECT (SELECT count(*) FROM signatures WHERE campaign = $1 AND confirmed_at IS NOT NULL
             AND municipality IN ($2, $3)) + (SELECT coalesce(sum(signatures), 0) FROM campaign_tallies
             WHERE campaign = $1 AND municipality IN ($2, $3)) AS n`,
            [campaign, ...codes],
          )
        ).rows[0].n;
        const names = (
          await c.query<PublicSigner>(
            `SELECT municipality, name, role FROM signatures WHERE campaign = $1 AND ${SHOWN}
             AND municipality IN ($2, $3) ORDER BY name, id`,
            [campaign, ...codes],
          )
        ).rows;
        return { signatures, adopted: adoption ? { on: adoption.adopted_on, link: adoption.link } : null, names };
      }, true);
    },
    async signersByCouncil(campaign) {
      const found = await rows<{ municipality: string; n: number }>(
        `SELECT municipality, sum(n)::integer AS n FROM (
           SELECT municipality, count(*) AS n FROM signatures WHERE campaign = $1 AND confirmed_at IS NOT NULL
           GROUP BY municipality
           UNION ALL SELECT municipality, signatures AS n FROM campaign_tallies WHERE campaign = $1
         ) AS counted GROUP BY municipality`,
        [campaign],
      );
      return new Map(found.map((r) => [r.municipality, r.n]));
    },
    publicSigners(campaign) {
      return rows<PublicSigner>(
        `SELECT municipality, name, role FROM signatures WHERE campaign = $1 AND ${SHOWN}
         ORDER BY municipality, name, id`,
        [campaign],
      );
    },
    adoptions(campaign) {
      return rows<Adoption>('SELECT council, adopted_on, link FROM adoptions WHERE campaign = $1 ORDER BY council', [
        campaign,
      ]);
    },
    adoptionsNewestFirst(campaign) {
      return rows<Adoption & { recorded_at: string }>(
        `SELECT council, adopted_on, link, recorded_at FROM adoptions WHERE campaign = $1
         ORDER BY recorded_at DESC, council`,
        [campaign],
      );
    },
    async recordAdoption(campaign, council, date, link, now = new Date()) {
      const created = await tx(async (c) => {
        const { rows: upserted } = await c.query<{ created: boolean }>(
          `INSERT INTO adoptions (campaign, council, adopted_on, link, recorded_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (campaign, council) DO UPDATE SET adopted_on = excluded.adopted_on, link = excluded.link,
           recorded_at = excluded.recorded_at RETURNING (xmax = 0) AS created`,
          [campaign, council, date, link, now.toISOString()],
        );
        await countChanged(c, now);
        return upserted[0].created;
      });
      changes.version++;
      return created ? 'created' : 'updated';
    },
    async deleteAdoption(campaign, council, now = new Date()) {
      const gone = await tx(async (c) => {
        const removed =
          ((await c.query('DELETE FROM adoptions WHERE campaign = $1 AND council = $2', [campaign, council]))
            .rowCount ?? 0) > 0;
        if (removed) await countChanged(c, now);
        return removed;
      });
      if (gone) changes.version++;
      return gone;
    },
  };
}
