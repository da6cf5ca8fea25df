import { LitElement, html, nothing } from 'lit';
import type { MsgFn } from '@lit/localize';
import { BUILT_IN_CAMPAIGN, isCampaignId } from '../contract/campaign.js';
import { CountController } from './count-controller.js';
import { resolveLang, type Lang } from './language.js';
import { formatNumber, translator } from './localize.js';
import { DEFAULT_PLEDGE_URL, DEFAULT_PODCAST_URL } from '../contract/links.js';
import { renderBody, renderIntro, renderLinks, safeHref } from './pledge-content.js';
import { defaultApi } from './service-url.js';
import { JoinController } from './join.js';
import { lazyModule } from './lazy-module.js';
import { importCampaignModule, importLocalModule } from './load-form.js';
import type { SignedDetail } from './public-types.js';
import { styles } from './styles.js';

export type { SignedDetail };

/** Every connected widget, so that a `lang` change anywhere on the page reaches them. */
const connected = new Set<KsValgloftet>();
let langObserver: MutationObserver | undefined;

/** A council's own lines (`municipality`), once per page; none until they come. */
const localModule = lazyModule(importLocalModule);

/** A campaign's own words and state (another campaign than the compiled one, or one not open), once per page. */
const campaignModule = lazyModule(importCampaignModule);

/**
 * KS's election pledge *Valgløftet 2023* in bokmål or nynorsk, with a live count of the elected
 * officials and candidates who have joined it and the councils that have adopted it, and a form
 * for joining it.
 *
 * @summary The Valgløftet 2023 election pledge, in bokmål or nynorsk, with a live signature counter.
 *
 * @attr {string} lang - The language: `nb` (bokmål) or `nn` (nynorsk); `nn-NO`, `no-NYN` are nynorsk,
 *   any other tag bokmål. Without it, the closest `lang` around the element, up to `<html lang>`.
 * @attr {string} municipality - The SSB code of a municipality (4 digits) or county (2 digits): under
 *   the national figures, whether its council has adopted the pledge and how many of its elected
 *   officials and candidates have joined, with those who consented by name; the form starts with it
 *   chosen. An unknown code is ignored with one console warning.
 * @attr {string} campaign - The campaign to show, by its id ("2027": lower-case letters, digits and
 *   hyphens); without it, the service's current campaign. The counter counts that campaign and the
 *   form signs it; one other than the campaign compiled into the script (2023) brings its own words
 *   from the service. Before its signing opens and after it closed, the widget says when, with no
 *   call to action. A value that is not a campaign id is ignored with one console warning.
 *
 * @slot body - Replaces the pledge text (between the counter and the links) with the host's own.
 *   Other light-DOM content is not shown; it is the fallback for readers whose browser never runs
 *   the script.
 *
 * @fires {CustomEvent<SignedDetail>} ks-valgloftet-signed - Someone has sent the form and the service has
 *   accepted the signature (it counts once confirmed from the e-mail). Bubbles, composed; the detail
 *   holds `lang`, `role` and `municipality` (SSB code), never a name or an address.
 *
 * @csspart root - The whole card.
 * @csspart title - The heading "Valgløftet 2023".
 * @csspart lead - The short introduction under the heading.
 * @csspart counter - The area with the two figures.
 * @csspart count - Each number in the counter, a council's own too (with `municipality`).
 * @csspart body - The pledge text.
 * @csspart links - The list of links to the pledge documents and the podcast.
 * @csspart link - Each link.
 * @csspart credit - The line that credits KS.
 * @csspart join - The call to action and the signing form below it.
 * @csspart button - Each button.
 * @csspart input - Each text field.
 * @csspart error-summary - The box that lists what to mend before the form can be sent.
 *
 * @cssproperty [--ks-valgloftet-accent=#0f5b8c (dark: #8cc8f0)] - Headings, figures, links and the card's edge.
 * @cssproperty [--ks-valgloftet-background=#f3f7fa (dark: #16212b)] - The card's background.
 * @cssproperty [--ks-valgloftet-color=#1c2329 (dark: #e9eef2)] - The text colour.
 * @cssproperty [--ks-valgloftet-font-family=inherit] - The font; by default the host page's.
 * @cssproperty [--ks-valgloftet-radius=0.5rem] - The card's corner radius.
 * @cssproperty [--ks-valgloftet-padding=clamp(1rem, 4cqi, 2rem)] - Space inside the card.
 */
