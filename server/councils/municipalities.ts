import { readFileSync } from 'node:fs';
import { municipalityLabel, officialNames } from '../../contract/municipality-label.js';

/** A council that can adopt the pledge and in which an elected official sits. */
export interface Municipality {
  code: string;
  name: string;
  kind: 'municipality' | 'county';
  /** The county a municipality lies in; for a county, its own code. */
  county: string;
  /** The official name, where it differs: with the Sámi or Kven names (so a search can find them). */
  officialName?: string;
}

interface Source {
  counties: { code: string; name: string; officialName: string }[];
  municipalities: { code: string; name: string; countyCode: string; officialName: string }[];
}

const source = JSON.parse(readFileSync(new URL('../data/kommuner-2024.json', import.meta.url), 'utf8')) as Source;

const place = (
  kind: Municipality['kind'],
  county: string,
  p: { code: string; name: string; officialName: string },
): Municipality => ({
  code: p.code,
  name: p.name,
  kind,
  county,
  ...(p.officialName !== p.name && { officialName: p.officialName }),
});

/** The 357 municipalities and 15 counties in force from 2024-01-01 (SSB), sorted by name. */
export const municipalities: readonly Municipality[] = [
  ...source.municipalities.map((m) => place('municipality', m.countyCode, m)),
  ...source.counties.map((c) => place('county', c.code, c)),
].sort((a, b) => a.name.localeCompare(b.name, 'nb') || a.code.localeCompare(b.code));

const byCode = new Map(municipalities.map((m) => [m.code, m]));
const labels = new Map(municipalities.map((m) => [m.code, municipalityLabel(m)]));

export const isKnownCode = (code: string): boolean => byCode.has(code);

/** The municipality or county with this SSB code, if it is in the list. */
export const placeOf = (code: string): Municipality | undefined => byCode.get(code);

/** A code as the form lists it ("Bodø", "Nordland fylkeskommune"); an unknown code as it is. */
export const labelOf = (code: string): string => labels.get(code) ?? code;

/**
 * The council an adoption counts for. Oslo is both a municipality (0301) and a county (03) with
 * one council, bystyret; its adoption counts once.
 */
export const councilOf = (code: string): string => (code === '03' ? '0301' : code);

/** A council as a native list on the service's own pages offers it: its code, and the option's text. */
export interface CouncilChoice {
  code: string;
  label: string;
}

/**
 * The councils to choose among in a native `<select>` (the builder, the admin page), so that typing
 * a name's first letters on the closed list finds that council and no other. Each is labelled with
 * every official name ("Bergen", "Evenes – Evenášši", "Vestland fylkeskommune"); where the official
 * name does not begin with the everyday one, the everyday one comes first and the official one
 * follows in brackets ("Kautokeino (Guovdageaidnu – Kautokeino)"). Each Sámi or Kven name that does
 * not begin its council's option has one of its own, with the same code ("Guovdageaidnu –
 * Kautokeino", "Evenášši (Evenes – Evenášši)"). All in alphabetical order of their text. Oslo is one
 * council, municipality and county: offered once, as the municipality (0301), as the widget's form does.
 */
export const councilChoices: readonly CouncilChoice[] = municipalities
  .filter((m) => m.code !== '03')
  .flatMap((m) => {
    const label = municipalityLabel(m);
    const under = (name: string) => ({ code: m.code, label: label.startsWith(name) ? label : `${name} (${label})` });
    const others = m.kind === 'county' ? [] : officialNames(m.officialName).filter((name) => name !== m.name);
    return [under(m.name), ...others.map(under)];
  })
  .sort((a, b) => a.label.localeCompare(b.label, 'nb') || a.code.localeCompare(b.code));
