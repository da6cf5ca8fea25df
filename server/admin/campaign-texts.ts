// What the admin page says of campaigns (the start screen's table and choice, the header's line),
// in bokmål and nynorsk: spread into adminTexts (texts.ts), so every screen reads them alike and
// the spelling test checks them with the rest.

const nb = {
  campaignLabel: 'Kampanje',
  campaignSwitch: 'Vis kampanjen',
  campaignsTitle: 'Kampanjene',
  campaignsLead:
    'Hver kampanje har egne dager for underskriving, egne vedtak og egne tall. Navn, e-postadresser og lenker slettes når tiden for å ta vare på dem er ute; antallet underskrifter per kommune og rolle og vedtakene blir stående.',
  colCampaign: 'Kampanje',
  colState: 'Underskriving',
  colOpens: 'Første dag',
  colCloses: 'Siste dag',
  colDeletion: 'Navn og adresser slettes',
  stateOpen: 'Åpen',
  stateUpcoming: 'Ikke åpnet ennå',
  stateClosed: 'Avsluttet',
  fromStart: 'Fra starten',
  noEnd: 'Ikke satt',
  deletedOn: 'Slettet {date}',
  deletionAfterClose: 'Når siste dag er satt',
  currentCampaign: '{title} (vises der ingen kampanje er valgt)',
  chosenCampaign: 'Du arbeider med {title}.',
};

const nn: typeof nb = {
  campaignLabel: 'Kampanje',
  campaignSwitch: 'Vis kampanjen',
  campaignsTitle: 'Kampanjane',
  campaignsLead:
    'Kvar kampanje har eigne dagar for underskriving, eigne vedtak og eigne tal. Namn, e-postadresser og lenker blir sletta når tida for å ta vare på dei er ute; talet på underskrifter per kommune og rolle og vedtaka blir ståande.',
  colCampaign: 'Kampanje',
  colState: 'Underskriving',
  colOpens: 'Første dag',
  colCloses: 'Siste dag',
  colDeletion: 'Namn og adresser blir sletta',
  stateOpen: 'Open',
  stateUpcoming: 'Ikkje opna enno',
  stateClosed: 'Avslutta',
  fromStart: 'Frå starten',
  noEnd: 'Ikkje sett',
  deletedOn: 'Sletta {date}',
  deletionAfterClose: 'Når siste dag er sett',
  currentCampaign: '{title} (blir vist der ingen kampanje er vald)',
  chosenCampaign: 'Du arbeider med {title}.',
};

export const campaignTexts = { nb, nn };
