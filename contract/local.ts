/**
 * A council's own figures, as `GET /api/count?municipality=CODE` adds them to the national count
 * (one request per widget): the widget's local line, the councils page and the open data share
 * this shape.
 */
import type { Role } from './signature.js';

/** A signer who consented to be shown: name and role only, never an address. */
export interface PublicName {
  name: string;
  role: Role;
}

export interface LocalFigures {
  /** The SSB code asked for (4 digits: a municipality, 2: a county). */
  code: string;
  /** As the form lists it: "Bergen", "Guovdageaidnu – Kautokeino", "Vestland fylkeskommune". */
  name: string;
  /** Confirmed signatures from this council's elected officials and candidates. */
  signatures: number;
  /** The council's recorded adoption, or null when none is recorded. */
  adopted: { on: string; link: string | null } | null;
  /** Confirmed signers who consented to be shown, by name; at most `LOCAL_NAMES_MAX`. */
  names: PublicName[];
}

/** The most names one count answer carries; the councils page lists them all. */
export const LOCAL_NAMES_MAX = 300;

/** `GET /api/count?municipality=CODE`: the national count and, for a code in the list, `local`. */
export interface CountWithLocal {
  signatures: number;
  councils: number;
  updatedAt: string | null;
  /** null for a well-formed code that is not in the list. */
  local: LocalFigures | null;
}
