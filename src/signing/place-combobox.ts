import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { MsgFn } from '@lit/localize';
import { searchPlaces, type PlaceOption } from './places.js';
import type { SigningController } from './signing-controller.js';

/**
 * The municipality field: an editable combobox with a list that filters as one types (WAI-ARIA
 * APG, "list autocomplete with manual selection"). Down and Up move through the list, Enter
 * chooses the active option (and otherwise sends the form), Escape closes the list and then clears
 * the field. Typing a name exactly chooses it.
 * The list lies in the page's flow, below the field, so no host container can clip it.
 */
export class PlaceCombobox {
  expanded = false;
  /** Index of the option shown as active (`aria-activedescendant`), or -1. */
  active = -1;

  #host: ReactiveControllerHost & HTMLElement;
  #form: SigningController;
  #memo: { text: string; places: readonly PlaceOption[]; results: PlaceOption[] } | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, form: SigningController) {
    this.#host = host;
    this.#form = form;
  }

  get results(): PlaceOption[] {
    const text = this.#form.draft.placeText;
    const { places } = this.#form;
    if (this.#memo?.text !== text || this.#memo.places !== places) {
      this.#memo = { text, places, results: searchPlaces(places, text) };
    }
    return this.#memo.results;
  }

  #show(expanded: boolean, active = -1): void {
    this.expanded = expanded;
    this.active = expanded ? active : -1;
    this.#host.requestUpdate();
    if (expanded && active >= 0) {
      void this.#host.updateComplete.then(() =>
        this.#host.shadowRoot
          ?.querySelector('[role="option"][aria-selected="true"]')
          ?.scrollIntoView({ block: 'nearest' }),
      );
    }
  }

  #choose(option: PlaceOption): void {
    this.#form.edit({ placeText: option.label, place: option });
    this.#show(false);
  }

  #onInput = (event: Event): void => {
    const text = (event.target as HTMLInputElement).value;
    this.#form.edit({ placeText: text });
    this.#show(text.trim() !== '');
  };

  #onKeydown = (event: KeyboardEvent): void => {
    const { results } = this;
    const last = results.length - 1;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        this.#show(true, this.expanded && this.active < last ? this.active + 1 : 0);
        return;
      case 'ArrowUp':
        event.preventDefault();
        this.#show(true, this.expanded && this.active > 0 ? this.active - 1 : last);
        return;
      case 'Enter': {
        // On an active option, Enter chooses it; otherwise it sends the form, as in any text field
        // (a name typed in full is already chosen).
        const option = this.expanded ? results[this.active] : undefined;
        if (option) {
          event.preventDefault();
          this.#choose(option);
        }
        return;
      }
      case 'Escape':
        if (this.expanded) {
          event.preventDefault();
          event.stopPropagation(); // a host dialog around us stays open
          this.#show(false);
        } else if (this.#form.draft.placeText) {
          event.preventDefault();
          this.#form.edit({ placeText: '' });
        }
        return;
      default:
        return;
    }
  };

  #onBlur = (): void => {
    if (this.expanded) this.#show(false);
  };

  /**
   * The label, hint, error, field and list. Screen readers tell the active option's place in the
   * list ("3 of 12") from the listbox itself, so no live region repeats it; "Ingen treff." has a
   * status region, there before it is needed.
   */
  render(msg: MsgFn, error: unknown, invalid: boolean) {
    const { results, expanded } = this;
    const open = expanded && results.length > 0;
    const activeOption = open ? results[this.active] : undefined;
    const none = expanded && results.length === 0;
    return html`
      <label for="place" id="place-label">${msg('Kommune eller fylkeskommune', { id: 'form.place' })}</label>
      <p class="hint" id="place-hint">
        ${msg('Skriv de første bokstavene, og velg fra listen.', { id: 'form.place.hint' })}
      </p>
      ${error}
      <input
        id="place"
        part="input"
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        aria-autocomplete="list"
        required
        aria-controls="place-list"
        aria-expanded=${open ? 'true' : 'false'}
        aria-activedescendant=${activeOption ? `place-${activeOption.code}` : nothing}
        aria-describedby=${invalid ? 'place-hint place-error' : 'place-hint'}
        aria-invalid=${invalid ? 'true' : nothing}
        .value=${this.#form.draft.placeText}
        @input=${this.#onInput}
        @keydown=${this.#onKeydown}
        @blur=${this.#onBlur}
      />
      <ul
        id="place-list"
        role="listbox"
        aria-labelledby="place-label"
        ?hidden=${!open}
        @mousedown=${
          (e: Event) => {
            e.preventDefault();
          } /* a click on an option leaves focus in the field */
        }
      >
        ${
          open
            ? results.map(
                (option, i) => html`<li
                role="option"
                id=${`place-${option.code}`}
                aria-selected=${i === this.active ? 'true' : 'false'}
                @click=${() => {
                  this.#choose(option);
                }}
              >
                ${option.label}${option.detail ? html`, <span class="detail">${option.detail}</span>` : nothing}
              </li>`,
              )
            : nothing
        }
      </ul>
      <p class="hint" role="status">${none ? msg('Ingen treff.', { id: 'form.place.none' }) : ''}</p>
    `;
  }
}
