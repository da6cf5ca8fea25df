/**
 * A campaign's own words and state (issue 27). The first script carries one campaign's words, the
 * built-in one's (contract/campaign.ts); a widget that shows another (its `campaign` attribute, or
 * the service's current campaign) fetches that one's words from the service here, and a campaign
 * whose signing is not open shows, in place of the call to action and under the figures, when it
 * opens or when it closed. A module of its own, built to `ks-valgloftet-campaign.js` beside the
 * script: a widget showing the built-in campaign while it is open never fetches it. Like the other
 * modules that come later, it takes the first script's Lit (`setKit`) and brings its nynorsk (`nn`).
 */
import type { MsgFn } from '@lit/localize';
import { html, nothing } from 'lit';
import { BUILT_IN_CAMPAIGN, isCampaignId } from '../../contract/campaign.js';
import { formatDate } from '../../contract/dates.js';
import { fill } from '../../contract/fill.js';
import { fetchJson } from '../fetch-json.js';
import type { Lang } from '../language.js';
import { safeHref } from '../pledge-content.js';
import { parseAnswer, parseStatus, type CampaignAnswer, type CampaignStatus } from './campaign-answer.js';
import { campaignCss } from './campaign.styles.js';

export { setKit } from '../signing/kit.js';
export { PAIR } from '../pair.js';
export { templates as nn } from '../generated/locales/nn-campaign.js';

/** The element, as this module reads it. */
export interface Host extends HTMLElement {
  resolvedLang: Lang;
  campaign?: string;
  pledgeUrl?: string;
  podcastUrl?: string;
  caseUrl?: string;
  requestUpdate(): void;
}

/** What the element hands over: its count's state and the answer's untrusted `campaign` field. */
export interface CountView {
  state: string;
  count?: { campaign?: unknown };
}

/**
 * The element's parts, in order: title and lead, counter, call to action, body (inside the `body`
 * slot), links and credit. Undefined shows nothing.
 */
export type Parts = unknown[];

/** A campaign's answer is a few KB; one far larger is not read. */
const MAX_ANSWER = 64 * 1024;

/** Each campaign's answer in each language, once a page: undefined while asked, null when none could be used. */
const answers = new Map<string, CampaignAnswer | null>();
const asking = new Map<string, Promise<unknown>>();

let sheet: CSSStyleSheet | undefined;

/** Each value that is no campaign id is warned about once a page, however often the widgets render. */
const warned = new Set<string>();

/** Adopts the module's styles into the element's shadow root (nothing for a host's CSP to block). */
function adopt(root: ShadowRoot | null): void {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(campaignCss);
  }
  if (root && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** The campaign's answer for the language; undefined while it is on its way (the host renders again once it is in). */
function answerFor(host: Host, api: string, id: string): CampaignAnswer | null | undefined {
  const url = `${api}/campaigns/${id}?lang=${host.resolvedLang}`;
  if (answers.has(url)) return answers.get(url);
  let asked = asking.get(url);
  if (!asked) {
    asked = (
      api ? fetchJson(url, { headers: { accept: 'application/json' } }, MAX_ANSWER) : Promise.resolve(undefined)
    ).then((answer) => {
      answers.set(url, (answer?.status === 200 ? parseAnswer(answer.data, id) : undefined) ?? null);
    });
    asking.set(url, asked);
  }
  void asked.then(() => {
    host.requestUpdate();
  });
  return undefined;
}

/** A campaign's words, from its answer, in the parts' places: plain text, rendered as text; links through `safeHref`. */
function words(host: Host, { texts, links }: CampaignAnswer, counter: unknown): Parts {
  // The host's own link first, then the campaign's; http(s) only, or none.
  const href = (own: string | undefined, theirs: string) =>
    (own && safeHref(own, '')) || (theirs && safeHref(theirs, ''));
  const pledge = href(host.pledgeUrl, links.pledge);
  const podcast = href(host.podcastUrl, links.podcast);
  const caseText = href(host.caseUrl, links.caseText);
  return [
    html`<h2 id="title" part="title">${texts.title}</h2>
      <p class="lead" part="lead">${texts.lead}</p>`,
    counter,
    undefined,
    texts.body.map((block) =>
      'h' in block
        ? html`<h3>${block.h}</h3>`
        : html`<p>
            ${block.p}
            ${block.caseText && caseText ? html`<a href=${caseText} part="link">${block.caseText}</a>` : nothing}
          </p>`,
    ),
    html`<ul class="links" part="links">
        ${[
          [pledge, texts.links.pledge],
          [podcast, texts.links.podcast],
        ].map(([to, text]) => (to ? html`<li><a href=${to} part="link">${text}</a></li>` : nothing))}
      </ul>
      <p class="credit" part="credit">${texts.credit}</p>`,
  ];
}

/**
 * The parts the element shows for its campaign, given the compiled ones. The state comes from the
 * count's answer (the figures of the same campaign), or, without a counter, from the campaign's own
 * answer. While another campaign's words are on their way, the title's place stays reserved
 * (`.wait`, the first script's) and no call to action shows; if they cannot be had, a short
 * message takes their place: never the compiled campaign's words for another. Before signing opens
 * and after it closed, a line that says when stands in the call to action's place, under the
 * figures.
 */
export function parts(host: Host, counter: CountView, compiled: Parts, msg: MsgFn, api: string): Parts {
  adopt(host.shadowRoot);
  const asked = isCampaignId(host.campaign) ? host.campaign : '';
  if (host.campaign && !asked && !warned.has(host.campaign)) {
    warned.add(host.campaign);
    console.warn(
      `<ks-valgloftet campaign="${host.campaign}">: not a campaign id (lower-case letters, digits and hyphens); the widget shows the service's current campaign.`,
    );
  }
  let status: CampaignStatus | undefined = parseStatus(counter.count?.campaign, asked);
  const id = asked || status?.id || BUILT_IN_CAMPAIGN;
  let shown = compiled;
  if (id !== BUILT_IN_CAMPAIGN) {
    const answer = answerFor(host, api, id);
    if (!answer) {
      return [
        answer === undefined
          ? html`<div class="wait"></div>`
          : html`<h2 id="title" part="title" class="note">
              ${msg('Løftet kan ikke vises akkurat nå.', { id: 'campaign.unavailable' })}
            </h2>`,
        compiled[1],
      ];
    }
    status ??= answer.campaign;
    shown = words(host, answer, compiled[1]);
    shown[2] = compiled[2];
  }
  if (status?.state === 'upcoming' || status?.state === 'closed') {
    const line =
      status.state === 'upcoming'
        ? fill(msg('Du kan slutte deg til fra {date}.', { id: 'campaign.upcoming' }), {
            // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- an upcoming campaign has its first day (parseStatus)
            date: formatDate(status.opens!),
          })
        : fill(msg('Underskrivingen ble avsluttet {date}.', { id: 'campaign.closed' }), {
            // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- a closed campaign has its last day (parseStatus)
            date: formatDate(status.closes!),
          });
    shown[2] = html`<p class="when" part="join">${line}</p>`;
  }
  return shown;
}