export class KsValgloftet extends LitElement {
  static override styles = styles;

  static override properties = {
    api: {},
    noCounter: { type: Boolean, attribute: 'no-counter' },
    noForm: { type: Boolean, attribute: 'no-form' },
    refreshInterval: { type: Number, attribute: 'refresh-interval' },
    pledgeUrl: { attribute: 'pledge-url' },
    podcastUrl: { attribute: 'podcast-url' },
    caseUrl: { attribute: 'case-url' },
    municipality: {},
    campaign: { reflect: true },
  };

  /**
   * Base URL of the signature service's API; the counter reads `{api}/count`. Defaults to `/api` on
   * the script's own origin when the service served the script.
   */
  api?: string;

  /** Hides the counter and makes no request. */
  noCounter = false;

  /** Hides the call to action and the signing form; the pledge and the counter stay. */
  noForm = false;

  /** Seconds between refreshes of the count while the widget is visible; 0 turns refreshing off. */
  refreshInterval = 60;

  /** Where the link to the pledge documents goes. Defaults to KS's page about the pledge. */
  pledgeUrl?: string;

  /** Where the podcast link goes. Defaults to KS's podcast "Der livet leves". */
  podcastUrl?: string;

  /** KS's draft case text for councils ("forslag til saksfremlegg"); the sentence about it shows only when set. */
  caseUrl?: string;

  /**
   * The SSB code of the host's council: 4 digits for a municipality, 2 for a county ("4601" Bergen,
   * "46" Vestland). Its status and local count show under the national figures.
   */
  municipality?: string;

  /**
   * The campaign to show, by its id ("2027"); without it, the service's current campaign. One other
   * than the compiled campaign (2023) brings its own words from the service.
   */
  campaign?: string;

