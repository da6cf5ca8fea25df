import { fill } from '../../contract/fill.js';
import type { Lang, Role } from '../../contract/signature.js';
import type { Order, Sort } from './table.js';

export interface CouncilsTexts {
  title: string;
  /** The page's meta description, for search engines and link previews. */
  description: string;
  lead: string;
  otherLanguage: { lang: Lang; text: string };
  adoptedTitle: string;
  /** `{date}`: "12. mars 2024". */
  adoptedOn: string;
  adoptedNone: string;
  /** The link to a decision; a screen reader hears the council's name after it. */
  decision: string;
  countiesTitle: string;
  countiesCaption: string;
  county: string;
  fromMunicipalities: string;
  fromCounty: string;
  total: string;
  councilsTitle: string;
  searchLabel: string;
  searchHint: string;
  searchButton: string;
  showAll: string;
  /** `{n}`: the number of councils found, `{q}`: the search. */
  hits: string;
  /** `{q}`: the search. */
  noHits: string;
  /** `{by}`: how the table is sorted, one of `sortedBy`. */
  caption: string;
  /** The same after the page's title, when a reader chose an order: `{by}`, one of `sortedBy`. */
  sortedTitle: string;
  columns: Record<Sort | 'names', string>;
  /** Each sort and order in words a reader would use ("etter vedtaksdato, nyeste først"). */
  sortedBy: Record<Sort, Record<Order, string>>;
  namesNote: string;
  /** `{n}`: how many names a council's list holds. */
  namesSummary: string;
  noNames: string;
  notAdopted: string;
  roles: Record<Role, string>;
  openDataTitle: string;
  openData: string;
  json: string;
  csv: string;
  builder: string;
  builderLink: string;
  freshness: string;
}

/**
 * What the councils page says, in bokmål and nynorsk (the nynorsk in the project's norm:
 * e-infinitive, "vi", "folkevalde", "vedteke", "namn"). Plain strings with {placeholders}.
 */
