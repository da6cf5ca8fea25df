import type { CampaignState } from '../../contract/campaign.js';
import type { Lang } from '../../contract/signature.js';

import type { Answer, Kind } from './ways.js';

/** The colour pairs the builder checks (server/builder/contrast.js). */
export type PairId = 'text' | 'accent' | 'counter' | 'muted' | 'field' | 'error';

export interface BuilderTexts {
  title: string;
  /** The page's meta description, for search engines and link previews. */
  description: string;
  lead: string;
  otherLanguage: { lang: Lang; href: string; text: string };
  noScript: string;
  settings: string;
  language: string;
  content: string;
  showCounter: string;
  showForm: string;
  /** The legend of the council's fieldset. */
  local: string;
  council: string;
  noCouncil: string;
  councilHint: string;
  /** The legend of the campaign's choice, and the hint under it (issue 27). */
  campaign: string;
  campaignHint: string;
  /** A campaign's choice: `{title}` its title, `{state}` one of `states`. */
  campaignChoice: string;
  states: Record<CampaignState, string>;
  colours: string;
  coloursHint: string;
  accent: string;
  background: string;
  color: string;
  /** `{name}`: the colour's label. */
  picker: string;
  badColour: string;
  resetColours: string;
  contrast: string;
  contrastIntro: string;
  pairs: Record<PairId, string>;
  /** `{ratio}`: "4,6". */
  pass: string;
  fail: string;
  /** `{pairs}`: the failing pairs' names, joined. */
  warning: string;
  preview: string;
  previewNote: string;
  /** The heading of the question and the way it shows. */
  way: string;
  /** The question's legend, and the hint under it. */
  ask: string;
  askHint: string;
  /**
   * Each answer: its radio's label, then what the editor does, in their words (no oEmbed, iframe,
   * CSP or SSB): a heading, the steps, and what the copy button copies ("adressen").
   */
  answers: Record<Answer, { label: string; heading: string; steps: string; code: string }>;
  /** The button that sends the answer where no script runs. */
  show: string;
  /** In the way's place until the editor answers. */
  noAnswer: string;
  /** The disclosure with every way in, developer details and all. */
  otherWays: string;
  codeIntro: string;
  kinds: Record<Kind, { title: string; when: string }>;
  /** The link to the WordPress plugin's zip, under the shortcode. */
  pluginDownload: string;
  copy: string;
  copied: string;
  selected: string;
  /** In place of the code while a colour field holds no valid colour. */
  noCode: string;
}

/**
 * What the builder says, in bokmål and nynorsk (the nynorsk in the project's norm: e-infinitive,
 * "vi"). Plain strings with {placeholders}. Only what is true: where CMS.md says a way in is not
 * verified, so do these texts.
 */