  /** The campaign asked for, if its id is one; '' otherwise (the campaign module warns of it). */
  get #campaign(): string {
    return isCampaignId(this.campaign) ? this.campaign : '';
  }

  /** The service's API base without a trailing slash, or '' when there is no service. */
  get #api(): string {
    return (this.api ?? defaultApi).replace(/\/+$/, '');
  }

  #count = new CountController(this, {
    // With a council, its figures come in the same answer: one request per widget. (Without one,
    // the test reads "undefined", which has no digits.) The campaign, when asked for, comes first;
    // the first `&` becomes the `?`.
    url: () =>
      this.noCounter || !this.#api
        ? ''
        : `${this.#api}/count${`${this.#campaign && `&campaign=${this.#campaign}`}${
            // eslint-disable-next-line @typescript-eslint/no-non-null-assertion
            /^\d\d(\d\d)?$/.test(this.municipality!) ? `&municipality=${this.municipality}` : ''
          }`.replace('&', '?')}`,
    interval: () => (Number.isFinite(this.refreshInterval) ? this.refreshInterval : 60),
  });

  /** The call to action; the form behind it comes as a module of its own, on intent. */
  #join = new JoinController(this, {
    api: () => this.#api,
    lang: () => this.resolvedLang,
    campaign: () => this.#campaign,
  });

  /** The language the widget renders in, from `lang` on the element or its closest ancestor. */
  get resolvedLang(): Lang {
    return resolveLang(this);
  }

  /** Fetches the count now, for example after the host knows it has changed. */
  refreshCount(): Promise<void> {
    return this.#count.refresh();
  }

  /**
   * Server-rendered markup (`GET /api/markup`) arrives as a declarative shadow root. The element
   * renders over it: emptied here, and drawn again by the first update, in the same task (a
   * microtask later), so no frame shows the gap and nothing moves (test/ssr.test.ts). A reader who
   * had already tabbed to a link or the button keeps focus on the same one.
   */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = this.shadowRoot;
    if (root) {
      const focusable = () => [...root.querySelectorAll<HTMLElement>('a,button')];
      const at = root.activeElement ? focusable().indexOf(root.activeElement as HTMLElement) : -1;
      root.replaceChildren();
      if (at >= 0) {
        void this.updateComplete.then(() => {
          focusable()[at]?.focus();
        });
      }
    }
    return super.createRenderRoot();
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    if (!langObserver) {
      // One observer for the page: a CMS that switches <html lang> or a wrapper's lang re-renders us.
      langObserver = new MutationObserver(() => {
        connected.forEach((el) => {
          el.requestUpdate();
        });
      });
      langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
  }

  protected override render() {
    const lang = this.resolvedLang;
    const msg = translator(lang);
    const links = {
      pledge: safeHref(this.pledgeUrl, DEFAULT_PLEDGE_URL),
      podcast: safeHref(this.podcastUrl, DEFAULT_PODCAST_URL),
      caseText: this.caseUrl ? safeHref(this.caseUrl, '') : '',
    };
    // The compiled campaign's parts; another campaign, or one not open, puts its own in their place.
    const [intro, counter, join, body, tail] = this.#campaignParts(
      [
        renderIntro(msg),
        this.#renderCounter(lang, msg),
        this.noForm || !this.#api ? nothing : this.#join.render(msg),
        renderBody(msg, links),
        renderLinks(msg, links),
      ],
      msg,
    );
    return html`
      <article part="root" lang=${lang} aria-labelledby="title">
        ${intro} ${counter}
        ${join}
        <div class="body" part="body"><slot name="body">${body}</slot></div>
        ${tail}
      </article>
    `;
  }

  /**
   * The parts a campaign shows (src/campaign/): for another campaign than the compiled one, its own
   * words; for one not open, no call to action but a line that says when it opens or when it
   * closed. The compiled campaign (2023) while it is open needs no module and keeps the compiled
   * parts; any other `campaign` value brings the module, which warns of one that is no campaign id
   * and then shows the compiled campaign. Until the module has come, another campaign's words keep
   * their place empty (never the compiled campaign's), and one not open shows no call to action; a
   * module that cannot be fetched leaves it so, and the next render asks again.
   */
  #campaignParts(parts: unknown[], msg: MsgFn): unknown[] {
    const status = this.#count.count?.campaign as { id?: unknown; state?: unknown } | null | undefined;
    const other = (this.campaign || status?.id || BUILT_IN_CAMPAIGN) !== BUILT_IN_CAMPAIGN;
    if (!other && (status?.state ?? 'open') === 'open') return parts;
    const campaign = campaignModule.now(this);
    if (campaign) return campaign.parts(this, this.#count, parts, msg, this.#api);
    parts[2] = nothing;
    return other ? [html`<div class="wait"></div>`, parts[1]] : parts;
  }

  /**
   * The counter keeps its size in every state, so the figures arriving move nothing (CLS 0). The
   * figures themselves are not live: a status region, there from the start, says a change in whole
   * sentences, once, and only when a refresh on screen brought it (never the first figures).
   *
   * Under it, with `municipality`, the council's own lines from their module (which only such a
   * widget fetches); the block keeps their place until it has come.
   */
  #renderCounter(lang: Lang, msg: MsgFn) {
    const { state, count, news } = this.#count;
    if (state === 'off') return nothing;
    const signatures = count?.signatures ?? 0;
    const councils = count?.councils ?? 0;
    const labels = {
      signatures:
        signatures === 1
          ? msg('folkevalgt eller kandidat har sluttet seg til løftet', { id: 'count.signatures.one' })
          : msg('folkevalgte og kandidater har sluttet seg til løftet', { id: 'count.signatures.other' }),
      councils:
        councils === 1
          ? msg('kommunestyre eller fylkesting har vedtatt løftet', { id: 'count.councils.one' })
          : msg('kommunestyrer og fylkesting har vedtatt løftet', { id: 'count.councils.other' }),
    };
    const n = (key: keyof typeof labels) => formatNumber(lang, key === 'signatures' ? signatures : councils);
    return html`
      <div class="counter" part="counter" data-state=${state}>
        <div class="figures">
          ${(['signatures', 'councils'] as const).map(
            (key) => html`<p><span class="count" part="count">${n(key)}</span> ${labels[key]}</p>`,
          )}
        </div>
        ${
          state === 'unavailable'
            ? html`<p class="note">
              ${msg('Oppslutningen kan ikke vises akkurat nå.', { id: 'count.unavailable' })}
            </p>`
            : nothing
        }
        <p class="vh" role="status">${news.map((key) => `${n(key)} ${labels[key]}.`).join(' ')}</p>
      </div>
      ${
        this.municipality
          ? html`<div class="local">${localModule.now(this)?.render(this, this.#count, msg, this.#api)}</div>`
          : nothing
      }
    `;
  }
}
