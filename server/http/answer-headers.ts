// The headers every answer of the service carries, set by app.ts's onSend hook. The count's
// prepared answer (signing/api.ts), which is sent past that hook, takes them from here too.

/** A year; a browser that has seen the service over HTTPS goes there by HTTPS only. */
const HSTS_MAX_AGE = 31_536_000;

/** No MIME sniffing, no Referer; HTTPS only once seen over HTTPS (not on a plain-http setup). */
export function answerHeaders(publicUrl: string): Readonly<Record<string, string>> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(publicUrl.startsWith('https://') ? { 'strict-transport-security': `max-age=${HSTS_MAX_AGE}` } : {}),
  };
}
