/**
 * The councils table's query: sorting and the search, read from the address (`?sort=…&order=…&q=…`)
 * so that both work without script. A value the page does not know falls back to the default
 * quietly; the page never answers an error for its own links gone stale.
 */
import { isCampaignId } from '../../contract/campaign.js';
import type { CouncilEntry } from './view.js';

export const SORTS = ['name', 'county', 'signers', 'adopted'] as const;
export type Sort = (typeof SORTS)[number];
export type Order = 'asc' | 'desc';

export interface TableQuery {
  sort: Sort;
  order: Order;
  /** The search as typed (trimmed, at most Q_MAX characters); '' for none. */
  q: string;
  /** The campaign shown, when it is not the current one (an archived or coming one); '' for the current. */
  campaign: string;
}

export const Q_MAX = 100;

/** The order a column sorts in when it is chosen: names A–Å, the most signers and newest first. */
export const FIRST_ORDER: Record<Sort, Order> = { name: 'asc', county: 'asc', signers: 'desc', adopted: 'desc' };

const one = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function tableQuery(query: Record<string, unknown> | undefined): TableQuery {
  const sortValue = one(query?.sort);
  const sort = SORTS.find((s) => s === sortValue) ?? 'name';
  const orderValue = one(query?.order);
  const order = orderValue === 'asc' || orderValue === 'desc' ? orderValue : FIRST_ORDER[sort];
  const q = (one(query?.q) ?? '').trim().slice(0, Q_MAX);
  const campaignValue = one(query?.campaign);
  return { sort, order, q, campaign: isCampaignId(campaignValue) ? campaignValue : '' };
}

/**
 * For the search: lower case, without accents (á, č, š…) and with the Sámi letters that have no
 * decomposition (đ, ŋ, ŧ) as their plain ones, so "karasjohka" finds Kárášjohka. Æ, ø and å stay
 * letters of their own, as Norwegians read them.
 */
export const searchable = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/a\u030a/g, 'å')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/ŋ/g, 'n')
    .replace(/ŧ/g, 't')
    .replace(/\s+/g, ' ');

/** The councils whose name, official name (Sámi, Kven) or code holds the search. */
export function search(councils: readonly CouncilEntry[], q: string): CouncilEntry[] {
  const wanted = searchable(q);
  if (!wanted) return [...councils];
  return councils.filter(
    (c) =>
      c.code.startsWith(wanted) ||
      [c.name, c.officialName ?? '', c.label].some((text) => searchable(text).includes(wanted)),
  );
}

const byLabel = (a: CouncilEntry, b: CouncilEntry) =>
  a.label.localeCompare(b.label, 'nb') || a.code.localeCompare(b.code);

/** Sorted as asked; ties by name. Not adopted sorts last in both orders (it has no date to compare). */
export function sortCouncils(councils: readonly CouncilEntry[], { sort, order }: TableQuery): CouncilEntry[] {
  const sign = order === 'asc' ? 1 : -1;
  const compare: Record<Sort, (a: CouncilEntry, b: CouncilEntry) => number> = {
    name: (a, b) => sign * byLabel(a, b),
    county: (a, b) => sign * a.countyName.localeCompare(b.countyName, 'nb') || byLabel(a, b),
    signers: (a, b) => sign * (a.signatures - b.signatures) || byLabel(a, b),
    adopted: (a, b) => {
      if (!a.adoptedOn || !b.adoptedOn) return Number(!a.adoptedOn) - Number(!b.adoptedOn) || byLabel(a, b);
      return sign * a.adoptedOn.localeCompare(b.adoptedOn) || byLabel(a, b);
    },
  };
  return [...councils].sort(compare[sort]);
}
