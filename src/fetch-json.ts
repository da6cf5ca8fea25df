/** An answer from the signature service: its status, and its JSON body when it had one. */
export interface JsonAnswer {
  status: number;
  /** The parsed body; undefined when it was not JSON, not parseable, or too large to read. */
  data: unknown;
}

/** Reads at most `max` bytes, so a huge or endless body costs nothing. */
async function readSmallBody(response: Response, max: number): Promise<string | undefined> {
  if (Number(response.headers.get('content-length')) > max || !response.body) return undefined;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (let size = 0; ;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.length;
    if (size > max) {
      reader.cancel().catch(() => undefined);
      return undefined;
    }
    text += decoder.decode(value, { stream: true });
  }
}

/**
 * Asks the service, without cookies (`credentials: 'omit'`). Resolves undefined when no answer
 * came at all (network down, `timeout` ms passed, `init.signal` aborted); never rejects. The body of
 * an answer that is not JSON, or longer than `maxBytes`, is not read.
 */
export async function fetchJson(
  url: string,
  init: RequestInit,
  maxBytes: number,
  timeout = 15_000,
): Promise<JsonAnswer | undefined> {
  const abort = new AbortController();
  const stop = () => {
    abort.abort();
  };
  const timer = setTimeout(stop, timeout);
  // The caller's signal may live long (the form's lives with the element): let go of it after.
  init.signal?.addEventListener('abort', stop);
  try {
    const response = await fetch(url, { ...init, credentials: 'omit', signal: abort.signal });
    const json = /^application\/([\w.+-]+\+)?json\b/i.test(response.headers.get('content-type') ?? '');
    const body = json ? await readSmallBody(response, maxBytes) : undefined;
    let data: unknown;
    try {
      data = body === undefined ? undefined : JSON.parse(body);
    } catch {
      /* not JSON after all */
    }
    return { status: response.status, data };
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    init.signal?.removeEventListener('abort', stop);
  }
}
