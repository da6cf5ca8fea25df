import { html, nothing, type TemplateResult } from 'lit';
import type { MsgFn } from '@lit/localize';
import { fill } from '../../contract/fill.js';
import type { PlaceCombobox } from './place-combobox.js';
import type { SigningController } from './signing-controller.js';
import { FIELDS, type Field, type Problem } from './validate.js';

/** Each message repeats the words of its field's label, so it makes sense on its own in the summary. */
function problemText(msg: MsgFn, problem: Problem): string {
  switch (problem) {
    case 'name-missing':
      return msg('Skriv navnet ditt.', { id: 'error.name.missing' });
    case 'name-too-long':
      return msg('Navnet kan ha høyst 120 tegn.', { id: 'error.name.long' });
    case 'name-link':
      return msg('Navnet kan ikke inneholde nettadresser.', { id: 'error.name.link' });
    case 'email-missing':
      return msg('Skriv e-postadressen din.', { id: 'error.email.missing' });
    case 'email-invalid':
      return msg('Skriv e-postadressen din slik: navn@kommune.no', { id: 'error.email.invalid' });
    case 'role-missing':
      return msg('Velg om du er folkevalgt eller kandidat.', { id: 'error.role.missing' });
    case 'place-missing':
      return msg('Skriv og velg kommunen eller fylkeskommunen din.', { id: 'error.place.missing' });
    case 'place-unknown':
      return msg('Velg kommunen eller fylkeskommunen din fra listen.', { id: 'error.place.unknown' });
  }
}

/** How long a confirmation link lives, from the service: "1 time", "72 timer". */
const hours = (msg: MsgFn, form: SigningController) => {
  const n = form.privacy?.confirmHours;
  return `${n} ${n === 1 ? msg('time', { id: 'hours.one' }) : msg('timer', { id: 'hours.other' })}`;
};

const unreachable = (msg: MsgFn) =>
  msg('Vi fikk ikke kontakt med tjenesten. Prøv igjen om litt.', { id: 'unreachable' });

/**
 * The form and its states once the module has come: "check your e-mail", or the form itself. The
 * call to action above it, and what shows while the module or its data load, are the first
 * script's (`join.ts`). The form speaks the Norwegian public sector's pattern: no asterisks, but
 * one sentence saying every field is needed and `required` on each (the form checks itself:
 * `novalidate`); the message by its field (`aria-describedby`, `aria-invalid`), and a summary that
 * takes focus and links to the fields. The role's radios are needed as a group (`aria-required` on
 * it): Chromium marks a `required` radio invalid before anything is sent (issue 24, item 2).
 */
export function renderPanel(form: SigningController, place: PlaceCombobox, msg: MsgFn): TemplateResult {
  return form.state === 'sent' ? renderSent(form, msg) : renderForm(form, place, msg);
}

function renderSent(form: SigningController, msg: MsgFn) {
  return html`<div class="sent">
    <h3 id="sent" tabindex="-1">${msg('Sjekk e-posten din', { id: 'sent.heading' })}</h3>
    <p>
      ${fill(
        msg(
          'Vi har sendt en e-post til {email}. Trykk på lenken i e-posten innen {hours} for å bekrefte at du slutter deg til. Finner du ikke e-posten, se i søppelposten.',
          { id: 'sent.text' },
        ),
        { email: form.sentTo, hours: hours(msg, form) },
      )}
    </p>
    <button type="button" part="button" @click=${() => {
      form.back();
    }}>
      ${msg('Gå tilbake til skjemaet', { id: 'sent.back' })}
    </button>
  </div>`;
}

