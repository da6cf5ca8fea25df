import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fetchCount, type Count } from './count-client.js';

export type CountState = 'off' | 'loading' | 'ok' | 'unavailable';

interface Options {
  /** The count URL, or '' when the counter is off. */
  url: () => string;
  /** Seconds between refreshes while visible; 0 or less: never refresh. */
  interval: () => number;
}

/**
 * Keeps one element's count fresh: one GET when connected, then a slow refresh only while the
 * element is on screen and the tab is shown. A refresh that fails keeps the last good figures.
 */
export class CountController implements ReactiveController {
  #state: CountState | undefined;
  /**
   * Before the element is first connected (and on the server, which never connects it), the state
   * the connection will start in: server-rendered markup reserves the counter's space, as the
   * browser's first render does.
   */
  get state(): CountState {
    return this.#state ?? (this.#options.url() ? 'loading' : 'off');
  }
  count: Count | undefined;
  /**
   * The figures the last fetch changed, for the element to announce. The first figures are not
   * news, and a widget off screen says nothing (issue 9: a page of widgets must not chatter).
   */
  news: ('signatures' | 'councils')[] = [];

  #host: ReactiveControllerHost & Element;
  #options: Options;
  #url = '';
  #interval = 0;
  #abort: AbortController | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #onScreen = false;
  #lastFetch = 0;
  #observer: IntersectionObserver | undefined;

  constructor(host: ReactiveControllerHost & Element, options: Options) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /**
   * Fetches now, whatever the refresh schedule says. Every fetch asks the service, even while the
   * browser holds a fresh copy: a 304 costs nothing, and a reader who reloads the page right after
   * confirming sees the same figure as the page that thanked them.
   */
  refresh(): Promise<void> {
    const url = this.#url;
    if (!url) return Promise.resolve();
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.#lastFetch = Date.now();
    return fetchCount(url, abort.signal).then((count) => {
      if (abort.signal.aborted && this.#abort !== abort) return; // superseded
      const last = this.#onScreen ? this.count : undefined;
      this.news = last && count ? (['signatures', 'councils'] as const).filter((key) => count[key] !== last[key]) : [];
      if (count) this.count = count;
      this.#state = this.count ? 'ok' : 'unavailable';
      this.#host.requestUpdate();
    });
  }

  hostConnected(): void {
    this.#observer = new IntersectionObserver(([entry]) => {
      this.#onScreen = entry.isIntersecting;
      this.#refreshIfStale();
    });
    this.#observer.observe(this.#host);
    document.addEventListener('visibilitychange', this.#refreshIfStale);
    this.#restart();
  }

  hostUpdate(): void {
    // Attributes that move the counter (api, no-counter, refresh-interval) take effect at once.
    if (this.#options.url() !== this.#url || this.#options.interval() !== this.#interval) this.#restart();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    document.removeEventListener('visibilitychange', this.#refreshIfStale);
    this.#stop();
  }

  #restart(): void {
    this.#stop();
    this.#url = this.#options.url();
    this.#interval = this.#options.interval();
    this.count = undefined;
    this.news = [];
    this.#state = this.#url ? 'loading' : 'off';
    if (!this.#url) return;
    void this.refresh();
    if (this.#interval > 0) this.#timer = setInterval(this.#refreshIfStale, this.#interval * 1000);
  }

  #stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    clearInterval(this.#timer);
  }

  #refreshIfStale = (): void => {
    const due = this.#lastFetch + this.#interval * 1000 - 500;
    if (this.#url && this.#interval > 0 && this.#onScreen && !document.hidden && Date.now() >= due) {
      void this.refresh();
    }
  };
}
