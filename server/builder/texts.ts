import type { Lang } from '../../contract/signature.js';

/** The ways in, in the order the builder shows them; each one's code comes from snippets(). */
export const KINDS = ['module', 'classic', 'iframe', 'iframeWithHelper', 'url', 'shortcode'] as const;
export type Kind = (typeof KINDS)[number];

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
  code: string;
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
    colours: 'Farger',
    coloursHint:
      'Lar du fargene stå, følger Valgløftet lys og mørk modus på nettstedet. Egne farger gjelder i begge, så velg da alle tre. De står i et style-attributt i skriptkoden; har nettstedet en streng Content-Security-Policy uten «unsafe-inline» for stiler, må de stå i nettstedets eget stilark i stedet.',
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
    code: 'Koden',
    codeIntro:
      'Velg den måten publiseringsløsningen deres tillater. Kan du lime inn skript, gir skriptkoden det beste resultatet; ellers fungerer iframe eller adressen.',
    kinds: {
      module: {
        title: 'Skript (modul)',
        when: 'For dem som får lime inn HTML med skript, for eksempel administratorer og redaktører i WordPress på et enkeltstående nettsted (ikke multisite). Valgløftet tilpasser seg plassen og arver skrifttypen på siden.',
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
    colours: 'Fargar',
    coloursHint:
      'Lèt du fargane stå, følgjer Valgløftet lys og mørk modus på nettstaden. Eigne fargar gjeld i begge, så vel då alle tre. Dei står i eit style-attributt i skriptkoden; har nettstaden ein streng Content-Security-Policy utan «unsafe-inline» for stilar, må dei stå i stilarket til nettstaden.',
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
    code: 'Koden',
    codeIntro:
      'Vel den måten publiseringsløysinga dykkar tillèt. Kan du lime inn skript, gir skriptkoden det beste resultatet; elles fungerer iframe eller adressa.',
    kinds: {
      module: {
        title: 'Skript (modul)',
        when: 'For dei som får lime inn HTML med skript, til dømes administratorar og redaktørar i WordPress på ein enkeltståande nettstad (ikkje multisite). Valgløftet tilpassar seg plassen og arvar skrifttypen på sida.',
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
