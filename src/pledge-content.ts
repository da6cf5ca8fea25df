import { html, nothing, type TemplateResult } from 'lit';
import type { MsgFn } from '@lit/localize';

/** Link targets a host may set per element. */
export interface PledgeLinks {
  pledge: string;
  podcast: string;
  /** KS's draft case text for councils; the sentence shows only with a link. */
  caseText: string;
}

/**
 * A link target from an attribute: http(s) only, so no `javascript:` URL reaches an href. On the
 * server (src/ssr.ts) there is no document: only absolute URLs resolve there.
 */
export function safeHref(value: string | undefined, fallback: string): string {
  try {
    const url = new URL(value || fallback, (globalThis as { document?: Document }).document?.baseURI);
    return /^https?:$/.test(url.protocol) ? url.href : fallback;
  } catch {
    return fallback;
  }
}

/** The title and lead, shown above the counter. */
export const renderIntro = (msg: MsgFn): TemplateResult => html`
  <h2 id="title" part="title">${msg('Valgløftet 2023', { id: 'title' })}</h2>
  <p class="lead" part="lead">
    ${msg(
      'Folkevalgte som slutter seg til Valgløftet 2023, lover en saklig og respektfull debatt, uten hets og trusler, og vil vise barn og unge hvorfor lokaldemokratiet er verdt å kjempe for.',
      { id: 'lead' },
    )}
  </p>
`;

/**
 * The pledge itself, written from KS's page. A host can put official text in its place through
 * the `body` slot.
 */
export const renderBody = (msg: MsgFn, links: PledgeLinks): TemplateResult => html`
  <p>
    ${msg(
      '– Landets ordførere og lokalpolitiske ledere ser hver dag hva lokaldemokratiet betyr for innbyggerne i Norge. Det sørger for bærekraftig velferd, forsterker inkludering i arbeids- og samfunnsliv, fremmer en samfunnsutvikling for en grønn framtid og gir innbyggerne mulighet til å påvirke i saker som angår dem. Det er dette vi må verne om, sier styreleder i KS, Gunn Marit Helgesen.',
      { id: 'intro.quote' },
    )}
  </p>
  <p>
    ${msg(
      'Sammen med ordførere overleverte Helgesen Valgløftet 2023 til stortingspresident Masud Gharahkhani og plenumsleder på Sametinget, Tom Sottinen.',
      { id: 'intro.handover' },
    )}
  </p>
  <p>
    ${msg(
      'Det er andre gang KS lanserer et eget valgløfte. Forrige gang var i 2019, i forkant av kommunestyre- og fylkestingsvalget. Valgløftet viser hvilken kraft det er i en samlet kommunesektor.',
      { id: 'intro.history' },
    )}
  </p>
  <h3>${msg('Demokratiet skal være for alle', { id: 'democracy.heading' })}</h3>
  <p>
    ${msg(
      'Internett og sosiale medier gir muligheter for deltakelse i demokratiet. Men det gir også mulighet for spredning av usann informasjon og falske nyheter på en helt annen måte enn tidligere. Vi vet at det gjøres aktive forsøk på å spre desinformasjon i den offentlige debatten. Det kan også gi grobunn for hets og trusler mot lokale folkevalgte.',
      { id: 'democracy.risks' },
    )}
  </p>
  <p>
    ${msg(
      'Høy demokratisk deltakelse er et kjennetegn på et godt demokrati. Vi vil at alle som har noe å si, skal kunne bli hørt i framtiden. Barn og unge må inspireres til selv å ville påvirke og bidra. Demokratiet skal være for alle.',
      { id: 'democracy.participation' },
    )}
  </p>
  <h3>${msg('Oppfordring til de folkevalgte', { id: 'call.heading' })}</h3>
  <p>
    ${msg(
      '– Vi oppfordrer alle folkevalgte i kommuner og fylkeskommuner til å slutte seg til Valgløftet 2023. Det er viktig at vi er rollemodeller i diskusjoner og debatter, og bidrar til opplysende og ansvarsfulle diskusjoner og debatter. Vi må vise barn og unge hvorfor lokaldemokratiet er verdt å kjempe for. Står vi sammen om et viktig budskap, så vinner demokratiet og den gode debatten fremfor usaklige angrep, hets og trusler, sier Helgesen.',
      { id: 'call.quote' },
    )}
  </p>
  <p>
    ${msg('Før valget i 2023 vedtok en rekke kommunestyrer valgløftet.', { id: 'call.adopted' })}
    ${
      links.caseText
        ? html`<a href=${links.caseText} part="link"
          >${msg('KS har utarbeidet et forslag til saksfremlegg som kan brukes som utgangspunkt.', {
            id: 'call.caseText',
          })}</a
        >`
        : nothing
    }
  </p>
`;

/** The pledge documents, the podcast and the credit, below the body. */
export const renderLinks = (msg: MsgFn, links: PledgeLinks): TemplateResult => html`
  <ul class="links" part="links">
    <li>
      <a href=${links.pledge} part="link"
        >${msg('Les Valgløftet 2023 på bokmål og nynorsk', { id: 'links.pledge' })}</a
      >
    </li>
    <li>
      <a href=${links.podcast} part="link">${msg('Hør podkast om Valgløftet 2023', { id: 'links.podcast' })}</a>
    </li>
  </ul>
  <p class="credit" part="credit">
    ${msg('Valgløftet 2023 er et initiativ fra KS – Kommunesektorens organisasjon.', { id: 'credit' })}
  </p>
`;