function renderForm(form: SigningController, place: PlaceCombobox, msg: MsgFn) {
  const { draft, problems, privacy } = form;
  const sending = form.state === 'sending';
  const error = (field: Field) => {
    const problem = problems[field];
    return problem ? html`<p class="error" id=${`${field}-error`}>${problemText(msg, problem)}</p>` : nothing;
  };
  const invalid = (field: Field) => (problems[field] ? 'true' : nothing);
  const describedBy = (field: Field, hint?: string) =>
    [hint, problems[field] && `${field}-error`].filter(Boolean).join(' ') || nothing;
  const listed = FIELDS.filter((field) => problems[field]);
  // Sent by script, never by form submission: a frame sandboxed without `allow-forms` (WordPress's
  // oEmbed frames) blocks submission before any submit event, while the click and the key still come.
  // A submission some other way (a script's requestSubmit) is caught by the submit event.
  const send = (e: Event) => {
    e.preventDefault();
    void form.submit();
  };

  return html`
    <form
      novalidate
      aria-label=${msg('Slutt deg til løftet', { id: 'join.button' })}
      @submit=${send}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Enter' && !e.defaultPrevented && (e.target as Element).localName === 'input') send(e);
      }}
    >
      ${
        form.summary && listed.length
          ? html`<div class="summary" part="error-summary" id="summary" tabindex="-1" role="group" aria-labelledby="summary-heading">
            <h3 id="summary-heading">${msg('Rett opp dette før du sender:', { id: 'summary.heading' })}</h3>
            <ul>
              ${listed.map(
                (field) => html`<li>
                  <a
                    href=${`#${field}`}
                    @click=${(e: Event) => {
                      e.preventDefault();
                      form.focusField(field);
                    }}
                    >${
                      // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- `listed` holds only fields with a problem
                      problemText(msg, problems[field]!)
                    }</a
                  >
                </li>`,
              )}
            </ul>
          </div>`
          : nothing
      }
      <p>${msg('Alle feltene må fylles ut.', { id: 'form.required' })}</p>

      <div class="field" ?data-invalid=${!!problems.name}>
        <label for="name">${msg('Navn', { id: 'form.name' })}</label>
        ${error('name')}
        <input
          id="name"
          part="input"
          type="text"
          autocomplete="name"
          required
          autocapitalize="words"
          spellcheck="false"
          aria-invalid=${invalid('name')}
          aria-describedby=${describedBy('name')}
          .value=${draft.name}
          @input=${(e: Event) => {
            form.edit({ name: (e.target as HTMLInputElement).value });
          }}
        />
      </div>

      <div class="field" ?data-invalid=${!!problems.email}>
        <label for="email">${msg('E-postadresse', { id: 'form.email' })}</label>
        <p class="hint" id="email-hint">${msg('Hit sender vi lenken du bekrefter med.', { id: 'form.email.hint' })}</p>
        ${error('email')}
        <input
          id="email"
          part="input"
          type="email"
          autocomplete="email"
          required
          spellcheck="false"
          aria-invalid=${invalid('email')}
          aria-describedby=${describedBy('email', 'email-hint')}
          .value=${draft.email}
          @input=${(e: Event) => {
            form.edit({ email: (e.target as HTMLInputElement).value });
          }}
        />
      </div>

      <fieldset
        class="field"
        role="radiogroup"
        aria-required="true"
        ?data-invalid=${!!problems.role}
        aria-describedby=${describedBy('role')}
      >
        <legend>${msg('Er du folkevalgt eller kandidat?', { id: 'form.role' })}</legend>
        ${error('role')}
        ${(
          [
            ['elected', msg('Folkevalgt', { id: 'form.role.elected' })],
            ['candidate', msg('Kandidat ved valget', { id: 'form.role.candidate' })],
          ] as const
        ).map(
          ([value, label], i) => html`<label class="choice">
            <input
              type="radio"
              name="role"
              id=${i === 0 ? 'role' : nothing}
              value=${value}
              aria-invalid=${invalid('role')}
              .checked=${draft.role === value}
              @change=${() => {
                form.edit({ role: value });
              }}
            />
            ${label}
          </label>`,
        )}
      </fieldset>

      <div class="field" ?data-invalid=${!!problems.place}>${place.render(msg, error('place'), !!problems.place)}</div>

      <div class="field">
        <label class="choice">
          <input
            type="checkbox"
            id="show-name"
            aria-describedby="show-name-hint"
            .checked=${draft.showName}
            @change=${(e: Event) => {
              form.edit({ showName: (e.target as HTMLInputElement).checked });
            }}
          />
          ${msg('Ja, vis navnet mitt og rollen min offentlig sammen med kommunen', { id: 'form.show-name' })}
        </label>
        <p class="hint" id="show-name-hint">
          ${msg(
            'Frivillig. Når du har bekreftet og KS har sjekket navnet, viser vi navnet ditt der Valgløftet vises, også på andre nettsteder og i åpne data. Du kan trekke samtykket med lenken i e-posten, og da fjerner vi navnet innen ett minutt.',
            { id: 'form.show-name.hint' },
          )}
        </p>
      </div>

      <p class="privacy">
        ${fill(
          msg(
            '{controller} lagrer navnet, e-postadressen, rollen og kommunen din for å registrere at du har sluttet deg til løftet. Bekrefter du ikke innen {hours}, blir alt slettet. Du kan trekke deg når du vil med lenken i e-posten, og da blir alt om deg slettet.',
            { id: 'form.privacy' },
          ),
          { controller: privacy?.controller ?? '', hours: hours(msg, form) },
        )}
        <a href=${privacy?.privacyUrl ?? ''} target="_blank" rel="noopener noreferrer"
          >${msg('Les personvernerklæringen (åpnes i ny fane)', { id: 'form.privacy.link' })}</a
        >
      </p>

      ${
        form.sendProblem
          ? html`<div class="notice" id="send-problem" tabindex="-1">
            <p>
              ${
                form.sendProblem === 'rate-limited'
                  ? msg('Det har kommet mange påmeldinger herfra på kort tid. Vent et minutt, og prøv igjen.', {
                      id: 'send.rate-limited',
                    })
                  : form.sendProblem === 'closed'
                    ? msg('Løftet tar ikke imot underskrifter nå.', {
                        id: 'send.closed',
                      })
                    : html`${unreachable(msg)} ${msg('Det du har skrevet, er tatt vare på.', { id: 'send.kept' })}`
              }
            </p>
          </div>`
          : nothing
      }

      <button type="submit" part="button" class="primary" aria-disabled=${sending ? 'true' : nothing} @click=${send}>
        ${
          sending
            ? msg('Sender …', { id: 'form.sending' })
            : form.sendProblem
              ? msg('Prøv igjen', { id: 'form.retry' })
              : msg('Slutt meg til løftet', { id: 'form.submit' })
        }
      </button>
      <p class="vh" role="status">${sending ? msg('Sender …', { id: 'form.sending' }) : ''}</p>
    </form>
  `;
}
