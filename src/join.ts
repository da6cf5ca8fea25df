import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { MsgFn } from '@lit/localize';
import type { Lang } from './language.js';
import { lazyModule } from './lazy-module.js';
import { importFormModule, type FormModule } from './load-form.js';

type Module = typeof FormModule;
type Host = ReactiveControllerHost & HTMLElement;
type Waiting = 'closed' | 'loading' | 'load-failed';

/** The form's module, once per page for every widget on it. */
const loadModule = lazyModule(importFormModule);

interface Options {
  api: () => string;
  lang: () => Lang;
  /** The campaign the widget asks for, if any: the form signs that one. */
  campaign: () => string;
}

/**
 * The call to action, and the form behind it once its module has come. Pointer or focus on the
 * button starts fetching the module (and, through the form, its list of municipalities); a click
 * opens the panel at once with a status while the module loads, and the calm "try again" notice,
 * with focus on it, if the module cannot be fetched.
 */
export class JoinController implements ReactiveController {
  /** While the module is not here: closed, loading or failed. Then the form's own state rules. */
  #state: Waiting = 'closed';
  #host: Host;
  #options: Options;
  #form: ReturnType<Module['attach']>['form'] | undefined;
  #render: ((msg: MsgFn) => TemplateResult) | undefined;
  #focus = false;
  #arriving: Promise<boolean> | undefined;

  constructor(host: Host, options: Options) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get state(): string {
    return this.#form?.state ?? this.#state;
  }

  /** Loads the module and gives the element its form; false when the module could not be fetched. */
  #arrive(): Promise<boolean> {
    return (this.#arriving ??= loadModule().then(
      (m) => {
        ({ form: this.#form, render: this.#render } = m.attach(this.#host, this.#options));
        return true;
      },
      () => {
        this.#arriving = undefined;
        return false;
      },
    ));
  }

  /** On intent: fetch the module, then what the form needs, without opening anything. */
  prepare(): void {
    if (!this.#options.api()) return;
    void this.#arrive().then((ok) => ok && this.#form?.prepare());
  }

  async toggle(): Promise<void> {
    if (this.#form) {
      await this.#form.toggle();
    } else if (this.#state === 'closed') {
      await this.open();
    } else {
      this.#set('closed');
    }
  }

  /** Opens the form; after a failed load, tries again. */
  async open(): Promise<void> {
    if (!this.#form) {
      this.#set('loading');
      const ok = await this.#arrive();
      if (this.#state !== 'loading') return; // closed meanwhile
      if (!ok) {
        this.#set('load-failed', true);
        return;
      }
      this.#state = 'closed';
    }
    await this.#form?.open();
  }

  /** "Prøv igjen": the button goes with the notice, so focus goes to the form's first field. */
  async #retry(): Promise<void> {
    await this.open();
    await this.#host.updateComplete;
    this.#host.shadowRoot?.querySelector<HTMLElement>('#name')?.focus();
  }

  #set(state: Waiting, focus = false): void {
    this.#state = state;
    this.#focus = focus;
    this.#host.requestUpdate();
  }

  hostUpdated(): void {
    if (!this.#focus) return;
    this.#focus = false;
    this.#host.shadowRoot?.querySelector<HTMLElement>('#load-failed')?.focus();
  }

  /** The call to action and the panel under it. */
  render(msg: MsgFn): TemplateResult {
    const state = this.state;
    const open = state !== 'closed';
    return html`
      <section class="join" part="join">
        <p>${msg('Folkevalgte og kandidater kan slutte seg til løftet her.', { id: 'join.invite' })}</p>
        <button
          type="button"
          part="button"
          class="primary"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls="join-panel"
          @click=${() => void this.toggle()}
          @pointerenter=${() => {
            this.prepare();
          }}
          @focus=${() => {
            this.prepare();
          }}
        >
          ${msg('Slutt deg til løftet', { id: 'join.button' })}
        </button>
        <div id="join-panel">${open ? this.#panel(state, msg) : nothing}</div>
      </section>
    `;
  }

  #panel(state: string, msg: MsgFn) {
    if (state === 'loading') {
      return html`<p class="status" role="status">${msg('Henter skjemaet …', { id: 'form.loading' })}</p>`;
    }
    if (state === 'load-failed') {
      return html`<div class="notice" id="load-failed" tabindex="-1">
        <p>${msg('Vi fikk ikke kontakt med tjenesten. Prøv igjen om litt.', { id: 'unreachable' })}</p>
        <button type="button" part="button" @click=${() => void this.#retry()}>
          ${msg('Prøv igjen', { id: 'form.retry' })}
        </button>
      </div>`;
    }
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- any other state is the form's own
    return this.#render!(msg);
  }
}
