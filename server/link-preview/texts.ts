import type { Lang } from '../../contract/signature.js';

/**
 * What a shared link of the pledge shows in Facebook, Slack, Teams and the like: the card's image
 * (its title, the widget's lead word for word, KS's name) and the image's text alternative. The lead
 * is the widget's message `lead` (src/pledge-content.ts, locales/nn.xlf); a test keeps them the same.
 * Nynorsk as the widget writes it (e-infinitive, "folkevalde", "kvifor").
 */
export interface LinkPreviewTexts {
  /** The card's heading, and og:title of the pledge pages. */
  title: string;
  lead: string;
  /** Who stands behind the pledge, at the card's foot; og:site_name. */
  publisher: string;
  /** og:image:alt and twitter:image:alt: what the image shows, for those who cannot see it. */
  imageAlt: string;
}

export const linkPreviewTexts: Record<Lang, LinkPreviewTexts> = {
  nb: {
    title: 'Valgløftet 2023',
    lead: 'Folkevalgte som slutter seg til Valgløftet 2023, lover en saklig og respektfull debatt, uten hets og trusler, og vil vise barn og unge hvorfor lokaldemokratiet er verdt å kjempe for.',
    publisher: 'KS – Kommunesektorens organisasjon',
    imageAlt:
      'Valgløftet 2023 fra KS: «Folkevalgte som slutter seg til Valgløftet 2023, lover en saklig og respektfull debatt, uten hets og trusler, og vil vise barn og unge hvorfor lokaldemokratiet er verdt å kjempe for.»',
  },
  nn: {
    title: 'Valgløftet 2023',
    lead: 'Folkevalde som sluttar seg til Valgløftet 2023, lovar ein sakleg og respektfull debatt, utan hets og truslar, og vil vise barn og unge kvifor lokaldemokratiet er verd å kjempe for.',
    publisher: 'KS – Kommunesektorens organisasjon',
    imageAlt:
      'Valgløftet 2023 frå KS: «Folkevalde som sluttar seg til Valgløftet 2023, lovar ein sakleg og respektfull debatt, utan hets og truslar, og vil vise barn og unge kvifor lokaldemokratiet er verd å kjempe for.»',
  },
};
