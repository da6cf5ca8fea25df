import {
  isCampaignId,
  type CampaignAnswer,
  type CampaignLinks,
  type CampaignState,
  type CampaignStatus,
  type CampaignTexts,
} from '../../contract/campaign.js';

export type { CampaignAnswer, CampaignStatus, CampaignTexts };

const STATES: readonly unknown[] = ['upcoming', 'open', 'closed'] satisfies CampaignState[];
/** More blocks than any pledge has; a longer body is a broken answer. */
const MAX_BLOCKS = 40;

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= max;

/** A day as the service writes it (YYYY-MM-DD), and a real one: 2027-13-45 is a broken answer. */
const isDay = (value: unknown): value is string => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(value);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

/**
 * An object (not an array), or undefined. Fields the widget does not know are passed over, as the
 * count's are (src/count-client.ts): a service that adds one must not blank every widget.
 */
const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/**
 * The `campaign` field of the count answer, or of a campaign's own answer (untrusted JSON): exactly
 * a plausible status, for the campaign asked for when one was, else undefined. A closed campaign
 * has its last day.
 */
export function parseStatus(data: unknown, asked: string): CampaignStatus | undefined {
  const s = record(data);
  if (!s || !isCampaignId(s.id) || (asked && s.id !== asked) || !STATES.includes(s.state)) return undefined;
  // Open from the start (null) cannot be upcoming; a closed campaign has its last day.
  if (s.opens === null ? s.state === 'upcoming' : !isDay(s.opens)) return undefined;
  if (s.closes === null ? s.state === 'closed' : !isDay(s.closes)) return undefined;
  return {
    id: s.id,
    state: s.state as CampaignState,
    opens: s.opens as string | null,
    closes: s.closes as string | null,
  };
}

function parseBlock(value: unknown): CampaignTexts['body'][number] | undefined {
  const heading = record(value);
  if (heading && isText(heading.h, 300)) return { h: heading.h };
  const p = record(value);
  if (!p || !isText(p.p, 3000) || (p.caseText !== undefined && !isText(p.caseText, 300))) return undefined;
  return p.caseText === undefined ? { p: p.p } : { p: p.p, caseText: p.caseText };
}

function parseTexts(data: unknown): CampaignTexts | undefined {
  const t = record(data);
  const links = record(t?.links);
  if (!t || !links || !isText(t.title, 200) || !isText(t.lead, 1000) || !isText(t.credit, 500)) return undefined;
  if (!isText(t.about, 300)) return undefined;
  if (!isText(links.pledge, 300) || !isText(links.podcast, 300)) return undefined;
  if (!Array.isArray(t.body) || t.body.length > MAX_BLOCKS) return undefined;
  const body = t.body.map(parseBlock);
  if (body.some((block) => !block)) return undefined;
  return {
    title: t.title,
    about: t.about,
    lead: t.lead,
    body: body as CampaignTexts['body'],
    links: { pledge: links.pledge, podcast: links.podcast },
    credit: t.credit,
  };
}

/**
 * `GET {api}/campaigns/<id>?lang=` (untrusted JSON): a campaign's status, words and links, for the
 * campaign asked for, or undefined for anything that is not exactly that. Its words are plain text,
 * which Lit renders as text; its links stay strings here, and become hrefs only through `safeHref`.
 */
export function parseAnswer(data: unknown, id: string): CampaignAnswer | undefined {
  const a = record(data);
  const campaign = parseStatus(a?.campaign, id);
  const texts = parseTexts(a?.texts);
  const links = record(a?.links);
  const isLink = (value: unknown): value is string => typeof value === 'string' && value.length <= 2000;
  if (!campaign || !texts || !links || !isLink(links.pledge) || !isLink(links.podcast) || !isLink(links.caseText)) {
    return undefined;
  }
  const kept: CampaignLinks = { pledge: links.pledge, podcast: links.podcast, caseText: links.caseText };
  return { campaign, texts, links: kept };
}
