import { LOCAL_NAMES_MAX, type LocalFigures, type PublicName } from '../../contract/local.js';
import { councilOf, labelOf, placeOf } from './municipalities.js';
import type { Store } from '../store/index.js';

/** The SSB codes that mean one council: Oslo's bystyre is both the municipality (0301) and the county (03). */
export const codesOfCouncil = (code: string): [string, string] => {
  const council = councilOf(code);
  return council === '0301' ? ['0301', '03'] : [code, code];
};

/** Names in Norwegian order (Æ, Ø, Å after Z), then role, so lists read the same everywhere. */
export const byName = (a: PublicName, b: PublicName): number =>
  a.name.localeCompare(b.name, 'nb') || a.role.localeCompare(b.role);

/**
 * A council's own figures for the widget's local line (`GET /api/count?municipality=`), or null for
 * a code that is not in the list.
 */
export async function localFigures(store: Store, campaign: string, code: string): Promise<LocalFigures | null> {
  const place = placeOf(code);
  if (!place) return null;
  const { signatures, adopted, names } = await store.local(campaign, codesOfCouncil(code), councilOf(code));
  return {
    code,
    name: labelOf(code),
    signatures,
    adopted,
    // Sorted before they are cut, so a long list loses names from its end, Æ, Ø and Å included fairly.
    names: names
      .map(({ name, role }) => ({ name, role }))
      .sort(byName)
      .slice(0, LOCAL_NAMES_MAX),
  };
}
