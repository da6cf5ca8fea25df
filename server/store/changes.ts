// What a store tells beyond its answers, the same for both engines: a version that the count's
// memos compare, and the mailboxes of people whose data was just deleted.
import { changesCount, type Decision } from './writes.js';

export class Changes {
  /** Goes up with every change to the count or to what the public answers show. */
  version = 0;
  readonly #forgetListeners: ((mailboxes: string[]) => void)[] = [];

  onForget(listener: (mailboxes: string[]) => void): void {
    this.#forgetListeners.push(listener);
  }

  /** Tells the listeners whose data was deleted, so that copies elsewhere go too. */
  forgotten(mailboxes: readonly string[]): void {
    if (!mailboxes.length) return;
    for (const listener of this.#forgetListeners) listener([...mailboxes]);
  }

  /** After a decision's transaction has committed: the memos, if it changed the count. */
  committed(decision: Pick<Decision<unknown>, 'writes'>): void {
    if (changesCount(decision.writes)) this.version++;
  }
}
