// Statistics: no names, no addresses; signatures confirmed and not by county, by municipality and
// by day (the last 30).
import type { FastifyInstance } from 'fastify';
import { labelOf, placeOf } from '../../councils/municipalities.js';
import { paragraphs, table } from '../../pages/components.js';
import { html, nothing } from '../../pages/template.js';
import type { Store } from '../../store/store.js';
import { norwegianDate, number } from '../fields.js';
import { signedInScreen, texts } from '../frame.js';

type Row = [label: string, confirmed: string, unconfirmed: string];
interface Counts {
  confirmed: number;
  unconfirmed: number;
}

const row = (label: string, c: Counts): Row => [label, number.format(c.confirmed), number.format(c.unconfirmed)];

/** The signatures by place, by county (with the total last) and by municipality, each sorted by name. */
async function byPlace(store: Store, campaign: string, total: string): Promise<{ counties: Row[]; places: Row[] }> {
  const places = await store.signaturesByPlace(campaign);
  const counties = new Map<string, Counts>();
  const sum: Counts = { confirmed: 0, unconfirmed: 0 };
  for (const place of places) {
    const county = placeOf(place.municipality)?.county ?? place.municipality;
    const entry = counties.get(county) ?? { confirmed: 0, unconfirmed: 0 };
    entry.confirmed += place.confirmed;
    entry.unconfirmed += place.unconfirmed;
    counties.set(county, entry);
    sum.confirmed += place.confirmed;
    sum.unconfirmed += place.unconfirmed;
  }
  const countyName = (code: string) => placeOf(code)?.name ?? code;
  return {
    counties: [
      ...[...counties]
        .sort(([a], [b]) => countyName(a).localeCompare(countyName(b), 'nb'))
        .map(([code, c]) => row(countyName(code), c)),
      row(total, sum),
    ],
    places: places
      .sort((a, b) => labelOf(a.municipality).localeCompare(labelOf(b.municipality), 'nb'))
      .map((p) => row(labelOf(p.municipality), p)),
  };
}

/** The signatures of each of the last 30 days, newest first, a day without any as 0. */
async function byDay(store: Store, campaign: string): Promise<Row[]> {
  const since = new Date(Date.now() - 29 * 86_400_000);
  since.setUTCHours(0, 0, 0, 0);
  const days = new Map((await store.signaturesByDay(campaign, since)).map((d) => [d.day, d]));
  return Array.from({ length: 30 }, (_, i) => {
    const day = new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10);
    return row(norwegianDate(day), days.get(day) ?? { confirmed: 0, unconfirmed: 0 });
  });
}

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify's async plugin form: it registers routes and needs no done()
export async function statisticsScreen(app: FastifyInstance): Promise<void> {
  signedInScreen(app, '/admin/statistics', 'statistics', async (lang, who) => {
    const t = texts(lang);
    const [{ counties, places }, days] = await Promise.all([
      byPlace(app.store, who.campaign.id, t.total),
      byDay(app.store, who.campaign.id),
    ]);
    const head = [t.colConfirmed, t.colUnconfirmed];
    const numeric = [1, 2];
    return {
      title: t.statisticsTitle,
      main: html`${paragraphs([t.statisticsLead])}
${places.length ? nothing : paragraphs([t.noneYet])}
<section>${table({ caption: t.byCountyCaption, head: [t.colCounty, ...head], rows: counties, numeric })}</section>
${places.length ? html`<section>${table({ caption: t.byMunicipalityCaption, head: [t.colCouncil, ...head], rows: places, numeric })}</section>` : nothing}
<section>${table({ caption: t.byDayCaption, head: [t.colDay, ...head], rows: days, numeric })}</section>`,
    };
  });
}
