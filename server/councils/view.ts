/**
 * The councils page and the open data (issue 14, item 3) are both made from this one view model,
 * so they cannot disagree: every council with its adoption, its confirmed signers and the names of
 * those who consented to be shown, and the totals per county.
 */
import type { PublicName } from '../../contract/local.js';
import { municipalityLabel } from '../../contract/municipality-label.js';
import { byName, codesOfCouncil } from './local.js';
import { councilOf, municipalities, placeOf, type Municipality } from './municipalities.js';
import type { Store } from '../store/index.js';
import type { Campaign } from '../campaigns/campaigns.js';
import type { Lang } from '../../contract/signature.js';

/** One council, as the page's table row and the open data's entry. */
export interface CouncilEntry {
  /** The SSB code (4 digits: a municipality, 2: a county). */
  code: string;
  /** The council its adoption and signers count for: the code itself, but Oslo's 03 is 0301. */
  council: string;
  name: string;
  /** The official name where it differs from `name`: with the Sámi or Kven names. */
  officialName: string | null;
  /** As the form lists it: "Bergen", "Guovdageaidnu – Kautokeino", "Vestland fylkeskommune". */
  label: string;
  kind: Municipality['kind'];
  countyCode: string;
  countyName: string;
  /** YYYY-MM-DD, or null when no adoption is recorded. */
  adoptedOn: string | null;
  /** The decision's http(s) address, when one was recorded. */
  decisionUrl: string | null;
  /** Confirmed signers from this council. */
  signatures: number;
  /** Confirmed signers who consented to be shown, by name. Name and role only, never anything else. */
  names: PublicName[];
}

export interface CountyTotal {
  code: string;
  name: string;
  /** Confirmed signers from the county's municipalities. */
  fromMunicipalities: number;
  /** Confirmed signers from the county council itself (Oslo: none apart from its one council). */
  fromCounty: number;
  total: number;
}

export interface CouncilsView {
  /** All 372 codes, by name (as the municipality list is sorted). */
  councils: CouncilEntry[];
  /** The councils that adopted the pledge, newest decision first (Oslo once). */
  adopted: CouncilEntry[];
  /** The 15 counties, by name. */
  counties: CountyTotal[];
  /** Confirmed signers in all. */
  signatures: number;
  /** The campaign's title in each language. */
  title: Record<Lang, string>;
}

/** Only an http or https address is a link anyone should follow from this page. */
export const webLink = (link: string | null): string | null => {
  if (!link) return null;
  try {
    const url = new URL(link);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname ? url.href : null;
  } catch {
    return null;
  }
};

/** Reads the store once (three queries) and builds the whole view. */
export async function councilsView(store: Store, campaign: Campaign): Promise<CouncilsView> {
  const [signers, adoptionList, publicSigners] = await Promise.all([
    store.signersByCouncil(campaign.id),
    store.adoptions(campaign.id),
    store.publicSigners(campaign.id),
  ]);
  const adoptions = new Map(adoptionList.map((a) => [a.council, a]));
  const namesByCode = new Map<string, PublicName[]>();
  for (const { municipality, name, role } of publicSigners) {
    const list = namesByCode.get(municipality) ?? [];
    list.push({ name, role });
    namesByCode.set(municipality, list);
  }
  const councils = municipalities.map((m): CouncilEntry => {
    const codes = [...new Set(codesOfCouncil(m.code))];
    const adoption = adoptions.get(councilOf(m.code));
    return {
      code: m.code,
      council: councilOf(m.code),
      name: m.name,
      officialName: m.officialName ?? null,
      label: municipalityLabel(m),
      kind: m.kind,
      countyCode: m.county,
      countyName: placeOf(m.county)?.name ?? m.county,
      adoptedOn: adoption?.adopted_on ?? null,
      decisionUrl: webLink(adoption?.link ?? null),
      signatures: codes.reduce((sum, code) => sum + (signers.get(code) ?? 0), 0),
      names: codes.flatMap((code) => namesByCode.get(code) ?? []).sort(byName),
    };
  });
  // Per county, each council once: Oslo's county (03) is its municipality's council (0301).
  const counties = councils
    .filter((c) => c.kind === 'county')
    .map((county): CountyTotal => {
      const own = councils.filter((c) => c.countyCode === county.code && c.council === c.code);
      const fromMunicipalities = own.filter((c) => c.kind === 'municipality').reduce((s, c) => s + c.signatures, 0);
      const fromCounty = own.filter((c) => c.kind === 'county').reduce((s, c) => s + c.signatures, 0);
      return {
        code: county.code,
        name: county.name,
        fromMunicipalities,
        fromCounty,
        total: fromMunicipalities + fromCounty,
      };
    });
  const adopted = councils
    .filter((c) => c.adoptedOn && c.code === c.council)
    .sort((a, b) => (b.adoptedOn ?? '').localeCompare(a.adoptedOn ?? '') || a.name.localeCompare(b.name, 'nb'));
  return {
    title: { nb: campaign.texts.nb.title, nn: campaign.texts.nn.title },
    councils,
    adopted,
    counties,
    signatures: counties.reduce((s, c) => s + c.total, 0),
  };
}
