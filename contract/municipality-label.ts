/** The names in an official name: "Guovdageaidnu - Kautokeino" → ["Guovdageaidnu", "Kautokeino"]. */
export const officialNames = (officialName: unknown): string[] =>
  typeof officialName === 'string' ? officialName.split(/\s+-\s+/) : [];

/**
 * A municipality or county as the form lists it and the confirmation page shows it: "Bodø",
 * "Guovdageaidnu – Kautokeino" (all its names, where it has a Sámi or Kven one), "Nordland fylkeskommune".
 */
export const municipalityLabel = (m: { name: string; kind: string; officialName?: unknown }): string =>
  m.kind === 'county' ? `${m.name} fylkeskommune` : officialNames(m.officialName).join(' – ') || m.name;