export const councilsTexts: Record<Lang, CouncilsTexts> = {
  nb: {
    title: 'Kommuner og fylkeskommuner i {campaign}',
    description:
      'Kommunene og fylkeskommunene som har vedtatt {campaign} fra KS, og hvor mange folkevalgte og kandidater fra hver av dem som har sluttet seg til. Også som åpne data.',
    lead: 'Her ser du hvilke kommuner og fylkeskommuner som har vedtatt {name}, og hvor mange folkevalgte og kandidater fra hver av dem som har sluttet seg til.',
    otherLanguage: { lang: 'nn', text: 'Denne sida på nynorsk' },
    adoptedTitle: 'Disse har vedtatt {name}',
    adoptedOn: 'vedtatt {date}',
    adoptedNone: 'Ingen vedtak er registrert ennå.',
    decision: 'Les vedtaket',
    countiesTitle: 'Per fylke',
    countiesCaption: 'Folkevalgte og kandidater som har sluttet seg til, per fylke',
    county: 'Fylke',
    fromMunicipalities: 'Fra kommunene',
    fromCounty: 'Fra fylkeskommunen',
    total: 'I alt',
    councilsTitle: 'Alle kommuner og fylkeskommuner',
    searchLabel: 'Søk etter kommune eller fylkeskommune',
    searchHint: 'Skriv navnet, også det samiske eller kvenske, eller kommunenummeret.',
    searchButton: 'Søk',
    showAll: 'Vis alle',
    hits: '{n} treff for «{q}»',
    noHits: 'Ingen kommune eller fylkeskommune passer til «{q}». Prøv et annet navn eller et kommunenummer.',
    caption: 'Kommuner og fylkeskommuner, sortert {by}',
    sortedTitle: 'sortert {by}',
    columns: {
      name: 'Kommune',
      county: 'Fylke',
      adopted: 'Vedtatt',
      signers: 'Har sluttet seg til',
      names: 'Navn',
    },
    sortedBy: {
      name: { asc: 'etter navn, fra A til Å', desc: 'etter navn, fra Å til A' },
      county: { asc: 'etter fylke, fra A til Å', desc: 'etter fylke, fra Å til A' },
      adopted: { asc: 'etter dato for vedtaket, eldste først', desc: 'etter dato for vedtaket, nyeste først' },
      signers: {
        asc: 'etter hvor mange som har sluttet seg til, færrest først',
        desc: 'etter hvor mange som har sluttet seg til, flest først',
      },
    },
    namesNote:
      'Navn og rolle vises bare for folkevalgte og kandidater som selv har sagt ja til det. Trekker de samtykket, forsvinner navnet herfra innen ett minutt.',
    namesSummary: '{n} navn',
    noNames: 'ingen navn',
    notAdopted: 'ikke registrert',
    roles: { elected: 'folkevalgt', candidate: 'kandidat ved valget' },
    openDataTitle: 'Åpne data',
    openData: 'Det samme finnes som åpne data, uten e-postadresser:',
    json: 'JSON',
    csv: 'CSV for regneark',
    builder: 'Vil dere vise {name} på nettstedet til kommunen?',
    builderLink: 'Lag koden i byggeren',
    freshness: 'Tallene er høyst ett minutt gamle.',
  },
  nn: {
    title: 'Kommunar og fylkeskommunar i {campaign}',
    description:
      'Kommunane og fylkeskommunane som har vedteke {campaign} frå KS, og kor mange folkevalde og kandidatar frå kvar av dei som har slutta seg til. Også som opne data.',
    lead: 'Her ser du kva kommunar og fylkeskommunar som har vedteke {name}, og kor mange folkevalde og kandidatar frå kvar av dei som har slutta seg til.',
    otherLanguage: { lang: 'nb', text: 'Denne siden på bokmål' },
    adoptedTitle: 'Desse har vedteke {name}',
    adoptedOn: 'vedteke {date}',
    adoptedNone: 'Ingen vedtak er registrerte enno.',
    decision: 'Les vedtaket',
    countiesTitle: 'Per fylke',
    countiesCaption: 'Folkevalde og kandidatar som har slutta seg til, per fylke',
    county: 'Fylke',
    fromMunicipalities: 'Frå kommunane',
    fromCounty: 'Frå fylkeskommunen',
    total: 'I alt',
    councilsTitle: 'Alle kommunar og fylkeskommunar',
    searchLabel: 'Søk etter kommune eller fylkeskommune',
    searchHint: 'Skriv namnet, også det samiske eller kvenske, eller kommunenummeret.',
    searchButton: 'Søk',
    showAll: 'Vis alle',
    hits: '{n} treff for «{q}»',
    noHits: 'Ingen kommune eller fylkeskommune passar til «{q}». Prøv eit anna namn eller eit kommunenummer.',
    caption: 'Kommunar og fylkeskommunar, sorterte {by}',
    sortedTitle: 'sorterte {by}',
    columns: {
      name: 'Kommune',
      county: 'Fylke',
      adopted: 'Vedteke',
      signers: 'Har slutta seg til',
      names: 'Namn',
    },
    sortedBy: {
      name: { asc: 'etter namn, frå A til Å', desc: 'etter namn, frå Å til A' },
      county: { asc: 'etter fylke, frå A til Å', desc: 'etter fylke, frå Å til A' },
      adopted: { asc: 'etter dato for vedtaket, eldste først', desc: 'etter dato for vedtaket, nyaste først' },
      signers: {
        asc: 'etter kor mange som har slutta seg til, færrast først',
        desc: 'etter kor mange som har slutta seg til, flest først',
      },
    },
    namesNote:
      'Vi viser namn og rolle berre for folkevalde og kandidatar som sjølve har sagt ja til det. Trekkjer dei samtykket, forsvinn namnet herifrå innan eitt minutt.',
    namesSummary: '{n} namn',
    noNames: 'ingen namn',
    notAdopted: 'ikkje registrert',
    roles: { elected: 'folkevald', candidate: 'kandidat ved valet' },
    openDataTitle: 'Opne data',
    openData: 'Det same finst som opne data, utan e-postadresser:',
    json: 'JSON',
    csv: 'CSV for rekneark',
    builder: 'Vil de vise {name} på nettstaden til kommunen?',
    builderLink: 'Lag koden i byggjaren',
    freshness: 'Tala er høgst eitt minutt gamle.',
  },
};

type Filled<T> = { [K in keyof T]: T[K] extends string ? string : Filled<T[K]> };
const fillAll = <T>(value: T, campaign: string): Filled<T> =>
  (typeof value === 'string'
    ? fill(value, { campaign, name: campaign.replace(/ \d{4}$/, '') })
    : Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, fillAll(v, campaign)]))) as Filled<T>;

/**
 * The page's words for the campaign it shows: its title in place of every {campaign}, and its name
 * without the year in place of {name} ("Valgløftet 2023": "Disse har vedtatt Valgløftet").
 */
export const councilsTextsFor = (lang: Lang, campaign: string): CouncilsTexts =>
  fillAll(councilsTexts[lang], campaign) as CouncilsTexts;
