import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BUILT_IN_CAMPAIGN } from '../../contract/campaign.js';
import type { Lang } from '../language.js';
import type { SignedDetail } from '../public-types.js';
import { exactPlace, type PlaceOption } from './places.js';
import { loadForm, sendSignature, type Privacy } from './signing-client.js';
import {
  check,
  cleanName,
  emptyDraft,
  problemsFromService,
  type Draft,
  type Field,
  type Problems,
} from './validate.js';

/**
 * Where the form stands:
 * - `closed`: only the call to action shows;
 * - `loading`: fetching the list of municipalities and the privacy facts;
 * - `load-failed`: those could not be fetched (a message and a button to try again);
 * - `editing`: the form, with any errors from the last attempt to send it;
 * - `sending`: the signature is on its way (the form cannot be sent twice);
 * - `sent`: "check your e-mail".
 */
export type FormState = 'closed' | 'loading' | 'load-failed' | 'editing' | 'sending' | 'sent';

/**
 * Why the last attempt to send did not reach the service, or the service could not take it now
 * (`closed`: the campaign's signing is not open); the form stays as it was.
 */
export type SendProblem = 'unreachable' | 'rate-limited' | 'closed';

/** The element, as the form reads it. */
type Host = ReactiveControllerHost & HTMLElement & { municipality?: string };

/** The event a host can listen for; it carries no personal data. */
const SIGNED_EVENT = 'ks-valgloftet-signed';

interface Options {
  api: () => string;
  lang: () => Lang;
  /** The campaign the widget asks for ('' for the service's current one): the signature is for it. */
  campaign: () => string;
}

/** The signing form's state and everything it does; the element renders it (`signing-form.ts`). */
export class SigningController implements ReactiveController {
  state: FormState = 'closed';
  draft: Draft = emptyDraft();
  problems: Problems = {};
  /** Whether the error summary shows: after an attempt to send that found problems. */
  summary = false;
  sendProblem: SendProblem | undefined;
  places: readonly PlaceOption[] = [];
  privacy: Privacy | undefined;
  /** The address the last accepted signature was sent for, shown in "check your e-mail". */
  sentTo = '';

  #host: Host;
  #options: Options;
  #loading: Promise<boolean> | undefined;
  #loadedFor = '';
  #abort = new AbortController();
  #focus: string | undefined;

  constructor(host: Host, options: Options) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Starts fetching what the form needs, without opening it (on hover or focus of the button). */
  prepare(): Promise<boolean> {
    const api = this.#options.api();
    if (!api) return Promise.resolve(false);
    if (this.#loading && this.#loadedFor === api) return this.#loading;
    this.#loadedFor = api;
    const loading = loadForm(api, this.#abort.signal).then((loaded) => {
      if (loaded) {
        this.places = loaded.places;
        this.privacy = loaded.privacy;
        // The host's council (its `municipality` property, which a framework may set without the
        // attribute), unless the signer has typed one already.
        const chosen = loaded.places.find((p) => p.code === this.#host.municipality);
        if (chosen && !this.draft.placeText) Object.assign(this.draft, { place: chosen, placeText: chosen.label });
      } else if (this.#loading === loading) {
        this.#loading = undefined; // try again next time
      }
      return !!loaded;
    });
    return (this.#loading = loading);
  }

  /** Opens or closes the form. What was typed stays when it closes. */
  async toggle(): Promise<void> {
    if (this.state !== 'closed') {
      this.#set('closed');
      return;
    }
    await this.open();
  }

  /** Opens the form once what it needs has come; after `load-failed`, tries again. */
  async open(): Promise<void> {
    this.#set('loading');
    const ok = await this.prepare();
    if (this.state !== 'loading') return; // closed meanwhile
    this.#set(ok ? 'editing' : 'load-failed', ok ? undefined : '#load-failed');
  }

  /**
   * A field changed. Problems stay as they were until the next attempt to send, as in the public
   * sector's pattern: the summary and the messages do not shift under the signer while they type.
   */
  edit(changes: Partial<Draft>): void {
    Object.assign(this.draft, changes);
    if ('placeText' in changes && !('place' in changes)) {
      this.draft.place = exactPlace(this.places, this.draft.placeText);
    }
    this.#host.requestUpdate();
  }

  /** Sends the form, or shows what to mend first. */
  async submit(): Promise<void> {
    if (this.state !== 'editing') return; // sending already, or not open
    this.problems = check(this.draft);
    this.summary = Object.keys(this.problems).length > 0;
    this.sendProblem = undefined;
    if (this.summary) {
      this.#set('editing', '#summary');
      return;
    }
    this.#set('sending');
    const lang = this.#options.lang();
    const { draft } = this;
    const role = draft.role as 'elected' | 'candidate';
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- check() found nothing, so a place is chosen
    const municipality = draft.place!.code;
    const email = draft.email.trim();
    // A campaign other than the compiled one is named; without it the service takes its current one.
    const campaign = this.#options.campaign();
    const outcome = await sendSignature(
      this.#options.api(),
      {
        name: cleanName(draft.name),
        email,
        role,
        municipality,
        lang,
        showName: draft.showName,
        ...(campaign && campaign !== BUILT_IN_CAMPAIGN ? { campaign } : {}),
      },
      this.#abort.signal,
    );
    if (this.#abort.signal.aborted) return;
    if (outcome.kind === 'accepted') {
      this.sentTo = email;
      this.#set('sent', '#sent');
      this.#host.dispatchEvent(
        new CustomEvent<SignedDetail>(SIGNED_EVENT, {
          bubbles: true,
          composed: true,
          detail: { lang, role, municipality },
        }),
      );
      return;
    }
    if (outcome.kind === 'invalid') {
      this.problems = problemsFromService(outcome.fields);
      this.summary = Object.keys(this.problems).length > 0;
      if (this.summary) {
        this.#set('editing', '#summary');
        return;
      }
    }
    // Not reached, limited, or refused for a reason the form has no field for: nothing to mend here.
    this.sendProblem = outcome.kind === 'rate-limited' || outcome.kind === 'closed' ? outcome.kind : 'unreachable';
    this.#set('editing', '#send-problem');
  }

  /** From "check your e-mail" back to the form, as it was sent, to mend an address. */
  back(): void {
    this.#set('editing', '#email');
  }

  /** The field a problem is about, for the error summary's links. */
  focusField(field: Field): void {
    this.#focus = field === 'role' ? '[name="role"]' : `#${field}`;
    this.#host.requestUpdate();
  }

  #set(state: FormState, focus?: string): void {
    this.state = state;
    this.#focus = focus;
    this.#host.requestUpdate();
  }

  hostUpdated(): void {
    if (!this.#focus) return;
    const target = this.#host.shadowRoot?.querySelector<HTMLElement>(this.#focus);
    this.#focus = undefined;
    target?.focus();
  }

  hostConnected(): void {
    this.#abort = new AbortController();
  }

  hostDisconnected(): void {
    this.#abort.abort();
    this.#loading = undefined;
    if (this.state === 'sending' || this.state === 'loading') this.state = 'closed';
  }
}
