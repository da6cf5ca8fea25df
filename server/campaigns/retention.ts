// The service's hourly work on what it keeps: unconfirmed signatures whose link has expired go,
// and so does every signer's name, address and token of a campaign whose retention has ended
// (campaign.json's `retentionDays` after its close), keeping only its counts per council and role
// and its adoptions. Run at start and every hour (main.ts); the tests call it with a moved clock.
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../store/index.js';
import { deletesAt, type Campaigns } from './campaigns.js';

/** Who the audit log names for what the service does by itself, on schedule. */
export const SCHEDULE_ADMIN = 'Tjenesten (sletting etter plan)';

export interface HourlyResult {
  purged: number;
  /** Per campaign whose data went in this run: how many signatures. */
  deleted: Record<string, number>;
}

export async function hourly(
  store: Store,
  campaigns: Campaigns,
  log: FastifyBaseLogger,
  now = new Date(),
): Promise<HourlyResult> {
  const result: HourlyResult = { purged: 0, deleted: {} };
  try {
    result.purged = await store.purgeUnconfirmed(now);
    if (result.purged) log.info({ purged: result.purged }, 'deleted unconfirmed signatures whose link expired');
  } catch (err) {
    log.error({ err }, 'could not delete expired unconfirmed signatures; will try again in an hour');
  }
  const done = new Set((await store.campaignDeletions()).map((d) => d.campaign));
  for (const campaign of campaigns.all) {
    const due = deletesAt(campaign);
    if (!due || due > now || done.has(campaign.id)) continue;
    try {
      const deleted = await store.deleteCampaignData(campaign.id, now);
      if (deleted === undefined) continue; // another instance did it
      result.deleted[campaign.id] = deleted;
      // Counts only: the log never names a signer.
      await store.audit(SCHEDULE_ADMIN, 'campaign-data-deleted', String(deleted), campaign.id, now);
      log.info({ campaign: campaign.id, deleted }, "deleted a closed campaign's signers' data after its retention");
    } catch (err) {
      log.error({ err, campaign: campaign.id }, "could not delete a campaign's data; will try again in an hour");
    }
  }
  return result;
}
