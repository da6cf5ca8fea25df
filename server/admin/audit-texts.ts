// What the audit log (the log screen) calls each action, in bokmål and nynorsk; adminTexts
// (texts.ts) carries them as `actions`, so the spelling test checks them with the rest.
import type { AuditAction } from '../store/index.js';

const nb: Record<AuditAction, string> = {
  'sign-in': 'Logget inn',
  'sign-out': 'Logget ut',
  'adoption-recorded': 'Registrerte et vedtak',
  'adoption-updated': 'Endret et vedtak',
  'adoption-removed': 'Fjernet et vedtak',
  export: 'Hentet ut underskriftene',
  erasure: 'Slettet opplysninger om en person',
  'names-approved': 'Godkjente navn',
  'names-rejected': 'Avviste navn',
  'campaign-data-deleted': 'Slettet navn og adresser til underskriverne etter kampanjen',
};

const nn: Record<AuditAction, string> = {
  'sign-in': 'Logga inn',
  'sign-out': 'Logga ut',
  'adoption-recorded': 'Registrerte eit vedtak',
  'adoption-updated': 'Endra eit vedtak',
  'adoption-removed': 'Fjerna eit vedtak',
  export: 'Henta ut underskriftene',
  erasure: 'Sletta opplysningar om ein person',
  'names-approved': 'Godkjende namn',
  'names-rejected': 'Avviste namn',
  'campaign-data-deleted': 'Sletta namn og adresser til underskrivarane etter kampanjen',
};

export const auditActions = { nb, nn };
