import { municipalityLabel, officialNames } from '../../contract/municipality-label.js';
/** A council an elected official sits in, as the service lists it at `{api}/municipalities`. */
export interface Place {
  code: string;
  name: string;
  kind: 'municipality' | 'county';
  county: string;
  officialName?: string;
}

/** One choice in the municipality field. */
export interface PlaceOption {
  code: string;
  /** What the list and the field show: "Bodø", "Guovdageaidnu – Kautokeino", "Nordland fylkeskommune". */
  label: string;
  /** The county of a municipality, shown beside it; for a county, its Sámi or Kven name. */
  detail: string;
  /** Folded names a search matches against: the label first, then the official name's parts. */
  keys: string[];
}

/**
 * Folds a name or a query for matching: lower case, and accents off the Sámi letters (á, č, š, …)
 * so "karasjohka" finds Kárášjohka. Æ, ø and å stay letters of their own, as in Norwegian.
 */
const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u0309\u030b-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** Plausible for a place: an SSB code and a short name (the rest only shapes the label). */
const isPlace = (p: Place | null): p is Place =>
  p !== null && /^\d{2}(\d{2})?$/.test(p.code) && typeof p.name === 'string' && p.name.length < 100;

/**
 * The choices from the service's list, or undefined when the answer is not a plausible list.
 * Oslo is one council, both municipality and county, so it is offered once, as the municipality.
 */
export function placeOptions(data: unknown): PlaceOption[] | undefined {
  if (!Array.isArray(data) || data.length < 300 || data.length > 500 || !data.every(isPlace)) return undefined;
  const places = data;
  const counties = new Map(places.filter((p) => p.kind === 'county').map((p) => [p.code, p.name]));
  return places
    .filter(
      (p) =>
        !(p.kind === 'county' && places.some((m) => m.kind !== 'county' && m.county === p.code && m.name === p.name)),
    )
    .map((p) => {
      const official = officialNames(p.officialName);
      const label = municipalityLabel(p);
      const county = counties.get(p.county);
      return {
        code: p.code,
        label,
        detail: p.kind === 'county' ? official.join(' – ') : county && county !== p.name ? county : '',
        keys: [label, ...official].map(fold),
      };
    });
}

/**
 * The choices that match what has been typed, best first: names that begin with it, then other
 * names and name parts that do ("odal" finds Nord-Odal and Sør-Odal, "guovda" Kautokeino), in the
 * list's order.
 */
export function searchPlaces(options: readonly PlaceOption[], query: string): PlaceOption[] {
  const q = fold(query);
  if (!q) return [...options];
  const rank = (o: PlaceOption) =>
    o.keys[0].startsWith(q)
      ? 0
      : o.keys.some((k) => k.split(/[\s-]+/).some((w) => k.startsWith(q) || w.startsWith(q)))
        ? 1
        : 2;
  return options
    .map((o) => [rank(o), o] as const)
    .filter(([r]) => r < 2)
    .sort((a, b) => a[0] - b[0])
    .map(([, o]) => o);
}

/** The one choice whose name is exactly what was typed (in any case, with or without accents). */
export function exactPlace(options: readonly PlaceOption[], typed: string): PlaceOption | undefined {
  const q = fold(typed);
  const found = q ? options.filter((o) => o.keys.includes(q)) : [];
  return found.length === 1 ? found[0] : undefined;
}
