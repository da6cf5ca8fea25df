import { fill } from '../../contract/fill.js';
import type { Lang } from '../../contract/signature.js';
import { deletionDay, type Campaign, type Campaigns } from '../campaigns/campaigns.js';
import { formatDate } from '../../contract/dates.js';

/**
 * Everything the service says to a signer, in bokmål and nynorsk: the mails and the pages behind
 * their links. Plain strings with {placeholders}; `fill` puts values in. The spelling test checks
 * every string with hunspell, like the widget's. {campaign} and {about} are the signer's campaign's
 * title and what its pledge is (its folder's `title` and `about`): a signer reads them only through
 * `signerTexts`, which fills them in.
 */
export const texts = {
  nb: {
    hoursOne: '{n} time',
    hoursMany: '{n} timer',
    confirmSubject: 'Bekreft at du slutter deg til {campaign}',
    confirmMail:
      'Hei!\n\n' +
      'Takk for at du vil slutte deg til {campaign}, {about}.\n\n' +
      'Bekreft underskriften din her (lenken virker i {hours}):\n{confirmUrl}\n\n' +
      'Var det ikke du som ville slutte deg til, eller har du ombestemt deg? Da trenger du ikke gjøre noe: uten bekreftelse blir opplysningene slettet etter {hours}. Du kan også slette dem med en gang:\n{withdrawUrl}\n\n' +
      '{controller} lagrer navnet, e-postadressen, rollen og kommunen din for å registrere at du har sluttet deg til løftet, og sletter dem når du trekker deg{kept}. Les mer: {privacyUrl}\n\n' +
      'Hilsen KS',
    /**
     * Only when the signer ticked the box: what the consent means and how to withdraw it alone.
     * mails.ts puts it after the confirm link. {hideNameUrl} is the withdraw link.
     */
    publicNameMail:
      'Du har sagt ja til at vi viser navnet og rollen din offentlig sammen med kommunen din. Det skjer når du har bekreftet og KS har sjekket navnet: på sidene om {campaign}, også der andre viser løftet på nettsidene sine, og i åpne data. Når du trekker samtykket, trekker deg eller får opplysningene slettet, fjerner vi navnet fra alt dette. Det tar høyst ett minutt, og litt lenger på en side som allerede er åpen. Kopier som andre allerede har lastet ned, kan vi ikke slette.\n\n' +
      'Vil du senere fjerne bare navnet og fortsatt stå bak løftet, åpner du denne lenken og trykker på «Fjern bare navnet mitt»:\n{hideNameUrl}',
    /** The text of the links in the HTML part, read aloud instead of the address. */
    confirmLink: 'Bekreft at du slutter deg til {campaign}',
    deleteLink: 'Slett opplysningene mine',
    hideNameLink: 'Fjern bare navnet mitt fra de offentlige listene',
    alreadySubject: 'Du har allerede sluttet deg til {campaign}',
    alreadyMail:
      'Hei!\n\n' +
      'Noen, trolig du, har prøvd å slutte seg til {campaign} igjen med denne e-postadressen. Du står allerede oppført, så du trenger ikke gjøre noe.\n\n' +
      'Vil du trekke deg, kan du gjøre det her:\n{withdrawUrl}\n\n' +
      'Hilsen KS',
    withdrawLink: 'Trekk meg fra {campaign} og slett opplysningene mine',
    pageDescription: 'Her bekrefter eller trekker du underskriften din på {campaign}, {about}.',
    confirmTitle: 'Bekreft underskriften din',
    confirmText: 'Sjekk at opplysningene stemmer, og trykk på knappen for å slutte deg til {campaign}.',
    changedText:
      'Opplysningene ble endret etter at du åpnet siden, så ingenting er bekreftet ennå. Se over dem, og trykk på knappen igjen hvis de stemmer.',
    /**
     * When the name, role or council was changed within the pause after the form was first sent:
     * anyone who knows the address can do that, so the consent to show the name went with it.
     */
    amendedText:
      'Opplysningene under ble endret etter at skjemaet først ble sendt med denne e-postadressen. Det er disse som blir registrert hvis du bekrefter, og navnet ditt vises ikke offentlig. Var det ikke du som endret dem, trykker du på «Det stemmer ikke – slett opplysningene».',
    nameLabel: 'Navn',
    roleLabel: 'Rolle',
    municipalityLabel: 'Kommune eller fylkeskommune',
    roleElected: 'Folkevalgt',
    roleCandidate: 'Kandidat ved valget',
    /** The confirm page's details: what the signer consents to before pressing confirm. */
    publicNameLabel: 'Navnet ditt vises offentlig',
    /** Its value with consent: the name is shown only once KS has checked it. */
    publicNameYes: 'Ja, når KS har sjekket det',
    /** On the confirmation page, with consent: when the name is shown, and how to take it back. */
    publicNameText:
      'Navnet ditt vises først når KS har sjekket det. Vil du fjerne navnet senere, finner du en lenke for det i e-posten.',
    yes: 'Ja',
    no: 'Nei',
    confirmButton: 'Bekreft',
    wrongTitle: 'Stemmer ikke dette?',
    wrongText:
      'Da sletter du opplysningene her. Vil du være med, slutter du deg til på nytt med de riktige opplysningene og får en ny e-post. Var det ikke du som ville slutte deg til, trenger du ikke gjøre noe mer når de er slettet.',
    wrongButton: 'Det stemmer ikke – slett opplysningene',
    discardedTitle: 'Opplysningene er slettet',
    discardedText:
      'Underskriften ble ikke bekreftet, og navnet, e-postadressen, rollen og kommunen er slettet. Vil du slutte deg til {campaign}, kan du gjøre det på nytt med de riktige opplysningene.',
    confirmedTitle: 'Takk!',
    confirmedText:
      'Du har sluttet deg til {campaign}. Antallet folkevalgte og kandidater som står bak løftet, er nå {count}.',
    withdrawTitle: 'Trekk underskriften din',
    withdrawText:
      'Hei, {name}! Trykk på knappen for å trekke deg fra {campaign}. Navnet, e-postadressen, rollen og kommunen din blir slettet.',
    withdrawButton: 'Trekk meg',
    // Beside it, for a confirmed signer whose name is shown: withdrawing that consent alone, as
    // easily as it was given (one button).
    hideNameTitle: 'Vil du bare fjerne navnet ditt?',
    hideNameText:
      'Du har sagt ja til at vi viser navnet og rollen din offentlig sammen med kommunen din når KS har sjekket navnet. Du kan fjerne dem og likevel stå bak løftet: underskriften din telles fortsatt med, men navnet er borte fra sidene og fra åpne data innen ett minutt.',
    hideNameButton: 'Fjern bare navnet mitt',
    nameHiddenTitle: 'Navnet ditt er fjernet',
    nameHiddenText:
      'Du står fortsatt bak {campaign}, og underskriften din telles med, men vi viser ikke navnet og rollen din offentlig. Innen ett minutt er navnet borte fra sidene og fra åpne data. Vil du trekke deg helt, kan du bruke den samme lenken igjen.',
    // The withdraw link in a confirmation mail, before anyone has confirmed: nobody has joined yet,
    // and the name was typed by whoever used the address, so it is not repeated.
    withdrawPendingTitle: 'Slett opplysningene',
    withdrawPendingText:
      'Noen har brukt denne e-postadressen for å slutte seg til {campaign}, men underskriften er ikke bekreftet. Trykk på knappen for å slette opplysningene.',
    withdrawPendingButton: 'Slett opplysningene',
    // Beside it, before confirming, for a signer who consented: the mail's «Fjern bare navnet mitt»
    // leads here, so the page offers that too, in words true before anything is shown.
    hideNamePendingText:
      'Navnet ditt vises ikke før underskriften er bekreftet. Fjerner du det nå, blir det ikke vist etterpå heller, og du kan fortsatt bekrefte underskriften med lenken i e-posten.',
    namePendingHiddenTitle: 'Navnet ditt blir ikke vist',
    namePendingHiddenText:
      'Underskriften er ikke bekreftet ennå. Bekrefter du den med lenken i e-posten, telles den med, men vi viser ikke navnet og rollen din offentlig.',
    withdrawnTitle: 'Du har trukket deg',
    /** After "sletter dem når du trekker deg" in the mail, for a campaign with a last day: when its data go. */
    keptUntil: ', og senest {date}, når tiden for å ta vare på dem etter kampanjen er ute',
    withdrawnText: 'Opplysningene om deg er slettet.',
    invalidTitle: 'Lenken virker ikke',
    invalidText:
      'Lenken er allerede brukt, den har gått ut, eller den er ikke kopiert helt. Har du bekreftet før, står underskriften din fortsatt. Ellers kan du slutte deg til på nytt.',
    backLink: 'Les om {campaign} hos KS',
  },
  nn: {
    hoursOne: '{n} time',
    hoursMany: '{n} timar',
    confirmSubject: 'Stadfest at du sluttar deg til {campaign}',
    confirmMail:
      'Hei!\n\n' +
      'Takk for at du vil slutte deg til {campaign}, {about}.\n\n' +
      'Stadfest underskrifta di her (lenka verkar i {hours}):\n{confirmUrl}\n\n' +
      'Var det ikkje du som ville slutte deg til, eller har du endra meining? Då treng du ikkje gjere noko: utan stadfesting blir opplysningane sletta etter {hours}. Du kan også slette dei med ein gong:\n{withdrawUrl}\n\n' +
      '{controller} lagrar namnet, e-postadressa, rolla og kommunen din for å registrere at du har slutta deg til løftet, og slettar dei når du trekkjer deg{kept}. Les meir: {privacyUrl}\n\n' +
      'Helsing KS',
    publicNameMail:
      'Du har sagt ja til at vi viser namnet og rolla di offentleg saman med kommunen din. Det skjer når du har stadfesta og KS har sjekka namnet: på sidene om {campaign}, også der andre viser løftet på nettsidene sine, og i opne data. Når du trekkjer samtykket, trekkjer deg eller får opplysningane sletta, fjernar vi namnet frå alt dette. Det tek høgst eitt minutt, og litt lenger på ei side som alt står open. Kopiar som andre alt har lasta ned, kan vi ikkje slette.\n\n' +
      'Vil du seinare fjerne berre namnet og framleis stå bak løftet, opnar du denne lenka og trykkjer på «Fjern berre namnet mitt»:\n{hideNameUrl}',
    confirmLink: 'Stadfest at du sluttar deg til {campaign}',
    deleteLink: 'Slett opplysningane mine',
    hideNameLink: 'Fjern berre namnet mitt frå dei offentlege listene',
    alreadySubject: 'Du har alt slutta deg til {campaign}',
    alreadyMail:
      'Hei!\n\n' +
      'Nokon, truleg du, har prøvd å slutte seg til {campaign} igjen med denne e-postadressa. Du står alt oppført, så du treng ikkje gjere noko.\n\n' +
      'Vil du trekkje deg, kan du gjere det her:\n{withdrawUrl}\n\n' +
      'Helsing KS',
    withdrawLink: 'Trekk meg frå {campaign} og slett opplysningane mine',
    pageDescription: 'Her stadfestar eller trekkjer du underskrifta di på {campaign}, {about}.',
    confirmTitle: 'Stadfest underskrifta di',
    confirmText: 'Sjekk at opplysningane stemmer, og trykk på knappen for å slutte deg til {campaign}.',
    changedText:
      'Opplysningane vart endra etter at du opna sida, så ingenting er stadfesta enno. Sjå over dei, og trykk på knappen igjen om dei stemmer.',
    amendedText:
      'Opplysningane under vart endra etter at skjemaet først vart sendt med denne e-postadressa. Det er desse som blir registrerte om du stadfestar, og namnet ditt blir ikkje vist offentleg. Var det ikkje du som endra dei, trykkjer du på «Det stemmer ikkje – slett opplysningane».',
    nameLabel: 'Namn',
    roleLabel: 'Rolle',
    municipalityLabel: 'Kommune eller fylkeskommune',
    roleElected: 'Folkevald',
    roleCandidate: 'Kandidat ved valet',
    publicNameLabel: 'Namnet ditt blir vist offentleg',
    publicNameYes: 'Ja, når KS har sjekka det',
    publicNameText:
      'Namnet ditt blir vist først når KS har sjekka det. Vil du fjerne namnet seinare, finn du ei lenke for det i e-posten.',
    yes: 'Ja',
    no: 'Nei',
    confirmButton: 'Stadfest',
    wrongTitle: 'Stemmer ikkje dette?',
    wrongText:
      'Då slettar du opplysningane her. Vil du vere med, sluttar du deg til på nytt med dei rette opplysningane og får ein ny e-post. Var det ikkje du som ville slutte deg til, treng du ikkje gjere noko meir når dei er sletta.',
    wrongButton: 'Det stemmer ikkje – slett opplysningane',
    discardedTitle: 'Opplysningane er sletta',
    discardedText:
      'Underskrifta vart ikkje stadfesta, og namnet, e-postadressa, rolla og kommunen er sletta. Vil du slutte deg til {campaign}, kan du gjere det på nytt med dei rette opplysningane.',
    confirmedTitle: 'Takk!',
    confirmedText:
      'Du har slutta deg til {campaign}. Talet på folkevalde og kandidatar som står bak løftet, er no {count}.',
    withdrawTitle: 'Trekk underskrifta di',
    withdrawText:
      'Hei, {name}! Trykk på knappen for å trekkje deg frå {campaign}. Namnet, e-postadressa, rolla og kommunen din blir sletta.',
    withdrawButton: 'Trekk meg',
    hideNameTitle: 'Vil du berre fjerne namnet ditt?',
    hideNameText:
      'Du har sagt ja til at vi viser namnet og rolla di offentleg saman med kommunen din når KS har sjekka namnet. Du kan fjerne dei og likevel stå bak løftet: underskrifta di blir framleis talt med, men namnet er borte frå sidene og frå opne data innan eitt minutt.',
    hideNameButton: 'Fjern berre namnet mitt',
    nameHiddenTitle: 'Namnet ditt er fjerna',
    nameHiddenText:
      'Du står framleis bak {campaign}, og underskrifta di blir talt med, men vi viser ikkje namnet og rolla di offentleg. Innan eitt minutt er namnet borte frå sidene og frå opne data. Vil du trekkje deg heilt, kan du bruke den same lenka igjen.',
    withdrawPendingTitle: 'Slett opplysningane',
    withdrawPendingText:
      'Nokon har brukt denne e-postadressa for å slutte seg til {campaign}, men underskrifta er ikkje stadfesta. Trykk på knappen for å slette opplysningane.',
    withdrawPendingButton: 'Slett opplysningane',
    hideNamePendingText:
      'Namnet ditt blir ikkje vist før underskrifta er stadfesta. Fjernar du det no, blir det ikkje vist etterpå heller, og du kan framleis stadfeste underskrifta med lenka i e-posten.',
    namePendingHiddenTitle: 'Namnet ditt blir ikkje vist',
    namePendingHiddenText:
      'Underskrifta er ikkje stadfesta enno. Stadfestar du ho med lenka i e-posten, blir ho talt med, men vi viser ikkje namnet og rolla di offentleg.',
    withdrawnTitle: 'Du har trekt deg',
    keptUntil: ', og seinast {date}, når tida for å ta vare på dei etter kampanjen er ute',
    withdrawnText: 'Opplysningane om deg er sletta.',
    invalidTitle: 'Lenka verkar ikkje',
    invalidText:
      'Lenka er alt brukt, ho har gått ut, eller ho er ikkje kopiert heilt. Har du stadfesta før, står underskrifta di framleis. Elles kan du slutte deg til på nytt.',
    backLink: 'Les om {campaign} hjå KS',
  },
} satisfies Record<Lang, Record<string, string>>;

