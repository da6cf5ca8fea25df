import { html, nothing } from 'lit';
import { fetchJson } from './fetch-json.js';
import { addMessages } from './localize.js';
import { PAIR } from './pair.js';
import { safeHref } from './pledge-content.js';
import type { Kit } from './signing/kit.js';

/** What every module that comes later brings: its build's token, a place for the kit, its nynorsk table. */
interface Lazy {
  PAIR: string;
  setKit(kit: Kit): void;
  nn: unknown;
}

/** A module that comes later: a function that fetches it, and `now`, for a render. */
export interface Later<M> {
  (): Promise<M>;
  /**
   * The module if it has come. Else undefined: it is fetched, and the host renders again once it
   * has; after a failure the host is left as it is, and its next render asks again.
   */
  now(host: { requestUpdate(): void }): M | undefined;
}

/**
 * A module that comes later (the form, a council's own lines, a campaign's words), once per page
 * for every widget on it. On arrival it gets the first script's Lit and helpers, and its nynorsk
 * messages join the table. One from another build is refused like a failed fetch; a failure is
 * forgotten, so the next attempt asks again.
 */
export function lazyModule<M extends Lazy>(importer: () => Promise<M>): Later<M> {
  let module: Promise<M> | undefined;
  let ready: M | undefined;
  const load = (() =>
    (module ??= importer()
      .then((m) => {
        if (m.PAIR !== PAIR) throw new Error();
        m.setKit({ html, nothing, fetchJson, safeHref });
        addMessages(m.nn);
        return (ready = m);
      })
      .catch((error: unknown) => {
        module = undefined;
        throw error;
      }))) as Later<M>;
  load.now = (host) =>
    ready ??
    void load().then(
      () => {
        host.requestUpdate();
      },
      // Not fetched: the host stays as it is, quietly; its next render asks again.
      // eslint-disable-next-line @typescript-eslint/no-empty-function
      () => {},
    );
  return load;
}