export const builderTexts: Record<Lang, BuilderTexts> = {
  nb: {
    title: 'Vis Valgløftet på nettstedet ditt',
    description:
      'Vis Valgløftet 2023 fra KS på nettstedet ditt: velg språk, innhold og farger, og kopier koden som passer for publiseringsløsningen dere bruker.',
    lead: 'Velg språk, innhold og farger, se hvordan det blir, og kopier koden som passer for publiseringsløsningen dere bruker.',
    otherLanguage: { lang: 'nn', href: '?lang=nn', text: 'Denne sida på nynorsk' },
    noScript:
      'Uten JavaScript viser siden koden for standardvalgene: bokmål, med teller og skjema, i standardfargene. Med JavaScript kan du velge selv og se resultatet.',
    settings: 'Innstillinger',
    language: 'Språk',
    content: 'Innhold',
    showCounter: 'Vis telleren (hvor mange som har sluttet seg til)',
    showForm: 'Vis knappen og skjemaet for folkevalgte og kandidater som vil slutte seg til',
    local: 'Lokale tall',
    council: 'Kommune eller fylkeskommune',
    noCouncil: 'Ingen (bare nasjonale tall)',
    councilHint:
      'Under de nasjonale tallene viser Valgløftet da om kommunestyret eller fylkestinget har vedtatt løftet, og hvor mange folkevalgte og kandidater derfra som har sluttet seg til. I skjemaet er den allerede valgt.',
    campaign: 'Kampanje',
    campaignHint:
      'Den gjeldende kampanjen er valgt, og koden følger den når en ny tar over. Velger du en annen, står den i koden, og Valgløftet viser alltid den.',
    campaignChoice: '{title} ({state})',
    states: { open: 'åpen', upcoming: 'ikke åpnet ennå', closed: 'avsluttet' },
    colours: 'Farger',
    coloursHint:
      'Lar du fargene stå, følger Valgløftet lys og mørk modus på nettstedet. Egne farger gjelder i begge, så velg da alle tre.',
    accent: 'Uthevingsfarge (overskrifter, lenker og knapper)',
    background: 'Bakgrunn',
    color: 'Tekst',
    picker: '{name}, fargevelger',
    badColour: 'Skriv fargen som # og seks tegn, 0–9 og a–f, for eksempel #0f5b8c.',
    resetColours: 'Tilbake til standardfargene',
    contrast: 'Kontrast',
    contrastIntro: 'Tekst og bakgrunn må ha en kontrast på minst 4,5 : 1 (WCAG 2.1, nivå AA).',
    pairs: {
      text: 'Tekst på bakgrunnen',
      accent: 'Overskrifter, lenker og knapper på bakgrunnen',
      counter: 'Tallene i telleren',
      muted: 'Den dempede teksten (forklaringer og kreditering)',
      field: 'Tekst i skjemafeltene (hvite felt på lyse nettsteder)',
      error: 'Feilmeldinger i skjemaet',
    },
    pass: '{ratio} : 1, god nok',
    fail: '{ratio} : 1, for lav',
    warning: 'For lav kontrast: {pairs}. Velg en mørkere eller lysere farge, så teksten blir lett å lese.',
    preview: 'Forhåndsvisning',
    previewNote:
      'Slik blir det med innstillingene du har valgt. Telleren viser de virkelige tallene, og skjemaet virker: send det bare hvis du mener det.',
    way: 'Få Valgløftet inn på nettstedet',
    ask: 'Hva har du?',
    askHint: 'Velg det som passer for deg, så viser vi hva du skal gjøre.',
    answers: {
      'wp-plugin': {
        label: 'WordPress med utvidelsen KS Valgløftet',
        heading: 'Lim inn kortkoden i innlegget eller på siden',
        steps:
          'Lim den inn der Valgløftet skal stå, i et avsnitt for seg. Du kan også legge til blokken «Valgløftet 2023» og gjøre de samme valgene der.',
        code: 'kortkoden',
      },
      'wp-author': {
        label: 'WordPress uten utvidelsen, og jeg er forfatter eller redaktør',
        heading: 'Lim inn adressen i en Bygg inn-blokk',
        steps:
          'Legg til en Bygg inn-blokk (på engelsk: Embed) der Valgløftet skal stå, og lim inn adressen. Du kan også lime den inn alene på en egen linje. Valgløftet vises da i en ramme i innlegget.',
        code: 'adressen',
      },
      'wp-admin': {
        label: 'WordPress, og jeg er administrator og kan installere utvidelser',
        heading: 'Installer utvidelsen, og lim inn kortkoden',
        steps:
          'Last ned utvidelsen med lenken under, og last opp fila i WordPress under Innstikk (Last opp innstikk). Aktiver den, og lim så inn kortkoden der Valgløftet skal stå. Da kan også forfatterne på nettstedet bruke den.',
        code: 'kortkoden',
      },
      enonic: {
        label: 'Enonic XP',
        heading: 'Lim inn koden i makroen Embed',
        steps:
          'Sett inn makroen Embed i teksten der Valgløftet skal stå, og lim inn koden i den. Valgløftet vises da i en ramme på siden.',
        code: 'koden',
      },
      'other-cms': {
        label: 'Drupal, ACOS, CustomPublish eller en annen publiseringsløsning',
        heading: 'Lim inn koden der du kan bygge inn innhold fra andre nettsteder',
        steps:
          'Mange publiseringsløsninger har et felt eller en knapp for å bygge inn innhold, ofte kalt «Bygg inn» eller «Embed». Lim inn koden der. Finner du ikke noe slikt, kan leverandøren hjelpe. Vi har ikke prøvd dette i Drupal, ACOS og CustomPublish.',
        code: 'koden',
      },
      script: {
        label: 'En side der jeg kan lime inn HTML-kode med skript',
        heading: 'Lim inn koden der Valgløftet skal stå',
        steps:
          'Lim inn begge linjene i et felt som tar imot HTML. Valgløftet tilpasser seg plassen og får samme skrift som siden.',
        code: 'koden',
      },
    },
    show: 'Vis meg hvordan',
    noAnswer: 'Svar på spørsmålet, så kommer det du skal gjøre og koden du trenger her.',
    otherWays: 'Andre måter',
    codeIntro:
      'Alle måtene Valgløftet kan komme inn på en side, med tekniske detaljer. Kan du lime inn skript, gir skriptkoden det beste resultatet; ellers fungerer iframe eller adressen.',
    kinds: {
      module: {
        title: 'Skript (modul)',
        when: 'For dem som får lime inn HTML med skript, for eksempel administratorer og redaktører i WordPress på et enkeltstående nettsted (ikke multisite). Valgløftet tilpasser seg plassen og arver skrifttypen på siden. Egne farger står i et style-attributt; har nettstedet en streng Content-Security-Policy uten «unsafe-inline» for stiler, må de stå i nettstedets eget stilark i stedet.',
      },
      classic: {
        title: 'Skript (klassisk)',
        when: 'Det samme, for en publiseringsløsning som ikke tar imot type="module".',
      },
      iframe: {
        title: 'Iframe',
        when: 'Der skript blir fjernet, men iframe er lov: makroen Embed i Enonic, Drupal der tekstformatet tillater iframe, og trolig ACOS og CustomPublish (ikke kontrollert). Høyden er fast ({height} piksler), nok til at innledningen, telleren og knappen får plass.',
      },
      iframeWithHelper: {
        title: 'Iframe med automatisk høyde',
        when: 'Som iframe, for nettsteder som også tillater ett skript: skriptet gjør rammen like høy som innholdet.',
      },
      url: {
        title: 'Adressen (oEmbed)',
        when: 'WordPress: lim inn adressen alene på en egen linje; det kan alle som får publisere, også forfattere. Drupal: med Media, når en administrator har lagt til tjenesten som oEmbed-leverandør.',
      },
      shortcode: {
        title: 'Kortkode i WordPress (utvidelsen)',
        when: 'WordPress med utvidelsen KS Valgløftet installert: lim inn kortkoden i et innlegg eller på en side; det kan alle som skriver innlegg, også forfattere og bidragsytere. Løftets tekst kommer da med i HTML-koden til siden. Utvidelsen har også en blokk med de samme valgene.',
      },
    },
    pluginDownload: 'Last ned utvidelsen for WordPress',
    copy: 'Kopier',
    copied: 'Kopiert',
    selected: 'Koden er merket. Kopier den med Ctrl+C (⌘+C på Mac).',
    noCode: 'Ingen kode ennå: en av fargene er ikke gyldig. Rett den, så kommer koden her.',
  },
  nn: {
    title: 'Vis Valgløftet på nettstaden din',
    description:
      'Vis Valgløftet 2023 frå KS på nettstaden din: vel språk, innhald og fargar, og kopier koden som passar for publiseringsløysinga de brukar.',
    lead: 'Vel språk, innhald og fargar, sjå korleis det blir, og kopier koden som passar for publiseringsløysinga de brukar.',
    otherLanguage: { lang: 'nb', href: '?lang=nb', text: 'Denne siden på bokmål' },
    noScript:
      'Utan JavaScript viser sida koden for standardvala: nynorsk, med teljar og skjema, i standardfargane. Med JavaScript kan du velje sjølv og sjå resultatet.',
    settings: 'Innstillingar',
    language: 'Språk',
    content: 'Innhald',
    showCounter: 'Vis teljaren (kor mange som har slutta seg til)',
    showForm: 'Vis knappen og skjemaet for folkevalde og kandidatar som vil slutte seg til',
    local: 'Lokale tal',
    council: 'Kommune eller fylkeskommune',
    noCouncil: 'Ingen (berre nasjonale tal)',
    councilHint:
      'Under dei nasjonale tala viser Valgløftet då om kommunestyret eller fylkestinget har vedteke løftet, og kor mange folkevalde og kandidatar derifrå som har slutta seg til. I skjemaet er kommunen alt vald.',
    campaign: 'Kampanje',
    campaignHint:
      'Den gjeldande kampanjen er vald, og koden følgjer han når ein ny tek over. Vel du ein annan, står han i koden, og Valgløftet viser alltid han.',
    campaignChoice: '{title} ({state})',
    states: { open: 'open', upcoming: 'ikkje opna enno', closed: 'avslutta' },
    colours: 'Fargar',
    coloursHint:
      'Lèt du fargane stå, følgjer Valgløftet lys og mørk modus på nettstaden. Eigne fargar gjeld i begge, så vel då alle tre.',
    accent: 'Framhevingsfarge (overskrifter, lenker og knappar)',
    background: 'Bakgrunn',
    color: 'Tekst',
    picker: '{name}, fargeveljar',
    badColour: 'Skriv fargen som # og seks teikn, 0–9 og a–f, til dømes #0f5b8c.',
    resetColours: 'Tilbake til standardfargane',
    contrast: 'Kontrast',
    contrastIntro: 'Tekst og bakgrunn må ha ein kontrast på minst 4,5 : 1 (WCAG 2.1, nivå AA).',
    pairs: {
      text: 'Tekst på bakgrunnen',
      accent: 'Overskrifter, lenker og knappar på bakgrunnen',
      counter: 'Tala i teljaren',
      muted: 'Den dempa teksten (forklaringar og kreditering)',
      field: 'Tekst i skjemafelta (kvite felt på lyse nettstader)',
      error: 'Feilmeldingar i skjemaet',
    },
    pass: '{ratio} : 1, god nok',
    fail: '{ratio} : 1, for låg',
    warning: 'For låg kontrast: {pairs}. Vel ein mørkare eller lysare farge, så teksten blir lett å lese.',
    preview: 'Førehandsvising',
    previewNote:
      'Slik blir det med innstillingane du har valt. Teljaren viser dei verkelege tala, og skjemaet verkar: send det berre om du meiner det.',
    way: 'Få Valgløftet inn på nettstaden',
    ask: 'Kva har du?',
    askHint: 'Vel det som passar for deg, så viser vi kva du skal gjere.',
    answers: {
      'wp-plugin': {
        label: 'WordPress med utvidinga KS Valgløftet',
        heading: 'Lim inn kortkoden i innlegget eller på sida',
        steps:
          'Lim han inn der Valgløftet skal stå, i eit avsnitt for seg. Du kan også leggje til blokka «Valgløftet 2023» og gjere dei same vala der.',
        code: 'kortkoden',
      },
      'wp-author': {
        label: 'WordPress utan utvidinga, og eg er forfattar eller redaktør',
        heading: 'Lim inn adressa i ei Bygg inn-blokk',
        steps:
          'Legg til ei Bygg inn-blokk (på engelsk: Embed) der Valgløftet skal stå, og lim inn adressa. Du kan også lime ho inn åleine på ei eiga linje. Valgløftet blir då vist i ei ramme i innlegget.',
        code: 'adressa',
      },
      'wp-admin': {
        label: 'WordPress, og eg er administrator og kan installere utvidingar',
        heading: 'Installer utvidinga, og lim inn kortkoden',
        steps:
          'Last ned utvidinga med lenka under, og last opp fila i WordPress der du legg til nye utvidingar. Aktiver ho, og lim så inn kortkoden der Valgløftet skal stå. Då kan også forfattarane på nettstaden bruke han.',
        code: 'kortkoden',
      },
      enonic: {
        label: 'Enonic XP',
        heading: 'Lim inn koden i makroen Embed',
        steps:
          'Set inn makroen Embed i teksten der Valgløftet skal stå, og lim inn koden i han. Valgløftet blir då vist i ei ramme på sida.',
        code: 'koden',
      },
      'other-cms': {
        label: 'Drupal, ACOS, CustomPublish eller ei anna publiseringsløysing',
        heading: 'Lim inn koden der du kan byggje inn innhald frå andre nettstader',
        steps:
          'Mange publiseringsløysingar har eit felt eller ein knapp for å byggje inn innhald, ofte kalla «Bygg inn» eller «Embed». Lim inn koden der. Finn du ikkje noko slikt, kan leverandøren hjelpe. Vi har ikkje prøvd dette i Drupal, ACOS og CustomPublish.',
        code: 'koden',
      },
      script: {
        label: 'Ei side der eg kan lime inn HTML-kode med skript',
        heading: 'Lim inn koden der Valgløftet skal stå',
        steps:
          'Lim inn begge linjene i eit felt som tek imot HTML. Valgløftet tilpassar seg plassen og får same skrift som sida.',
        code: 'koden',
      },
    },
    show: 'Vis meg korleis',
    noAnswer: 'Svar på spørsmålet, så kjem det du skal gjere og koden du treng her.',
    otherWays: 'Andre måtar',
    codeIntro:
      'Alle måtane Valgløftet kan kome inn på ei side, med tekniske detaljar. Kan du lime inn skript, gir skriptkoden det beste resultatet; elles fungerer iframe eller adressa.',
    kinds: {
      module: {
        title: 'Skript (modul)',
        when: 'For dei som får lime inn HTML med skript, til dømes administratorar og redaktørar i WordPress på ein enkeltståande nettstad (ikkje multisite). Valgløftet tilpassar seg plassen og arvar skrifttypen på sida. Eigne fargar står i eit style-attributt; har nettstaden ein streng Content-Security-Policy utan «unsafe-inline» for stilar, må dei stå i stilarket til nettstaden.',
      },
      classic: {
        title: 'Skript (klassisk)',
        when: 'Det same, for ei publiseringsløysing som ikkje tek imot type="module".',
      },
      iframe: {
        title: 'Iframe',
        when: 'Der skript blir fjerna, men iframe er lov: makroen Embed i Enonic, Drupal der tekstformatet tillèt iframe, og truleg ACOS og CustomPublish (ikkje kontrollert). Høgda er fast ({height} pikslar), nok til at innleiinga, teljaren og knappen får plass.',
      },
      iframeWithHelper: {
        title: 'Iframe med automatisk høgd',
        when: 'Som iframe, for nettstader som også tillèt eitt skript: skriptet gjer ramma like høg som innhaldet.',
      },
      url: {
        title: 'Adressa (oEmbed)',
        when: 'WordPress: lim inn adressa åleine på ei eiga linje; det kan alle som får publisere, også forfattarar. Drupal: med Media, når ein administrator har lagt til tenesta som oEmbed-leverandør.',
      },
      shortcode: {
        title: 'Kortkode i WordPress (utvidinga)',
        when: 'WordPress med utvidinga KS Valgløftet installert: lim inn kortkoden i eit innlegg eller på ei side; det kan alle som skriv innlegg, også forfattarar og bidragsytarar. Teksten i løftet kjem då med i HTML-koden til sida. Utvidinga har også ei blokk med dei same vala.',
      },
    },
    pluginDownload: 'Last ned utvidinga for WordPress',
    copy: 'Kopier',
    copied: 'Kopiert',
    selected: 'Koden er merkt. Kopier han med Ctrl+C (⌘+C på Mac).',
    noCode: 'Ingen kode enno: ein av fargane er ikkje gyldig. Rett han, så kjem koden her.',
  },
};