/** "1 time", "72 timer" / "72 timar": a number of hours with the noun in the right number. */
export function hoursText(lang: Lang, hours: number): string {
  const n = new Intl.NumberFormat(lang === 'nn' ? 'nn-NO' : 'nb-NO').format(hours);
  return fill(hours === 1 ? texts[lang].hoursOne : texts[lang].hoursMany, { n });
}

/** The texts a signer of one campaign reads: `texts[lang]` with {campaign} and {about} filled in. */
export type SignerTexts = Readonly<Record<keyof (typeof texts)['nb'], string>>;

const filled = new WeakMap<Campaign, Partial<Record<Lang, SignerTexts>>>();

/**
 * What the service says to a signer of `campaign`, in `lang`: every text with the campaign's title
 * and `about` in, filled once per campaign and language. The mails and the pages take their words
 * from here only, so a signer of one campaign is never told of another, or of its pledge.
 */
export function signerTexts(lang: Lang, campaign: Campaign): SignerTexts {
  const done = filled.get(campaign) ?? {};
  filled.set(campaign, done);
  const day = deletionDay(campaign);
  const words = {
    campaign: campaign.texts[lang].title,
    about: campaign.texts[lang].about,
    kept: day ? fill(texts[lang].keptUntil, { date: formatDate(day) }) : '',
  };
  done[lang] ??= Object.fromEntries(
    Object.entries(texts[lang]).map(([key, text]) => [key, fill(text, words)]),
  ) as SignerTexts;
  return done[lang];
}

/**
 * The campaign whose words a signer reads, by its id (a token's, a mail's, a result page's
 * address's). An id that names no campaign (a folder since removed, an address altered), or none:
 * the current campaign.
 */
export const signersCampaign = (campaigns: Campaigns, id: string | undefined): Campaign =>
  (id === undefined ? undefined : campaigns.get(id)) ?? campaigns.current();
