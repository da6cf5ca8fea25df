/**
 * A campaign: one pledge with its own signing period (issue 27). Each lives in its own folder,
 * `campaigns/<id>/`, read by the service (server/campaigns/); the widget names one with its
 * `campaign` attribute, or shows the service's current one. This is what both sides say of it.
 */

/** A campaign's id: its folder's name, lower-case letters, digits and hyphens ("2023", "2027"). */
export const CAMPAIGN_ID = '^[a-z0-9][a-z0-9-]{0,31}$';
export const isCampaignId = (value: unknown): value is string =>
  typeof value === 'string' && new RegExp(CAMPAIGN_ID).test(value);

/** Before its signing opens, while it is open, and after it closed (no form; the final figures). */
export type CampaignState = 'upcoming' | 'open' | 'closed';

/** What `GET /api/count` says of the campaign it counts (its `campaign` field). */
export interface CampaignStatus {
  id: string;
  state: CampaignState;
  /** The first day of signing, YYYY-MM-DD (Norwegian time); null: open from the start (Valgløftet 2023). */
  opens: string | null;
  /** The last day of signing, YYYY-MM-DD; null while no end is set. */
  closes: string | null;
}

/** What `POST /api/signatures` answers with 409 outside a campaign's signing period. */
export const CAMPAIGN_CLOSED = 'campaign_closed';

/**
 * A campaign's own words in one language, as a translator edits them in `campaigns/<id>/nb.json`
 * and `nn.json`, and as `GET /api/campaigns/<id>?lang=` gives them to a widget that shows a
 * campaign other than the one compiled into it. Plain text only: no markup in any string.
 */
export interface CampaignTexts {
  /** The heading: "Valgløftet 2023". */
  title: string;
  /**
   * What the pledge is, said short, after the title in the signer's mails and pages: "Valgløftet
   * 2023, løftet om en saklig og respektfull debatt uten hets og trusler".
   */
  about: string;
  /** Above the counter. */
  lead: string;
  /** The pledge, in order: headings and paragraphs; `caseText` is the link text to the case text, after that paragraph. */
  body: ({ h: string } | { p: string; caseText?: string })[];
  /** The link texts below the body: to the pledge documents and to the podcast. */
  links: { pledge: string; podcast: string };
  /** The line that says who stands behind the campaign. */
  credit: string;
}

/** Where a campaign's links go; `caseText` empty: the case-text link is left out. */
export interface CampaignLinks {
  pledge: string;
  podcast: string;
  caseText: string;
}

/** `GET /api/campaigns/<id>?lang=nb|nn`: a campaign's state, words and links. */
export interface CampaignAnswer {
  campaign: CampaignStatus;
  texts: CampaignTexts;
  links: CampaignLinks;
}

/** The campaign compiled into the widget's first script: its words need no request. */
export const BUILT_IN_CAMPAIGN = '2023';
