// A campaigns folder for a test: Valgløftet 2023 as the service ships it, and the fictional
// Testløftet (fixtures/campaigns/testloftet/) with the signing period and retention the test asks
// for. A second campaign is only a folder: nothing else of the service changes for it.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SHIPPED = new URL('../../campaigns/', import.meta.url);
const FICTIONAL = new URL('./fixtures/campaigns/testloftet/', import.meta.url);

/** A day relative to today, YYYY-MM-DD (UTC): `day(-1)` is yesterday. */
export const day = (offset: number, from = new Date()): string =>
  new Date(from.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

export interface Period {
  opens?: string | null;
  closes?: string | null;
  retentionDays?: number;
}

/** Makes the folder; returns its path, for CAMPAIGNS_DIR. */
export async function campaignsDir(testloftet: Period = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-campaigns-'));
  await cp(SHIPPED, dir, { recursive: true });
  await cp(FICTIONAL, join(dir, 'testloftet'), { recursive: true });
  const file = join(dir, 'testloftet', 'campaign.json');
  const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  await writeFile(file, JSON.stringify({ ...data, ...testloftet }, null, 2));
  return dir;
}
