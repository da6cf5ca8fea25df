// What each engine's parts of the Store provide (store/sqlite/, store/postgres/), and the columns
// they read alike: written once, so that the two engines cannot drift apart in what they offer.
import { SIGNATURE_ROW_COLUMNS, type Store } from './store.js';

export type SignatureMethods = Pick<
  Store,
  | 'sign'
  | 'lookupToken'
  | 'confirm'
  | 'hideName'
  | 'withdraw'
  | 'discardPending'
  | 'erase'
  | 'erasable'
  | 'purgeUnconfirmed'
  | 'decideNames'
  | 'deleteCampaignData'
  | 'campaignDeletions'
>;

export type CouncilMethods = Pick<
  Store,
  | 'count'
  | 'local'
  | 'signersByCouncil'
  | 'publicSigners'
  | 'adoptions'
  | 'adoptionsNewestFirst'
  | 'recordAdoption'
  | 'deleteAdoption'
>;

export type AdminMethods = Pick<
  Store,
  | 'adminLinkRequested'
  | 'adminLink'
  | 'adminSignIn'
  | 'adminSession'
  | 'adminSignOut'
  | 'audit'
  | 'auditLog'
  | 'auditCount'
  | 'waitingNames'
  | 'waitingNameCount'
  | 'exportRows'
  | 'signaturesWhere'
  | 'signaturesByPlace'
  | 'signaturesByDay'
>;

/** The columns of a signature in the export (GET /api/admin/signatures.csv), as SQL selects them. */
export const SIGNATURE_ROW_SQL = SIGNATURE_ROW_COLUMNS.join(', ');

/** The columns of a name waiting for KS (the admin's "Navn til godkjenning"). */
export const WAITING_NAME_COLUMNS = 'id, name, role, municipality, confirmed_at';
