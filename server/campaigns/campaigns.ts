// The campaigns the service serves (issue 27): each a folder of `campaigns/` (CAMPAIGNS_DIR), read
// once on start and checked, so a mistake in a new folder stops the service with a message that
// names the file, rather than showing a broken pledge. A campaign is content: its signing period,
// how long signers' data are kept after it, its links, and its words in bokmål and nynorsk.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  isCampaignId,
  type CampaignLinks,
  type CampaignState,
  type CampaignStatus,
  type CampaignTexts,
} from '../../contract/campaign.js';
import type { Lang } from '../../contract/signature.js';

export interface Campaign {
  /** The folder's name. */
  id: string;
  /** The election it is made for, YYYY-MM-DD. */
  election: string;
  /** First and last day of signing (Norwegian days); null: open from the start, or no end set. */
  opens: string | null;
  closes: string | null;
  /** Days after the close that signers' names, addresses and tokens are kept; then deleted. */
  retentionDays: number;
  links: CampaignLinks;
  texts: Record<Lang, CampaignTexts>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (value: unknown): value is string =>
  typeof value === 'string' && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

/** The UTC instant a Norwegian day begins: 00:00 in Oslo, +01:00 in winter and +02:00 in summer. */
export function osloDayStart(day: string): Date {
  const noon = new Date(`${day}T12:00:00Z`);
  const offset = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Oslo', timeZoneName: 'longOffset' })
    .formatToParts(noon)
    .find((part) => part.type === 'timeZoneName')?.value;
  const [, sign = '+', hours = '0', minutes = '0'] = /GMT([+-])(\d{2}):(\d{2})/.exec(offset ?? '') ?? [];
  const ms = (Number(hours) * 60 + Number(minutes)) * 60_000 * (sign === '-' ? -1 : 1);
  return new Date(Date.parse(`${day}T00:00:00Z`) - ms);
}

/** The day after `day`, YYYY-MM-DD. */
const nextDay = (day: string, days = 1): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Signing ends when the day after `closes` begins in Norway; undefined while no end is set. */
export const closesAt = (campaign: Campaign): Date | undefined =>
  campaign.closes === null ? undefined : osloDayStart(nextDay(campaign.closes));

/** The Norwegian day its signers' data are deleted on, YYYY-MM-DD; undefined while no close is set. */
export const deletionDay = (campaign: Campaign): string | undefined =>
  campaign.closes === null ? undefined : nextDay(campaign.closes, 1 + campaign.retentionDays);

/** When its signers' names, addresses and tokens are deleted: `retentionDays` after the close. */
export const deletesAt = (campaign: Campaign): Date | undefined =>
  campaign.closes === null ? undefined : osloDayStart(nextDay(campaign.closes, 1 + campaign.retentionDays));

export function stateOf(campaign: Campaign, now: Date): CampaignState {
  if (campaign.opens !== null && now < osloDayStart(campaign.opens)) return 'upcoming';
  const end = closesAt(campaign);
  return end && now >= end ? 'closed' : 'open';
}

export const statusOf = (campaign: Campaign, now: Date): CampaignStatus => ({
  id: campaign.id,
  state: stateOf(campaign, now),
  opens: campaign.opens,
  closes: campaign.closes,
});

/** A campaign folder the service cannot serve: the message names the file and what is wrong. */
export class CampaignError extends Error {}

const fail = (file: string, why: string): never => {
  throw new CampaignError(`${file}: ${why}`);
};

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return fail(file, 'missing');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return fail(file, `not JSON (${(error as Error).message})`);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A text a translator wrote: a string with something in it, plain (no markup, no control characters). */
function plain(file: string, where: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') return fail(file, `${where} must be a text`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[<>\u0000-\u001f]/.test(value)) return fail(file, `${where} must be plain text, without < > or line breaks`);
  return value;
}

function textsFrom(file: string, data: unknown): CampaignTexts {
  if (!isRecord(data)) return fail(file, 'must be an object');
  const { title, about, lead, body, links, credit } = data;
  if (!Array.isArray(body) || body.length === 0) return fail(file, 'body must be a list of { "h" } and { "p" }');
  if (!isRecord(links)) return fail(file, 'links must be { "pledge", "podcast" }');
  return {
    title: plain(file, 'title', title),
    about: plain(file, 'about', about),
    lead: plain(file, 'lead', lead),
    body: body.map((block: unknown, i) => {
      if (isRecord(block) && 'h' in block) return { h: plain(file, `body[${i}].h`, block.h) };
      if (!isRecord(block) || !('p' in block)) return fail(file, `body[${i}] must be { "h": … } or { "p": … }`);
      const p = plain(file, `body[${i}].p`, block.p);
      return block.caseText === undefined ? { p } : { p, caseText: plain(file, `body[${i}].caseText`, block.caseText) };
    }),
    links: { pledge: plain(file, 'links.pledge', links.pledge), podcast: plain(file, 'links.podcast', links.podcast) },
    credit: plain(file, 'credit', credit),
  };
}

function link(file: string, where: string, value: unknown, optional = false): string {
  if (optional && value === '') return '';
  if (typeof value === 'string' && /^https:\/\/[^\s<>"]+$/.test(value) && URL.canParse(value)) return value;
  return fail(file, `${where} must be an https:// address${optional ? ' or ""' : ''}`);
}

function campaignFrom(dir: string, id: string): Campaign {
  const file = join(dir, id, 'campaign.json');
  const data = readJson(file);
  if (!isRecord(data)) return fail(file, 'must be an object');
  const { election, opens, closes, retentionDays, links } = data;
  if (!isDay(election)) fail(file, 'election must be a day, YYYY-MM-DD');
  if (opens !== null && !isDay(opens)) fail(file, 'opens must be a day, YYYY-MM-DD, or null');
  if (closes !== null && !isDay(closes)) fail(file, 'closes must be a day, YYYY-MM-DD, or null');
  if (isDay(opens) && isDay(closes) && closes < opens) fail(file, 'closes must not come before opens');
  if (!Number.isInteger(retentionDays) || (retentionDays as number) < 0 || (retentionDays as number) > 3660) {
    fail(file, 'retentionDays must be a whole number of days from 0 to 3660');
  }
  if (!isRecord(links)) return fail(file, 'links must be { "pledge", "podcast", "caseText" }');
  return {
    id,
    election: election as string,
    opens: opens as string | null,
    closes: closes as string | null,
    retentionDays: retentionDays as number,
    links: {
      pledge: link(file, 'links.pledge', links.pledge),
      podcast: link(file, 'links.podcast', links.podcast),
      caseText: link(file, 'links.caseText', links.caseText, true),
    },
    texts: {
      nb: textsFrom(join(dir, id, 'nb.json'), readJson(join(dir, id, 'nb.json'))),
      nn: textsFrom(join(dir, id, 'nn.json'), readJson(join(dir, id, 'nn.json'))),
    },
  };
}

/** Every campaign the service serves, and which of them is current. */
export interface Campaigns {
  /** Newest election first. */
  readonly all: readonly Campaign[];
  get(id: string): Campaign | undefined;
  /** The configured one (CAMPAIGN), else the newest open one, else the newest. */
  current(now?: Date): Campaign;
}

/**
 * Reads every folder of `dir`, newest election first. Throws, naming the file and what is wrong,
 * for a folder that is not a whole campaign, a bad folder name, none at all, or a `current` id
 * that is not among them.
 */
export function loadCampaigns(dir: string, currentId?: string): Campaigns {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory());
  } catch {
    throw new CampaignError(`CAMPAIGNS_DIR ${dir}: not a folder`);
  }
  const bad = names.filter((name) => !isCampaignId(name));
  if (bad.length) {
    throw new CampaignError(
      `${dir}: a campaign's folder is named by its id, lower-case letters, digits and hyphens: not ${bad.join(', ')}`,
    );
  }
  const all = names
    .map((name) => campaignFrom(dir, name))
    .sort((a, b) => b.election.localeCompare(a.election) || b.id.localeCompare(a.id));
  const newest = all.at(0);
  if (!newest) throw new CampaignError(`${dir}: no campaign (a folder with campaign.json, nb.json and nn.json)`);
  const byId = new Map(all.map((campaign) => [campaign.id, campaign]));
  const configured = currentId === undefined ? undefined : byId.get(currentId);
  if (currentId !== undefined && !configured) {
    throw new CampaignError(`CAMPAIGN=${currentId} is not a folder of ${dir} (there: ${[...byId.keys()].join(', ')})`);
  }
  return {
    all,
    get: (id) => byId.get(id),
    current: (now = new Date()) => configured ?? all.find((campaign) => stateOf(campaign, now) === 'open') ?? newest,
  };
}
